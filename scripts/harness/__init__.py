"""One way to start the bot: free ports, the server commands, the endpoints file, waiting for an answer,
percentiles.

Used by tests/helpers/server_harness.py (the server tests), scripts/bench.py (make bench) and scripts/scale_check.py
(make test-scale). scripts/run.sh (make run: the Rasa server with the actions inside it) and deploy/entrypoint.sh
(the Rasa server or the action server, one per container) start the same commands from the shell. Standard
library only: importable without the virtual environment's packages.
"""
from scripts.harness.servers import (
    ACTIONS_IN_PROCESS,
    NLG_ENDPOINT,
    QUIET_ENV,
    actions_command,
    free_port,
    percentile,
    rasa_command,
    wait_http,
    write_endpoints,
)

__all__ = ["ACTIONS_IN_PROCESS", "NLG_ENDPOINT", "QUIET_ENV", "actions_command", "free_port", "percentile",
           "rasa_command", "wait_http", "write_endpoints"]
