# Rasa Open Source 3.6 on Python 3.10, with the model trained at build time.
FROM python:3.10-slim
ENV PYTHONDONTWRITEBYTECODE=1 RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=2 TQDM_DISABLE=1
WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --no-cache-dir "pip>=25.1" && pip install --no-cache-dir --group rasa
COPY bot/ bot/
COPY data/nlu/ data/nlu/
WORKDIR /app/bot
RUN rasa train --fixed-model-name housing-guide --out /app/models \
      --config config.yml --domain domain.yml --data data ../data/nlu
# content/<lang>/system.yml: what the chat channels say while the action server is unreachable.
COPY content/ /app/content/
RUN useradd --system --home /app rasa && chown -R rasa /app
USER rasa
EXPOSE 5005
# Embedded defaults (in-memory stores, no API token): the `dev` profile. docker-compose.yml runs
# production replicas with endpoints.production.yml and --auth-token instead.
CMD ["rasa", "run", "--enable-api", "--model", "/app/models/housing-guide.tar.gz", \
     "--endpoints", "endpoints.yml", "--credentials", "credentials.yml", "--port", "5005"]
