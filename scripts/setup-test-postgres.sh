#!/usr/bin/env bash
# Starts Debian's PostgreSQL cluster and creates the role the hall-mode tests use
# (MEDINS_TEST_PG_URL=postgres://medins_test:medins_test@127.0.0.1:5432/postgres).
# Test-only: the role may create databases and nothing else. Run as root (CI) or with sudo.
set -euo pipefail
cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $1" "$2}')
if [ -z "$cluster" ]; then
  echo "no PostgreSQL cluster found: apt-get install -y postgresql" >&2
  exit 1
fi
# shellcheck disable=SC2086
pg_ctlcluster $cluster start 2>/dev/null || true
for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q" && break
  sleep 0.5
done
su postgres -c "psql -v ON_ERROR_STOP=1 -q" <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'medins_test') THEN
    CREATE ROLE medins_test LOGIN CREATEDB PASSWORD 'medins_test';
  END IF;
END $$;
SQL
echo "PostgreSQL ready for tests: postgres://medins_test:medins_test@127.0.0.1:5432/postgres"
