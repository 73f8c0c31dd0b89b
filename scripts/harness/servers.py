"""The Rasa server (with the custom actions inside it, or with an action server first), on free localhost ports
(see the package docstring)."""
from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Union

PathLike = Union[str, Path]

# What every start sets, as the Makefile does for `make run`: no telemetry, TensorFlow and SQLAlchemy quiet.
QUIET_ENV: Dict[str, str] = {
    "RASA_TELEMETRY_ENABLED": "false",
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
}

# As in endpoints.yml: the answers are rendered with the facts of the day (parameters.yml, CPAS_TODAY,
# CPAS_PARAMETERS) and the commune profile (cpas_rasa/nlg.py).
NLG_ENDPOINT = "nlg:\n  type: cpas_rasa.nlg.FactsNaturalLanguageGenerator\n"
# As in endpoints.yml: the custom actions of actions/ run inside the Rasa server (cpas_rasa/actions_in_process.py).
ACTIONS_IN_PROCESS = 'action_endpoint:\n  actions_module: "actions"\n'


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout: float, process: Optional[subprocess.Popen] = None) -> float:
    """Wait until `url` answers (any HTTP answer); the seconds it took.

    RuntimeError when `process` exits first, TimeoutError after `timeout` seconds.
    """
    start = time.time()
    while time.time() - start < timeout:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process exited with {process.returncode} before {url} answered")
        try:
            urllib.request.urlopen(url, timeout=3).read()
            return time.time() - start
        except Exception:  # broad on purpose: refused, reset, 5xx while starting...
            time.sleep(1)
    raise TimeoutError(url)


def actions_command(rasa_bin: PathLike, port: int) -> List[str]:
    """The action server of actions/ (its host comes from SANIC_HOST, 127.0.0.1 for local runs)."""
    return [str(rasa_bin), "run", "actions", "--actions", "actions", "--port", str(port)]


def rasa_command(rasa_bin: PathLike, model: PathLike, endpoints: PathLike, port: int, *,
                 credentials: Optional[PathLike] = None, cors: Optional[str] = None,
                 interface: str = "127.0.0.1", extra: Sequence[str] = ()) -> List[str]:
    """The Rasa server with its model, endpoints, channels (credentials) and allowed origin."""
    command = [str(rasa_bin), "run", "--model", str(model), "--endpoints", str(endpoints)]
    if credentials is not None:
        command += ["--credentials", str(credentials)]
    command += ["--interface", interface, "--port", str(port)]
    if cors:
        command += ["--cors", cors]
    return command + list(extra)


def write_endpoints(path: Path, tracker_db: PathLike, actions_port: Optional[int] = None, *,
                    nlg: bool = True, tracker_store: Optional[str] = None, actions_in_process: bool = False) -> Path:
    """An endpoints file: the custom actions inside the Rasa server (``actions_in_process``, as endpoints.yml) or
    the action server on localhost (``actions_port``), or none (a plain `rasa init` bot); a SQLite tracker store in
    ``tracker_db`` (or the ``tracker_store:`` block given, e.g. PostgreSQL) and, with ``nlg`` (this bot; not a
    plain `rasa init` one), the NLG of endpoints.yml (NLG_ENDPOINT)."""
    if actions_in_process and actions_port:
        raise ValueError("the actions run either inside the Rasa server or on an action server, not both")
    text = ACTIONS_IN_PROCESS if actions_in_process else ""
    if actions_port:
        text = f'action_endpoint:\n  url: "http://127.0.0.1:{actions_port}/webhook"\n'
    text += tracker_store or f'tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: "{tracker_db}"\n'
    if nlg:
        text += NLG_ENDPOINT
    path.write_text(text, encoding="utf-8")
    return path


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) with linear interpolation between ranks (numpy's default method)."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} is not between 0 and 100")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)
