#!/usr/bin/env bash
# Backup and restore of AURA Fleet's PostgreSQL database with pg_dump / pg_restore
# (docs/deployment.md, "Backup and restore"). The database is the only state to back up: Redis
# holds nothing that a flush loses for good.
#
#   DATABASE_URL=… infra/backup/pg-backup.sh backup FILE    dump to FILE (custom format, compressed),
#                                                           then read the archive back to check it
#   DATABASE_URL=… infra/backup/pg-backup.sh restore FILE   restore FILE into an EMPTY database
#                                                           (refuses one that has tables), then ANALYZE
#   DATABASE_URL=… infra/backup/pg-backup.sh counts         "table<TAB>rows" for every table, sorted
#                                                           (compare a source and its restore)
#
# DATABASE_URL is a libpq URL (postgresql://user:password@host:5432/db?sslmode=verify-full&
# sslrootcert=/path/ca.pem). pg_dump must be at least the server's major version: use the client of
# the server's version (PG_BIN=/usr/lib/postgresql/16/bin). RESTORE_JOBS=N (N > 1) restores with N
# parallel jobs instead of one transaction (faster on large databases; a failure then leaves a
# partial restore: drop and recreate the database before retrying).
set -euo pipefail

usage() {
  sed -n '6,11p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

[ $# -ge 1 ] || usage
command=$1
shift
: "${DATABASE_URL:?DATABASE_URL must name the database (postgresql://…)}"
bin=${PG_BIN:+$PG_BIN/}
jobs=${RESTORE_JOBS:-1}

# Tables of the public schema (partitions included) whose rows we count: exact counts, no extension,
# nothing created in the database.
count_rows() {
  "${bin}psql" --no-psqlrc --quiet --tuples-only --no-align --field-separator=$'\t' \
    --set=ON_ERROR_STOP=1 --dbname="$DATABASE_URL" --command "
    SELECT c.relname,
           (xpath('/row/n/text()',
                  query_to_xml(format('SELECT count(*) AS n FROM public.%I', c.relname), false, true, '')))[1]::text
      FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
     WHERE s.nspname = 'public' AND c.relkind IN ('r', 'p')
     ORDER BY c.relname"
}

case "$command" in
  backup)
    [ $# -eq 1 ] || usage
    file=$1
    partial="$file.partial"
    trap 'rm -f "$partial"' EXIT
    started=$(date +%s)
    # One consistent snapshot of the whole database (pg_dump runs in a repeatable-read transaction);
    # ingest and the worker keep running meanwhile.
    "${bin}pg_dump" --format=custom --compress=6 --file="$partial" --dbname="$DATABASE_URL"
    # A truncated or corrupt archive fails here, before it replaces anything.
    toc=$("${bin}pg_restore" --list "$partial")
    entries=$(grep -c ' TABLE DATA ' <<<"$toc" || true)
    mv "$partial" "$file"
    trap - EXIT
    echo "backup: $file ($(du -h "$file" | cut -f1), data of $entries tables, $(($(date +%s) - started)) s)"
    ;;
  restore)
    [ $# -eq 1 ] || usage
    file=$1
    [ -r "$file" ] || { echo "restore: cannot read $file" >&2; exit 1; }
    tables=$("${bin}psql" --no-psqlrc --tuples-only --no-align --set=ON_ERROR_STOP=1 --dbname="$DATABASE_URL" \
      --command "SELECT count(*) FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
                  WHERE s.nspname = 'public' AND c.relkind IN ('r', 'p')")
    if [ "$tables" != "0" ]; then
      echo "restore: the target database already has $tables tables; restore only into an empty database" >&2
      echo "         (create one: CREATE DATABASE aura_fleet_restore; point DATABASE_URL at it)" >&2
      exit 1
    fi
    started=$(date +%s)
    # --no-owner/--no-privileges: the restoring role owns everything (managed PostgreSQL has other
    # role names than the source). schema_migrations comes along, so the migration job sees the
    # restored schema's version and applies only what is newer.
    if [ "$jobs" -gt 1 ]; then
      "${bin}pg_restore" --no-owner --no-privileges --exit-on-error --jobs="$jobs" --dbname="$DATABASE_URL" "$file"
    else
      "${bin}pg_restore" --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$DATABASE_URL" "$file"
    fi
    # pg_restore brings no planner statistics: without them the first queries plan badly.
    "${bin}psql" --no-psqlrc --quiet --set=ON_ERROR_STOP=1 --dbname="$DATABASE_URL" --command "ANALYZE"
    echo "restore: $file restored ($(count_rows | wc -l) tables, $(($(date +%s) - started)) s)"
    ;;
  counts)
    [ $# -eq 0 ] || usage
    count_rows
    ;;
  *)
    usage
    ;;
esac
