#!/usr/bin/env bash
# Schemathesis against a real server, as a client sees it: uvicorn on a fresh database with the
# demo network, a network admin's token, two workers of concurrent requests, every check and
# every phase (stateful included). Run once per backend; fails if either run finds anything.
#
#   scripts/fuzz.sh [sqlite|postgres]...        (default: both)
#
# Every check but positive_data_acceptance: business rules refuse some schema-valid input on
# purpose (an unknown INSEE code, a meeting ending before it starts, a stale If-Match), a documented
# 409/412/422 rather than a fault; FUZZ_EXCLUDE= (empty) runs it too.
#
# FUZZ_PG_URL       the PostgreSQL database to recreate (default: PG_URL's server, database
#                   ancrage_fuzz); FUZZ_PORT (default: a free one), FUZZ_EXAMPLES (examples per
#                   operation, 10), FUZZ_SEED (1), FUZZ_ARGS (more `schemathesis run` options, e.g.
#                   `--max-time 600`: fuzzing and stateful phases then repeat until it is spent).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=$ROOT/.venv/bin
OUT=$ROOT/var/fuzz
PORT=${FUZZ_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
EXAMPLES=${FUZZ_EXAMPLES:-10}
EXCLUDE=${FUZZ_EXCLUDE-positive_data_acceptance}
PG_URL=${PG_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test}
FUZZ_PG_URL=${FUZZ_PG_URL:-${PG_URL%/*}/ancrage_fuzz}
ADMIN=fuzz-admin@example.org
PASSWORD=fuzz-admin-passphrase
BASE=http://127.0.0.1:$PORT/api/v1

mkdir -p "$OUT"
cd "$ROOT"

fresh_database() {  # $1: backend; prints the database URL
  case $1 in
    sqlite)
      rm -f "$OUT"/fuzz.db "$OUT"/fuzz.db-wal "$OUT"/fuzz.db-shm
      echo "sqlite:///$OUT/fuzz.db"
      ;;
    postgres)
      "$BIN"/python - "$FUZZ_PG_URL" <<'PY'
import sys
from sqlalchemy import create_engine, make_url, text
url = make_url(sys.argv[1])
admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
with admin.connect() as conn:
    conn.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
    conn.execute(text(f'CREATE DATABASE "{url.database}"'))
PY
      echo "$FUZZ_PG_URL"
      ;;
    *) echo "unknown backend: $1 (sqlite or postgres)" >&2; exit 2 ;;
  esac
}

server=
stop_server() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    server=
  fi
}
trap stop_server EXIT

fuzz() {  # $1: backend. Called in a condition, where `set -e` is off: each step checks itself.
  local backend=$1 url token status=0 exclude=()
  [ -z "$EXCLUDE" ] || exclude=(--exclude-checks "$EXCLUDE")
  echo "== fuzz on $backend =="
  url=$(fresh_database "$backend") || return 1
  export DATABASE_URL=$url ENVIRONMENT=development ACCESS_TOKEN_TTL_SECONDS=86400
  {
    "$BIN"/alembic upgrade head
    "$BIN"/ancrage load-demo
    echo "$PASSWORD" | "$BIN"/ancrage create-admin "$ADMIN"
  } >"$OUT/setup-$backend.log" 2>&1 || { cat "$OUT/setup-$backend.log" >&2; return 1; }

  "$BIN"/uvicorn api.main:app --host 127.0.0.1 --port "$PORT" --no-access-log \
    >"$OUT/server-$backend.log" 2>&1 &
  server=$!
  for _ in $(seq 1 60); do
    curl -fsS "$BASE/health" >/dev/null 2>&1 && break
    sleep 0.5
  done
  token=$(curl -fsS "$BASE/auth/token" --data-urlencode "username=$ADMIN" \
    --data-urlencode "password=$PASSWORD" |
    "$BIN"/python -c 'import json, sys; print(json.load(sys.stdin)["access_token"])') ||
    { echo "no server or no token on $backend: see $OUT/server-$backend.log" >&2; return 1; }

  # From $OUT: Schemathesis keeps the failures it found there (.schemathesis/) and replays them
  # first on the next run.
  # shellcheck disable=SC2086  # FUZZ_ARGS is a list of options
  (cd "$OUT" && "$BIN"/schemathesis run "$BASE/openapi.json" \
    --header "Authorization: Bearer $token" \
    --workers 2 \
    --checks all "${exclude[@]}" \
    --phases examples,coverage,fuzzing,stateful \
    --max-examples "$EXAMPLES" \
    --seed "${FUZZ_SEED:-1}" \
    --generation-database none \
    --report junit --report-junit-path "$OUT/junit-$backend.xml" \
    --no-color \
    ${FUZZ_ARGS:-}) || status=$?
  stop_server
  if grep -q "Traceback" "$OUT/server-$backend.log"; then
    echo "the server logged errors on $backend: see $OUT/server-$backend.log" >&2
    status=1
  fi
  return "$status"
}

backends=("$@")
[ ${#backends[@]} -gt 0 ] || backends=(sqlite postgres)
failed=()
for backend in "${backends[@]}"; do
  fuzz "$backend" || failed+=("$backend")
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "== fuzz found failures on: ${failed[*]} (reports in $OUT) ==" >&2
  exit 1
fi
echo "== fuzz passed on: ${backends[*]} =="
