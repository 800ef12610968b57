#!/usr/bin/env bash
# Builds local stand-ins for the upstream images compose.yaml names and a machine without a registry cannot pull:
# PostgreSQL, Redis, Prometheus and Alertmanager. Offline, from the Debian packages' own programs: each with the C
# libraries ldd lists for it, plus busybox (the shell and wget the compose health checks run), on scratch, as
# scripts/image.sh builds the node image. Each behaves as its upstream image does for what compose.yaml uses (ports,
# paths, environment variables, user ids, command lines); ../compose.standins.yaml swaps them in. Grafana is not
# packaged in Debian: it has no stand-in. Installs the packages with apt-get when missing (as root).
# Usage: deploy/compose/standins/build.sh
#   -> localhost/memesnipe-standin-{postgres,redis,prometheus,alertmanager}:standin (also tagged with their versions)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$here/../../../target/standins

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || ! command -v redis-server >/dev/null 2>&1 \
    || ! command -v prometheus >/dev/null 2>&1 || ! command -v prometheus-alertmanager >/dev/null 2>&1 \
    || [ ! -x /bin/busybox ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql redis-server prometheus \
      prometheus-alertmanager busybox-static >/dev/null
  else
    echo "standins: please install postgresql, redis-server, prometheus, prometheus-alertmanager, busybox-static" >&2
    exit 1
  fi
fi

# put ROOT FILE [PATH]: copies FILE (links followed) to PATH (default: the same path) under ROOT, with the shared
# libraries ldd lists for it at their own paths
put() {
  local root=$1 file=$2 path=${3:-$2} lib
  mkdir -p "$root$(dirname "$path")" && cp -L "$file" "$root$path"
  ldd "$file" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}' | while read -r lib; do
    [ -e "$root$lib" ] || { mkdir -p "$root$(dirname "$lib")" && cp -L "$lib" "$root$lib"; }
  done
}

# context NAME USER UID: a fresh build context under target/standins/NAME with busybox (every applet in /bin), /tmp,
# the image's user, its Containerfile and entry point (if any), and owned/ (copied in as the user's); sets $root
context() {
  local ctx=$out/$1 applet
  root=$ctx/rootfs
  rm -rf "$ctx" && mkdir -p "$root/bin" "$root/tmp" "$root/etc" "$ctx/owned"
  cp /bin/busybox "$root/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
  done
  chmod 1777 "$root/tmp"
  printf 'root:x:0:0::/root:/bin/sh\n%s:x:%s:%s::/:/bin/sh\n' "$2" "$3" "$3" > "$root/etc/passwd"
  printf 'root:x:0:\n%s:x:%s:\n' "$2" "$3" > "$root/etc/group"
  cp "$here/$1.Containerfile" "$ctx/Containerfile"
  if [ -f "$here/$1-entrypoint.sh" ]; then
    install -D -m 755 "$here/$1-entrypoint.sh" "$root/usr/local/bin/docker-entrypoint.sh"
  fi
}

build() { # build NAME VERSION
  podman build --format docker -q -t "localhost/memesnipe-standin-$1:standin" -t "localhost/memesnipe-standin-$1:$2" \
    "$out/$1" >/dev/null
  echo "standins: built localhost/memesnipe-standin-$1 ($2)" >&2
}

# PostgreSQL: Debian's programs at the official image's paths (/usr/lib/postgresql/N/bin, also on PATH through
# /usr/local/bin), its share files, extension libraries (without JIT) and the time zones; user postgres = 999
pg=$(ls -d /usr/lib/postgresql/*/bin/postgres | sort -V | tail -n 1)
pg=${pg%/bin/postgres}
context postgres postgres 999
for p in postgres initdb pg_ctl pg_isready psql pg_dump pg_restore; do
  put "$root" "$pg/bin/$p" && ln -s "$pg/bin/$p" "$root/usr/local/bin/$p"
done
for so in "$pg"/lib/*.so; do case $so in *llvmjit*) ;; *) put "$root" "$so";; esac; done
mkdir -p "$root/usr/share/postgresql" && cp -r "/usr/share/postgresql/${pg##*/}" "$root/usr/share/postgresql/"
cp -r /usr/share/zoneinfo "$root/usr/share/"
mkdir -p "$out/postgres/owned/run" "$out/postgres/owned/data" && chmod 700 "$out/postgres/owned/data"
build postgres "$("$pg/bin/postgres" --version | awk '{print $3}')"

# Redis: redis-server and redis-cli in /usr/local/bin as upstream; user redis = 999, working directory /data
context redis redis 999
put "$root" "$(command -v redis-server)" /usr/local/bin/redis-server
put "$root" "$(command -v redis-cli)" /usr/local/bin/redis-cli
mkdir -p "$out/redis/owned/data"
build redis "$(redis-server --version | sed 's/.* v=\([^ ]*\).*/\1/')"

# Prometheus and Alertmanager: /bin/prometheus and /bin/promtool, /bin/alertmanager and /bin/amtool as upstream, with
# the web assets and templates Debian's builds read from /usr/share/prometheus; user nobody = 65534, data under
# /prometheus and /alertmanager
context prometheus nobody 65534
put "$root" "$(command -v prometheus)" /bin/prometheus
put "$root" "$(command -v promtool)" /bin/promtool
mkdir -p "$root/usr/share/prometheus" && cp -r /usr/share/prometheus/web "$root/usr/share/prometheus/"
mkdir -p "$out/prometheus/owned/data"
build prometheus "$(prometheus --version 2>&1 | awk 'NR == 1 {print $3}' | cut -d+ -f1)"

context alertmanager nobody 65534
put "$root" "$(command -v prometheus-alertmanager)" /bin/alertmanager
put "$root" "$(command -v amtool)" /bin/amtool
mkdir -p "$root/usr/share/prometheus" && cp -r /usr/share/prometheus/alertmanager "$root/usr/share/prometheus/"
mkdir -p "$out/alertmanager/owned/data"
build alertmanager "$(prometheus-alertmanager --version 2>&1 | awk 'NR == 1 {print $3}' | cut -d+ -f1)"
