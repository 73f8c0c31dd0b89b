"""One way to start the bot: free ports, the two server commands, waiting for an answer, percentiles.

Used by tests/helpers/server_harness.py (the server tests), scripts/bench.py (make bench) and scripts/scale_check.py
(make test-scale). scripts/run.sh (make run) and deploy/entrypoint.sh start the same two commands from the
shell. Standard library only: importable without the virtual environment's packages.
"""
from scripts.harness.servers import (
    NLG_ENDPOINT,
    QUIET_ENV,
    actions_command,
    free_port,
    percentile,
    rasa_command,
    wait_http,
    write_endpoints,
)

__all__ = ["NLG_ENDPOINT", "QUIET_ENV", "actions_command", "free_port", "percentile", "rasa_command", "wait_http",
           "write_endpoints"]
