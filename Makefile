# Assistant CPAS — every target is idempotent and runs from the venv in .venv.
SHELL := /bin/bash
.DEFAULT_GOAL := help

export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export RASA_TELEMETRY_ENABLED := false
export PYTHONDONTWRITEBYTECODE := 1
export PYTHONHASHSEED := 0

VENV   := .venv
BIN    := $(VENV)/bin
RASA   := $(BIN)/rasa
MODEL  := models/cpas.tar.gz
STAMP  := $(VENV)/.installed

TRAINING_FILES := config.yml domain.yml $(shell find data -name '*.yml' 2>/dev/null | sort)
VALIDATED := models/.validated
VALIDATE_INPUTS := $(TRAINING_FILES) scripts/validate.py \
                   $(shell find actions cpas_rasa knowledge -name '*.py' -o -name '*.yml' 2>/dev/null | sort)

.PHONY: help setup lint train validate check-knowledge report purge test-e2e bench bench-growth test-scale run shell test test-unit test-stories eval-real clean

help:
	@echo "make run    - set up, train if needed, start the bot (REST on http://localhost:5005)"
	@echo "make shell  - the same, in the Rasa shell (for CPAS staff)"
	@echo "make test   - set up, lint, validate, train if needed, run every test"
	@echo "make lint   - ruff (ruff.toml) on the Python, yamllint (.yamllint) on the Rasa and knowledge YAML"
	@echo "make eval-real [URL=http://localhost:5005] - the real-world set (tests/heldout/real/): figures and misses"
	@echo "make test-e2e - the web widget in a headless chromium (keyboard, quick reply, axe-core)"
	@echo "make bench [PROFILE=1] - measure this bot against a plain rasa init bot (docs/performance.md);"
	@echo "             PROFILE=1 also records where a turn's CPU time goes (py-spy)"
	@echo "make bench-growth - the 50th turn against the first, a store of 100 000 conversations against an"
	@echo "             empty one (SQLite, PostgreSQL), memory after 1 000 conversations (docs/performance-growth.md)"
	@echo "make test-scale - 2 replicas on PostgreSQL + Redis behind nginx, 50 conversations, one replica killed"
	@echo "make setup  - create .venv and install the pinned packages"
	@echo "make train  - train only when data, config or domain changed"
	@echo "make report [DAYS=30] - the staff report, reports/report.html"
	@echo "make purge DAYS=30 - delete conversations older than DAYS days from the tracker store"
	@echo "make check-knowledge - check the dated amounts file (actions/rules/parameters.yml)"

$(STAMP): requirements.txt requirements-dev.txt scripts/find_python310.sh
	@PY=$$(scripts/find_python310.sh) || exit 1; \
	  echo "Using $$PY"; \
	  [ -x $(BIN)/python ] || $$PY -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip wheel
	$(BIN)/python -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	@touch $@

setup: $(STAMP)

# rasa train skips its own validation (about 18 s, story conflicts included): make validate, stricter, has
# already checked the same data. The model waits for it (order-only: a newer check does not retrain).
$(MODEL): $(STAMP) $(TRAINING_FILES) | $(VALIDATED)
	@mkdir -p models
	$(RASA) train --skip-validation --fixed-model-name cpas --out models
	@touch $@

train: $(MODEL)

YAML_FILES := data domain.yml config.yml credentials.yml endpoints.yml knowledge actions/rules/parameters.yml \
              tests/stories tests/heldout tests/rules/cases

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/yamllint --strict $(YAML_FILES)

# rasa data validate --fail-on-warnings --max-history 5, where every warning fails (scripts/validate.py says
# which ones the code answers for: responses sent by the actions, intents sent by the channels).
validate: $(STAMP)
	$(BIN)/python scripts/validate.py --max-history 5
	@mkdir -p models && touch $(VALIDATED)

# Validated since the data, or the code and tables that name responses and intents, last changed.
$(VALIDATED): $(STAMP) $(VALIDATE_INPUTS)
	@$(MAKE) --no-print-directory validate

check-knowledge: $(STAMP)
	$(BIN)/python scripts/check_knowledge.py

report: $(STAMP)
	$(BIN)/python scripts/report.py $(if $(DAYS),--days $(DAYS))

purge: $(STAMP)
	@if [ -z "$(DAYS)" ]; then echo "Usage: make purge DAYS=30 (deletes conversations older than DAYS days)"; exit 2; fi
	$(BIN)/python scripts/purge.py --days $(DAYS)

run: $(MODEL)
	@scripts/run.sh server

shell: $(MODEL)
	@scripts/run.sh shell

test-unit: $(STAMP)
	$(BIN)/python -m pytest tests -m "not model" -q

test-stories: $(MODEL)
	$(RASA) test core --stories tests/stories --model $(MODEL) --fail-on-prediction-errors --out results

test: lint validate check-knowledge $(MODEL)
	$(BIN)/python -m pytest tests -q
	$(MAKE) --no-print-directory test-stories

# The real-world evaluation set of issue 13 (tests/heldout/real/), against a running bot (URL=...) or one it
# starts; it measures and never fails (tests/nlu/test_real_world.py holds the floors, in make test).
eval-real: $(if $(URL),$(STAMP),$(MODEL))
	$(BIN)/python scripts/eval_real.py $(if $(URL),--url $(URL))

# The widget in Debian's headless chromium (installed by the script when missing; exit 3 when it cannot be).
test-e2e: $(MODEL)
	@scripts/test_e2e.sh

# This bot against a plain `rasa init` bot (latency, throughput, memory, ready, training): docs/performance.md.
# It reports and never fails a build because a goal is missed.
bench: $(STAMP)
	$(BIN)/python scripts/bench.py $(if $(PROFILE),--profile)

# Does a turn cost more as the work grows (a long conversation, a full tracker store, many conversations)?
# docs/performance-growth.md; it reports and never fails a build because a goal is missed.
bench-growth: $(MODEL)
	$(BIN)/python scripts/bench_growth.py

# Two Rasa replicas on PostgreSQL (tracker store) and Redis (lock store) behind nginx, with the action server,
# all from Debian's packages on loopback (installed by the script when missing; exit 3 when they cannot be):
# 50 concurrent conversations, one replica killed in the middle, every conversation read back from PostgreSQL.
test-scale: $(MODEL)
	@scripts/test_scale.sh $(if $(CONVERSATIONS),--conversations $(CONVERSATIONS))

clean:
	rm -rf models results .rasa
