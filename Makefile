# Two environments from one pyproject.toml: .venv-rasa (Rasa 3.6, Python 3.10) and
# .venv-actions (the FastAPI action server). `make run` and `make test` are all a new user needs.

SHELL := /bin/bash
.DEFAULT_GOAL := help

RASA_VENV    := .venv-rasa
ACTIONS_VENV := .venv-actions
RASA         := $(RASA_VENV)/bin/rasa
APY          := $(ACTIONS_VENV)/bin/python
MODEL        := models/housing-guide.tar.gz
LOCALES      := actions/locales
CATALOGS_PO  := $(wildcard $(LOCALES)/*/LC_MESSAGES/messages.po)
CATALOGS_MO  := $(CATALOGS_PO:.po=.mo)
TRAINING_DATA := $(shell find bot data/nlu -type f \( -name '*.yml' -o -name '*.py' \) ! -name endpoints.yml ! -name credentials.yml 2>/dev/null)

# Embedded defaults; every variable is documented in README.md.
export ACTIONS_HOST ?= 127.0.0.1
export ACTIONS_PORT ?= 5055
export RASA_HOST ?= 127.0.0.1
export RASA_PORT ?= 5005
export ACTION_ENDPOINT_URL ?= http://$(ACTIONS_HOST):$(ACTIONS_PORT)/webhook
# No network here and no need for it: Rasa must not phone home.
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
# Progress bars fill CI logs with carriage returns.
export TQDM_DISABLE := 1

.PHONY: help setup envs run test lint format model eval converse safety-net bench validate-data migrate catalogs i18n-extract i18n-update i18n-check clean

help:
	@echo "make run    set everything up (environments, model, database) and start the bot"
	@echo "make test   set up what the tests need, run the linters and the whole test suite"
	@echo "make eval   evaluate the NLU per language on the held-out test set (tests/nlu/)"
	@echo "make converse  play the typed conversations (tests/conversations/) through both servers"
	@echo "other: setup envs model migrate catalogs lint format i18n-extract i18n-update i18n-check clean"

# --- environments -------------------------------------------------------------------------
envs: $(RASA_VENV)/.installed $(ACTIONS_VENV)/.installed

$(RASA_VENV)/.installed: pyproject.toml
	@test -x $(RASA_VENV)/bin/python || "$$(scripts/find-python310)" -m venv $(RASA_VENV)
	$(RASA_VENV)/bin/python -m pip install --quiet --upgrade "pip>=25.1"
	$(RASA_VENV)/bin/python -m pip install --quiet --group rasa
	@touch $@

$(ACTIONS_VENV)/.installed: pyproject.toml
	@test -x $(APY) || "$$(scripts/find-python310)" -m venv $(ACTIONS_VENV)
	$(APY) -m pip install --quiet --upgrade "pip>=25.1"
	$(APY) -m pip install --quiet -e . --group dev
	@touch $@

# --- interface text (Babel) -----------------------------------------------------------------
catalogs: $(CATALOGS_MO)

$(LOCALES)/%/LC_MESSAGES/messages.mo: $(LOCALES)/%/LC_MESSAGES/messages.po $(ACTIONS_VENV)/.installed
	$(ACTIONS_VENV)/bin/pybabel compile --domain messages --directory $(LOCALES) --locale $* --statistics

i18n-extract: $(ACTIONS_VENV)/.installed
	$(ACTIONS_VENV)/bin/pybabel extract -F babel.cfg -c "Translators:" --no-location --sort-output \
	  --project housing-guide -o $(LOCALES)/messages.pot actions

i18n-update: i18n-extract
	$(ACTIONS_VENV)/bin/pybabel update -D messages -i $(LOCALES)/messages.pot -d $(LOCALES) \
	  --no-fuzzy-matching --ignore-obsolete

i18n-check: $(ACTIONS_VENV)/.installed
	$(APY) -m actions.i18n.check

# --- model, database ------------------------------------------------------------------------
model: $(MODEL)

# Retrained only when it is missing or older than any of its training data or configuration.
$(MODEL): $(TRAINING_DATA) $(RASA_VENV)/.installed
	@start=$$(date +%s); cd bot && ../$(RASA) train --fixed-model-name housing-guide --out ../models \
	  --config config.yml --domain domain.yml --data data ../data/nlu \
	  && echo $$(( $$(date +%s) - start )) > ../models/train-seconds
	@touch $@

# Per-language accuracy, macro-F1, worst intents and confusions on the held-out tests/nlu/;
# the output is committed as evaluation/nlu-report.md.
eval: $(MODEL)
	@mkdir -p evaluation/.work
	@for lang in fi en ar; do \
	  (cd bot && ../$(RASA) test nlu --model ../$(MODEL) --nlu ../tests/nlu/$$lang \
	     --out ../evaluation/.work/production/$$lang --no-plot > ../evaluation/.work/test-$$lang.log 2>&1) \
	  || { tail -20 evaluation/.work/test-$$lang.log; exit 1; }; \
	done
	@$(APY) evaluation/nlu_report.py evaluation/.work/production --train-seconds models/train-seconds \
	  | tee evaluation/nlu-report.md

# The typed-conversation corpus (tests/conversations/) through the real Rasa and action servers:
# per language, hand-offs ending in a correct ticket, declines storing nothing, repeated questions,
# reply language, topic per turn, emergency false alarms -> evaluation/conversation-report.md.
converse: envs catalogs $(MODEL)
	$(APY) evaluation/converse.py $(CONVERSE_ARGS)

# The emergency safety net's two thresholds against missed emergencies and false alarms on the
# held-out test set (bot/config.yml takes the highest booster threshold that keeps recall 1.0).
safety-net: $(MODEL)
	cd bot && PYTHONPATH=. ../$(RASA_VENV)/bin/python ../evaluation/safety_net.py

# Load benchmark: 20 simulated residents against our production shape (PostgreSQL tracker store,
# Redis lock store, 1 and 2 Rasa replicas) and an untouched `rasa init` bot measured in the same
# run; writes bench/report.md (committed) and bench/results/latest.json. About 10 minutes;
# needs PostgreSQL and Redis on 127.0.0.1 (see README.md, "Benchmark"). BENCH_ARGS adds options.
bench: envs catalogs $(MODEL)
	bench/run $(BENCH_ARGS)

# Rasa's own consistency check of domain, rules and training data.
validate-data: $(RASA_VENV)/.installed
	cd bot && ../$(RASA) data validate --fail-on-warnings --config config.yml --domain domain.yml \
	  --data data ../data/nlu 2>&1 | grep -v -i "deprecat\|jax\|tensorflow\|warnings.warn\|xla_computation" ; \
	  exit $${PIPESTATUS[0]}

migrate: $(ACTIONS_VENV)/.installed
	$(ACTIONS_VENV)/bin/housing-guide migrate

# Debian's Chromium for the browser tests (no browser is ever downloaded by a test tool).
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "The browser tests need Debian's chromium: sudo apt-get install chromium" >&2; exit 1; fi

# axe-core from the npm registry, for the accessibility checks of the browser tests.
AXE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

setup: envs catalogs model migrate

# --- the two commands ---------------------------------------------------------------------
run: setup
	scripts/run-servers

test: envs catalogs model $(CHROMIUM) $(AXE)
	$(MAKE) lint
	$(MAKE) i18n-check
	$(MAKE) validate-data
	$(APY) -m pytest

# --- code quality -------------------------------------------------------------------------
lint: $(ACTIONS_VENV)/.installed
	$(ACTIONS_VENV)/bin/ruff check actions tests bench evaluation
	$(ACTIONS_VENV)/bin/ruff format --check actions tests bench evaluation
	$(ACTIONS_VENV)/bin/mypy actions bench

format: $(ACTIONS_VENV)/.installed
	$(ACTIONS_VENV)/bin/ruff check --fix actions tests bench evaluation
	$(ACTIONS_VENV)/bin/ruff format actions tests bench evaluation

clean:
	rm -rf $(RASA_VENV) $(ACTIONS_VENV) models .rasa bot/.rasa .pytest_cache .mypy_cache .ruff_cache
