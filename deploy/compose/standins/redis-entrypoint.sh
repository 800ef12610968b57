#!/bin/sh
# The redis stand-in's entry point, as the official image's: arguments alone are given to redis-server, and a
# redis-server started without a configuration file that sets protected-mode runs with `--protected-mode no` (the
# containers of its network may connect; keep it on a private network).
set -eu
if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then set -- redis-server "$@"; fi
if [ "$1" = redis-server ]; then
  if [ ! -f "${2:-}" ] || ! grep -q '^protected-mode' "$2"; then set -- "$@" --protected-mode no; fi
fi
exec "$@"
