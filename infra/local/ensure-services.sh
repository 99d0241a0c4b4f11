#!/usr/bin/env bash
# Makes sure the PostgreSQL and Redis that AURA Fleet needs are running on this developer machine.
# Starts them when they are installed but stopped; otherwise says exactly what to install.
# Only local servers are managed: a DATABASE_URL / REDIS_URL pointing elsewhere is just checked.
set -uo pipefail

DATABASE_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/aura_fleet}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"

pg_host=$(node -e 'const u=new URL(process.argv[1]);console.log(u.hostname||"127.0.0.1")' "$DATABASE_URL") || exit 78
pg_port=$(node -e 'const u=new URL(process.argv[1]);console.log(u.port||5432)' "$DATABASE_URL") || exit 78
redis_host=$(node -e 'const u=new URL(process.argv[1]);console.log(u.hostname||"127.0.0.1")' "$REDIS_URL") || exit 78
redis_port=$(node -e 'const u=new URL(process.argv[1]);console.log(u.port||6379)' "$REDIS_URL") || exit 78

is_local() { [[ "$1" == "127.0.0.1" || "$1" == "localhost" || "$1" == "::1" || "$1" == "[::1]" ]]; }

tcp_open() { node -e '
  const s=require("net").connect(+process.argv[2],process.argv[1]);
  s.setTimeout(1500,()=>process.exit(1));s.on("connect",()=>process.exit(0));s.on("error",()=>process.exit(1));' "$1" "$2"; }

wait_for() { # host port seconds
  for _ in $(seq 1 $(( $3 * 4 ))); do tcp_open "$1" "$2" && return 0; sleep 0.25; done
  return 1
}

status=0

if tcp_open "$pg_host" "$pg_port"; then
  echo "postgresql: up at $pg_host:$pg_port"
elif ! is_local "$pg_host"; then
  echo "postgresql: NOT reachable at $pg_host:$pg_port (remote server; start it there)" >&2; status=1
elif command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  echo "postgresql: starting cluster $version/main"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  if wait_for "$pg_host" "$pg_port" 20; then echo "postgresql: up at $pg_host:$pg_port"
  else echo "postgresql: failed to start; see /var/log/postgresql/" >&2; status=1; fi
else
  cat >&2 <<MSG
postgresql: not installed. Install PostgreSQL 15 or newer, e.g. on Debian/Ubuntu:
  sudo apt-get install -y postgresql && sudo pg_ctlcluster --skip-systemctl-redirect 15 main start
or run the services with Docker: docker compose -f infra/docker-compose.yml up -d
MSG
  status=1
fi

if tcp_open "$redis_host" "$redis_port"; then
  echo "redis: up at $redis_host:$redis_port"
elif ! is_local "$redis_host"; then
  echo "redis: NOT reachable at $redis_host:$redis_port (remote server; start it there)" >&2; status=1
elif command -v redis-server >/dev/null 2>&1; then
  echo "redis: starting redis-server on port $redis_port"
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$redis_port" --save "" --appendonly no >/dev/null
  if wait_for "$redis_host" "$redis_port" 10; then echo "redis: up at $redis_host:$redis_port"
  else echo "redis: failed to start" >&2; status=1; fi
else
  cat >&2 <<MSG
redis: not installed. Install Redis 7, e.g. on Debian/Ubuntu:
  sudo apt-get install -y redis-server
or run the services with Docker: docker compose -f infra/docker-compose.yml up -d
MSG
  status=1
fi

exit $status
