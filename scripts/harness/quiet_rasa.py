"""Rasa's command line (`rasa run`, `rasa run actions`, `rasa shell`) without the third-party deprecation noise.

`make run` and `make shell` start Rasa through this module (scripts/run.sh): the screen then shows what runs
where, Rasa's own warnings about the bot (UserWarning: domain, config, data) and the bot's log lines, not a
screen of DeprecationWarnings from pkg_resources, jax, matplotlib, sanic_cors, click...  The one place that
decides which warnings a person starting the bot sees. PYTHONWARNINGS is not enough: importing sanic.app runs
`filterwarnings("once", category=DeprecationWarning)`, which comes before any filter set earlier.

    .venv/bin/python -m scripts.harness.quiet_rasa run --model models/cpas.tar.gz ...
"""
import sys
import warnings

# The bot's own code keeps its deprecation warnings (module names of this project).
OWN_MODULES = r"(actions|cpas_rasa|staff|scripts)(\.|$)"


def hide_third_party_deprecations() -> None:
    for category in (DeprecationWarning, PendingDeprecationWarning, FutureWarning):
        warnings.filterwarnings("ignore", category=category)
    warnings.filterwarnings("default", category=DeprecationWarning, module=OWN_MODULES)


def main() -> int:
    hide_third_party_deprecations()
    import sanic.app  # noqa: F401 - its import-time filter first, so that ours win

    hide_third_party_deprecations()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    return rasa_main()


if __name__ == "__main__":
    sys.exit(main())
