"""The Makefile trains with `rasa train --skip-validation` only after `make validate` has checked the data.

The project's own Makefile in a scratch folder, with the files it looks at and a fake python and rasa that only
say how they were called: what make runs, in which order, given which files are newer than which.
"""
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make")


# The files the Makefile's training and validation rules look at (one of each kind).
INPUTS = (".venv/.installed", "config.yml", "domain.yml", "data/nlu/topic.yml", "actions/topic.py",
          "scripts/validate.py")
FAKE_TOOL = """#!/bin/sh
echo "$(basename "$0") $*" >> calls.log
"""


@pytest.fixture
def project(tmp_path):
    """The Makefile with a fake python and rasa in .venv/bin, which only write their arguments to calls.log."""
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    for name in INPUTS:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    for name in ("requirements.txt", "requirements-dev.txt", "scripts/find_python310.sh"):
        (tmp_path / name).write_text("")
        age(tmp_path, name, 1000)
    age(tmp_path, ".venv/.installed", 900)         # the venv is installed
    (tmp_path / ".venv/bin").mkdir()
    for tool in ("python", "rasa"):
        (tmp_path / ".venv/bin" / tool).write_text(FAKE_TOOL)
        (tmp_path / ".venv/bin" / tool).chmod(0o755)
    return tmp_path


def age(project, name, seconds_ago):
    path = project / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()
    stamp = path.stat().st_mtime - seconds_ago
    os.utime(path, (stamp, stamp))


def make(project, *targets):
    """Runs make on those targets; returns the tools' calls, in order."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("MAKE")}
    (project / "calls.log").unlink(missing_ok=True)
    subprocess.run(["make", "--no-print-directory", *targets], cwd=project, env=env, capture_output=True,
                   text=True, check=True)
    log = project / "calls.log"
    return log.read_text().splitlines() if log.exists() else []


def validations(calls):
    return [call for call in calls if call.startswith("python scripts/validate.py")]


def trainings(calls):
    return [call for call in calls if call.startswith("rasa train")]


def test_a_first_training_validates_then_trains_without_validating_again(project):
    calls = make(project, "train")
    assert len(validations(calls)) == 1
    assert trainings(calls) == ["rasa train --skip-validation --fixed-model-name cpas --out models"]
    assert calls.index(validations(calls)[0]) < calls.index(trainings(calls)[0])


def test_make_test_order_validates_once(project):
    calls = make(project, "validate", "train")       # make test: validate, then the model
    assert len(validations(calls)) == 1 and len(trainings(calls)) == 1


def test_nothing_runs_when_the_model_is_newer_than_everything(project):
    make(project, "train")
    assert make(project, "train") == []


def test_changed_training_data_is_validated_and_trained(project):
    make(project, "train")
    age(project, "models/.validated", 200)
    age(project, "models/cpas.tar.gz", 100)
    calls = make(project, "train")      # the data files are newer than the model
    assert len(validations(calls)) == 1 and len(trainings(calls)) == 1


def test_changed_action_code_is_validated_but_does_not_retrain(project):
    make(project, "train")
    for name in set(INPUTS) - {"actions/topic.py"}:
        age(project, name, 300)
    age(project, "models/.validated", 200)
    age(project, "models/cpas.tar.gz", 100)
    calls = make(project, "train")      # actions/topic.py was written just now: it may name a response
    assert len(validations(calls)) == 1
    assert trainings(calls) == []
