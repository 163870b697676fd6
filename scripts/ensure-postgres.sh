#!/usr/bin/env bash
# PostgreSQL must answer at 127.0.0.1:5432 for the test suite. If it does not, install and start
# it from Debian's packages; if that fails, stop loudly: the suite never skips a backend.
set -euo pipefail

answers() {
  python3 - <<'PY'
import socket, sys
try:
    socket.create_connection(("127.0.0.1", 5432), timeout=2).close()
except OSError:
    sys.exit(1)
PY
}

if answers; then
  echo "PostgreSQL answers at 127.0.0.1:5432"
  exit 0
fi

echo "PostgreSQL does not answer at 127.0.0.1:5432: installing and starting it from Debian's packages"
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q postgresql
fi
version=$(ls /etc/postgresql | sort -V | tail -n 1)
[ -n "$version" ] || $SUDO pg_createcluster --start 15 main
version=$(ls /etc/postgresql | sort -V | tail -n 1)
hba=/etc/postgresql/$version/main/pg_hba.conf
# Local test server only: trust connections from this machine, as CI's service does.
if ! grep -q "ancrage-test" "$hba"; then
  printf '# ancrage-test: trust loopback\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n' \
    | $SUDO tee /tmp/ancrage-hba >/dev/null
  $SUDO sh -c "cat '$hba' >> /tmp/ancrage-hba && cp /tmp/ancrage-hba '$hba'"
fi
$SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
for _ in $(seq 1 30); do answers && break; sleep 1; done
if ! answers; then
  echo "ERROR: PostgreSQL still does not answer at 127.0.0.1:5432; the PostgreSQL test run cannot happen." >&2
  exit 1
fi
psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'test'" | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE test"
echo "PostgreSQL started at 127.0.0.1:5432"
