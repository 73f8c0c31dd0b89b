#!/bin/sh
# Entry point of the bot image (deploy/Dockerfile):
#   rasa     one Rasa replica: REST and messaging channels on 0.0.0.0:${RASA_PORT:-5005} (inside the container),
#            PostgreSQL tracker store and Redis lock store from deploy/endpoints.scale.yml (or $CPAS_ENDPOINTS)
#   actions  the action server on 0.0.0.0:${ACTIONS_PORT:-5055}, for the replicas only (internal network)
# Closed by default, like scripts/run.sh: CORS for one origin, CPAS_ALLOWED_ORIGIN (required, never "*");
# Rasa's HTTP API (/conversations, /model...) stays off unless CPAS_JWT_SECRET (32 characters at least) is
# set, and then only with JWT authentication (HS256). deploy/nginx.conf does not expose it anyway.
set -eu
APP=${CPAS_APP_DIR:-/app}
RASA=${RASA_BIN:-rasa}
cd "$APP"

case "${1:-rasa}" in
  actions)
    exec "$RASA" run actions --actions actions --port "${ACTIONS_PORT:-5055}"
    ;;
  rasa)
    origin=${CPAS_ALLOWED_ORIGIN:-}
    if [ -z "$origin" ]; then
      echo "CPAS_ALLOWED_ORIGIN is not set: give the commune site's origin, e.g. https://www.lahulpe.be" >&2
      exit 2
    fi
    case "$origin" in
      *'*'* | *' '*)
        echo "CPAS_ALLOWED_ORIGIN='$origin' is refused: give one origin, e.g. https://www.lahulpe.be" >&2
        exit 2
        ;;
    esac
    set -- run --model "${CPAS_MODEL:-$APP/models/cpas.tar.gz}" \
      --endpoints "${CPAS_ENDPOINTS:-$APP/deploy/endpoints.scale.yml}" --credentials "$APP/credentials.yml" \
      --interface 0.0.0.0 --port "${RASA_PORT:-5005}" --cors "$origin"
    if [ -n "${CPAS_JWT_SECRET:-}" ]; then
      if [ "${#CPAS_JWT_SECRET}" -lt 32 ]; then
        echo "CPAS_JWT_SECRET is too short: use at least 32 random characters (openssl rand -hex 32)." >&2
        exit 2
      fi
      set -- "$@" --enable-api --jwt-secret "$CPAS_JWT_SECRET" --jwt-method HS256
    fi
    exec "$RASA" "$@"
    ;;
  *)
    echo "usage: entrypoint.sh rasa|actions" >&2
    exit 2
    ;;
esac
