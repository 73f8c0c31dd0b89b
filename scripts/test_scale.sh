#!/usr/bin/env bash
# make test-scale: two Rasa replicas on PostgreSQL (tracker store) and Redis (lock store) behind nginx, with one
# action server, as `deploy/` describes them, on throw-away local instances.
#
#   scripts/test_scale.sh [--conversations 50] [--keep]     (options go to scripts/scale_check.py)
#
# It installs postgresql, redis-server and nginx with apt-get when they are missing (root or passwordless sudo),
# then scripts/scale_check.py starts everything on 127.0.0.1 only, on free ports, in a temporary folder, drives
# concurrent conversations through nginx, SIGKILLs one replica in the middle, and checks every turn and the
# events stored in PostgreSQL. Everything it started is stopped at the end, even on failure or Ctrl-C.
#
# Exit codes: 0 passed, 1 failed, 2 bad set-up (no venv, no model), 3 skipped: the servers cannot be installed
# (the line "test-scale skipped: cannot install postgresql/redis/nginx: <reason>" says why).
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY=.venv/bin/python
export RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=2 SQLALCHEMY_SILENCE_UBER_WARNING=1 PYTHONDONTWRITEBYTECODE=1

SKIPPED=3
skip() {
  echo "test-scale skipped: cannot install postgresql/redis/nginx: $*"
  exit "$SKIPPED"
}

[ -x "$PY" ] || { echo "test-scale: $PY is missing: run make setup first." >&2; exit 2; }
[ -f models/cpas.tar.gz ] || { echo "test-scale: models/cpas.tar.gz is missing: run make train first." >&2; exit 2; }

PG_LIBDIR=${SCALE_PG_LIBDIR:-/usr/lib/postgresql}   # (tests/deploy/test_deploy_files.py points these two elsewhere)
POLICY_RC=${SCALE_POLICY_RC:-/usr/sbin/policy-rc.d}
pg_bindir() {  # the newest PostgreSQL server binaries (Debian keeps them out of PATH)
  local d
  d=$(ls -d "$PG_LIBDIR"/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
  d=$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")
  if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
  return 1
}
find_nginx() { command -v nginx 2>/dev/null || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; }; }
find_redis() { command -v redis-server 2>/dev/null || { [ -x /usr/bin/redis-server ] && echo /usr/bin/redis-server; }; }

missing=()
pg_bindir >/dev/null || missing+=(postgresql)
find_redis >/dev/null || missing+=(redis-server)
find_nginx >/dev/null || missing+=(nginx)

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} with apt-get (services are not started by the packages)..."
  command -v apt-get >/dev/null || skip "${missing[*]} missing and there is no apt-get on this machine"
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO=(sudo -n); else
      skip "${missing[*]} missing, and this user is neither root nor allowed to use sudo without a password"
    fi
  fi
  # Debian's packages start their service on install (nginx would listen on 0.0.0.0:80): forbid it for the
  # duration of the install with the standard policy-rc.d, unless one is already there.
  made_policy=0
  if [ ! -e "$POLICY_RC" ]; then
    printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee "$POLICY_RC" >/dev/null \
      && "${SUDO[@]}" chmod 755 "$POLICY_RC" && made_policy=1
  fi
  log=$(mktemp)
  ok=1
  if ! "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$log" 2>&1; then
    ok=0; reason="apt-get update failed (no network?): $(grep -v '^\s*$' "$log" | tail -n 1)"
  elif ! "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >"$log" 2>&1; then
    ok=0; reason="apt-get install ${missing[*]} failed: $(grep -v '^\s*$' "$log" | tail -n 1)"
  fi
  [ "$made_policy" -eq 1 ] && "${SUDO[@]}" rm -f "$POLICY_RC"
  rm -f "$log"
  [ "$ok" -eq 1 ] || skip "$reason"
  pg_bindir >/dev/null || skip "postgresql installed but initdb/pg_ctl not found"
  find_redis >/dev/null || skip "redis-server installed but not found"
  find_nginx >/dev/null || skip "nginx installed but not found"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/cpas-scale.XXXXXX")
chmod 711 "$WORK"   # PostgreSQL runs as the postgres user when we are root: it must reach its own sub-folder
keep=0
for a in "$@"; do [ "$a" = "--keep" ] && keep=1; done

# Safety net: scale_check.py stops what it started itself; if it dies hard, this stops every process it
# recorded (one pid per line in $WORK/pids, PostgreSQL through pg_ctl) and removes the folder.
cleanup() {
  trap - EXIT INT TERM
  if [ -f "$WORK/pg/data/postmaster.pid" ]; then
    if [ "$(id -u)" -eq 0 ]; then
      runuser -u postgres -- "$(pg_bindir)/pg_ctl" -D "$WORK/pg/data" -m immediate -w stop >/dev/null 2>&1
    else
      "$(pg_bindir)/pg_ctl" -D "$WORK/pg/data" -m immediate -w stop >/dev/null 2>&1
    fi
  fi
  if [ -f "$WORK/pids" ]; then
    left=()
    while read -r pid; do
      [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && left+=("$pid")
    done <"$WORK/pids"
    if [ ${#left[@]} -gt 0 ]; then
      kill -TERM "${left[@]}" 2>/dev/null
      sleep 3
      kill -KILL "${left[@]}" 2>/dev/null
    fi
  fi
  if [ "$keep" -eq 1 ]; then echo "Kept $WORK (--keep)."; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

"$PY" scripts/scale_check.py --workdir "$WORK" --pg-bin "$(pg_bindir)" --redis "$(find_redis)" \
  --nginx "$(find_nginx)" --model "$ROOT/models/cpas.tar.gz" "$@" &
child=$!
# Ctrl-C or a CI timeout: scale_check.py gets SIGTERM, stops its servers and exits; then cleanup runs.
trap 'kill -TERM "$child" 2>/dev/null; wait "$child"; exit 130' INT
trap 'kill -TERM "$child" 2>/dev/null; wait "$child"; exit 143' TERM
wait "$child"
exit $?
