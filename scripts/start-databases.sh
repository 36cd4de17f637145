#!/usr/bin/env bash
# Makes sure the databases the JDBC key store's tests use answer, or fails saying why. Tests never skip a database.
#   PostgreSQL: 127.0.0.1:5432, trust auth, database test (user postgres)
#   MariaDB:    127.0.0.1:3306, root with an empty password, database test
# Starts a server that has stopped. On a Debian machine without them, --install installs both from Debian's
# packages and configures them as above (for a throw-away machine or container: it changes authentication).
# To use other servers instead, set IVS_PLAYBACK_TEST_POSTGRESQL_URL / IVS_PLAYBACK_TEST_MARIADB_URL to JDBC URLs
# and skip this script.
set -euo pipefail

pg_ok() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && psql -h 127.0.0.1 -U postgres -d test -tAc 'select 1' >/dev/null 2>&1; }
maria_ok() { mariadb -h 127.0.0.1 -P 3306 -uroot -e 'select 1' test >/dev/null 2>&1; }
wait_for() { for _ in $(seq 1 60); do "$1" && return 0; sleep 0.5; done; return 1; }

if [ "${1:-}" = "--install" ] && ! command -v pg_ctlcluster >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql mariadb-server
  ver="$(ls /etc/postgresql)"
  sed -i -E 's/^(host\s+all\s+all\s+127\.0\.0\.1\/32\s+)\S+/\1trust/; s/^(local\s+all\s+all\s+)\S+/\1trust/; s/^(local\s+all\s+postgres\s+)\S+/\1trust/' \
    "/etc/postgresql/$ver/main/pg_hba.conf"
  pg_ctlcluster --skip-systemctl-redirect "$ver" main start
  wait_for pg_ok || psql -U postgres -h 127.0.0.1 -c 'create database test' || true
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  sleep 2
  mariadb -uroot -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('');
    CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY ''; GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
    CREATE DATABASE IF NOT EXISTS test;" || true
fi

if ! pg_ok; then
  if command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "start-databases: starting PostgreSQL" >&2
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start || true
  fi
  if ! wait_for pg_ok; then
    echo "start-databases: PostgreSQL does not answer at 127.0.0.1:5432 (trust auth, database test)." >&2
    echo "  Install it with: scripts/start-databases.sh --install, or point IVS_PLAYBACK_TEST_POSTGRESQL_URL elsewhere." >&2
    exit 1
  fi
fi
if ! maria_ok; then
  if [ -x /usr/sbin/mariadbd ]; then
    echo "start-databases: starting MariaDB" >&2
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd || true
  fi
  if ! wait_for maria_ok; then
    echo "start-databases: MariaDB does not answer at 127.0.0.1:3306 (root, empty password, database test)." >&2
    echo "  Install it with: scripts/start-databases.sh --install, or point IVS_PLAYBACK_TEST_MARIADB_URL elsewhere." >&2
    exit 1
  fi
fi
echo "start-databases: PostgreSQL and MariaDB answer"
