# The FastAPI action server; applies migrations on start.
FROM python:3.10-slim
ENV PYTHONDONTWRITEBYTECODE=1
WORKDIR /app
COPY pyproject.toml README.md alembic.ini babel.cfg ./
COPY actions/ actions/
RUN pip install --no-cache-dir "pip>=25.1" && pip install --no-cache-dir -e . \
    && pybabel compile --domain messages --directory actions/locales
COPY content/ content/
RUN useradd --system --home /app actions && mkdir -p /app/var && chown -R actions /app/var
USER actions
EXPOSE 5055
# Migrations first, then the server; behind the proxy, trust its X-Forwarded-* headers (the
# port is only reachable on the internal network).
CMD ["sh", "-c", "housing-guide migrate && exec uvicorn actions.app:create_app --factory --host 0.0.0.0 --port 5055 --no-access-log --proxy-headers --forwarded-allow-ips '*'"]
