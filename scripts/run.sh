#!/usr/bin/env bash
# Starts the bot: `server` (REST channel on RASA_PORT, default 5005, and the demo commune page with the chat
# widget on 127.0.0.1:WEB_PORT, default 8080) or `shell` (Rasa shell). The custom actions run inside the Rasa
# server (endpoints.yml: action_endpoint.actions_module), so there is no action server to start.
# Everything stops on Ctrl-C. Called by `make run` and `make shell`, after set-up and training.
set -uo pipefail
cd "$(dirname "$0")/.."
mode=${1:-server}
BIN=.venv/bin
# Rasa without the third-party DeprecationWarnings (scripts/harness/quiet_rasa.py: the one place for filters).
RASA=("$BIN/python" -m scripts.harness.quiet_rasa)
MODEL=${CPAS_MODEL:-models/cpas.tar.gz}
RASA_HOST=${RASA_HOST:-127.0.0.1}
RASA_PORT=${RASA_PORT:-5005}
mkdir -p .run

# Closed by default: CORS only for the commune's origin; Rasa's HTTP API (conversations, trackers, model) only
# when CPAS_JWT_SECRET is set, and then only with a JWT signed with it (never an open API, never a bare token).
WEB_PORT=${WEB_PORT:-8080}
cors=${CPAS_ALLOWED_ORIGIN:-http://localhost:${WEB_PORT}}
if [ "$cors" = "*" ]; then
  echo "CPAS_ALLOWED_ORIGIN='*' is refused: give the commune site's origin, e.g. https://www.lahulpe.be" >&2
  exit 2
fi
api_args=()
api_status="off (set CPAS_JWT_SECRET to enable it with JWT authentication)"
if [ -n "${CPAS_JWT_SECRET:-}" ]; then
  if [ ${#CPAS_JWT_SECRET} -lt 32 ]; then
    echo "CPAS_JWT_SECRET is too short: use at least 32 random characters (e.g. openssl rand -hex 32)." >&2
    exit 2
  fi
  api_args=(--enable-api --jwt-secret "$CPAS_JWT_SECRET" --jwt-method HS256)
  api_status="on, JWT (HS256) required"
fi

pids=()
cleanup() {
  trap - EXIT INT TERM
  [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null
  wait 2>/dev/null
  echo "Assistant CPAS arrêté."
}
trap cleanup EXIT INT TERM

wait_for() {  # url, seconds
  for _ in $(seq 1 "$2"); do
    "$BIN/python" - "$1" <<'PY' && return 0
import sys, urllib.request
try:
    urllib.request.urlopen(sys.argv[1], timeout=1)
except Exception:
    sys.exit(1)
PY
    sleep 1
  done
  return 1
}

if [ "$mode" = shell ]; then
  echo "Rasa shell: type your messages, /stop to quit."
  "${RASA[@]}" shell --model "$MODEL" --endpoints endpoints.yml
  exit $?
fi

echo "Starting the demo commune page on http://localhost:${WEB_PORT}/demo/ ..."
"$BIN/python" scripts/serve_web.py --host 127.0.0.1 --port "$WEB_PORT" --bot "http://localhost:${RASA_PORT}" \
  >.run/web.log 2>&1 &
pids+=($!)
"${RASA[@]}" run --model "$MODEL" --endpoints endpoints.yml --credentials credentials.yml \
  --interface "$RASA_HOST" --port "$RASA_PORT" --cors "$cors" "${api_args[@]}" &
pids+=($!)
if wait_for "http://127.0.0.1:${RASA_PORT}/" 180; then
  if ! wait_for "http://127.0.0.1:${WEB_PORT}/demo/" 10; then
    echo "WARNING: the demo page did not start on port ${WEB_PORT} (already in use? set WEB_PORT); see .run/web.log" >&2
  fi
  cat <<MSG

Assistant CPAS is running:
  Demo page      http://localhost:${WEB_PORT}/demo/  (the widget: web/widget/cpas-widget.js)
  REST channel   http://localhost:${RASA_PORT}/webhooks/rest/webhook
                 curl -s -XPOST localhost:${RASA_PORT}/webhooks/rest/webhook -d '{"sender":"test","message":"bonjour"}'
  Actions        inside the Rasa server (endpoints.yml), no action server
  Allowed origin ${cors}
  HTTP API       ${api_status}
Press Ctrl-C to stop everything.
MSG
else
  echo "The bot is not answering on port ${RASA_PORT} yet; see the messages above." >&2
fi
wait "${pids[1]}"
