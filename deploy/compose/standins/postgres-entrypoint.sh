#!/bin/sh
# The postgres stand-in's entry point, doing what the official image's docker-entrypoint.sh does for
# deploy/compose: on the first start (no cluster in $PGDATA) it creates the cluster with the superuser
# $POSTGRES_USER (default postgres) and the password of $POSTGRES_PASSWORD or the file $POSTGRES_PASSWORD_FILE,
# password (scram-sha-256) authentication for clients on the network, listening on every address, and the database
# $POSTGRES_DB (default: the user's name); then, at every start, it runs the command (`postgres`).
set -eu
if [ "${1#-}" != "$1" ]; then set -- postgres "$@"; fi
if [ "$1" = postgres ] && [ ! -s "$PGDATA/PG_VERSION" ]; then
  user=${POSTGRES_USER:-postgres}
  db=${POSTGRES_DB:-$user}
  if [ -n "${POSTGRES_PASSWORD_FILE:-}" ]; then POSTGRES_PASSWORD=$(cat "$POSTGRES_PASSWORD_FILE"); fi
  if [ -z "${POSTGRES_PASSWORD:-}" ]; then
    echo "postgres: set POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE (the superuser's password)" >&2
    exit 1
  fi
  mkdir -p "$PGDATA" && chmod 700 "$PGDATA"
  pwfile=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
  initdb --username="$user" --pwfile="$pwfile" --encoding=UTF8 --locale=C --pgdata="$PGDATA" >/dev/null
  rm -f "$pwfile"
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  echo "listen_addresses = '*'" >> "$PGDATA/postgresql.conf"
  if [ "$db" != postgres ]; then
    printf 'CREATE DATABASE "%s";\n' "$(printf '%s' "$db" | sed 's/"/""/g')" \
      | postgres --single -j -D "$PGDATA" postgres >/dev/null
  fi
  echo "postgres: created the cluster in $PGDATA: superuser $user, database $db" >&2
fi
exec "$@"
