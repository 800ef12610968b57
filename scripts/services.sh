#!/usr/bin/env bash
# Makes sure PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) are running for the
# integration tests: starts them if installed, installs them on Debian/Ubuntu (as root) if not; and that
# Prometheus, promtool and Alertmanager (monitoring tests), Chromium and npm (dashboard test) are installed.
# Tests create their own databases and keys; nothing here is required to already exist.
set -uo pipefail

pg_up() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }
redis_up() { (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; }

install_pkgs() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "services: installing $*" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null 2>&1 || {
      apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null; }
  else
    echo "services: please install $* (needs root and apt-get)" >&2
    return 1
  fi
}

# A PostgreSQL this script installs gets trust authentication for the postgres role on loopback only (the
# tests connect as postgres to 127.0.0.1 and create throw-away databases); nothing else is opened.
trust_loopback() {
  local hba
  hba=$(ls /etc/postgresql/*/main/pg_hba.conf 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$hba" ] && ! grep -q "memesnipe-tests" "$hba"; then
    sed -i '1i host all postgres 127.0.0.1/32 trust # memesnipe-tests' "$hba"
  fi
}

if ! pg_up; then
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    install_pkgs postgresql && trust_loopback
  fi
  if command -v pg_ctlcluster >/dev/null 2>&1; then
    version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
    [ -n "$version" ] && pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null
  fi
  for _ in $(seq 1 30); do pg_up && break; sleep 0.5; done
fi
if ! redis_up; then
  command -v redis-server >/dev/null 2>&1 || install_pkgs redis-server
  if command -v redis-server >/dev/null 2>&1; then
    mkdir -p /var/lib/redis /var/log/redis 2>/dev/null
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log >/dev/null 2>&1 || \
      redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null 2>&1
  fi
  for _ in $(seq 1 30); do redis_up && break; sleep 0.5; done
fi

# The monitoring tests run a real Prometheus (promtool for the alert-rule unit tests) and Alertmanager.
if ! command -v promtool >/dev/null 2>&1 || ! command -v prometheus-alertmanager >/dev/null 2>&1; then
  install_pkgs --no-install-recommends prometheus prometheus-alertmanager
fi
command -v promtool >/dev/null 2>&1 && echo "services: Prometheus $(prometheus --version 2>&1 | head -n 1 | awk '{print $3}') and Alertmanager installed" >&2 \
  || echo "services: WARNING Prometheus/Alertmanager not installed (monitoring tests need them)" >&2

# The dashboard test drives the gateway's page in headless Chromium (playwright-core, installed by the test with npm).
command -v chromium >/dev/null 2>&1 || install_pkgs --no-install-recommends chromium
command -v npm >/dev/null 2>&1 || install_pkgs --no-install-recommends nodejs npm

pg_up && echo "services: PostgreSQL up on 127.0.0.1:5432" >&2 || echo "services: WARNING PostgreSQL not reachable" >&2
redis_up && echo "services: Redis up on 127.0.0.1:6379" >&2 || echo "services: WARNING Redis not reachable" >&2
exit 0
