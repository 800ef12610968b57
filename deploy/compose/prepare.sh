#!/usr/bin/env bash
# Writes what compose.yaml mounts, under ./secrets (never commit it): a fresh CA and certificates from
# `memesnipe certs`, split so that each container gets only ca.pem and its own certificate and key (risk also its
# approval key; the executor and the signer the approval public key; Prometheus the monitoring certificate),
# plus random passwords for PostgreSQL and Grafana and the signer key's passphrase. Run it again to rotate.
# Usage: ./prepare.sh [--san NAME]...   (extra names or IPs the nodes are reached by, e.g. risk.memesnipe.svc)
# The CA key stays in secrets/ca, mounted nowhere.
set -euo pipefail
cd "$(dirname "$0")"
jar=${MEMESNIPE_JAR:-../../cli/target/memesnipe.jar}
[ -f "$jar" ] || { echo "prepare: $jar missing: run ./mvnw -DskipTests package in the repository first" >&2; exit 1; }
umask 077
rm -rf secrets/ca secrets/certs && mkdir -p secrets/certs
# the signer listens on its fixed address on the internal signing network (compose.yaml): its health check asks it there
java -jar "$jar" certs --out secrets/ca --san localhost --san 172.28.30.10 "$@" >/dev/null
give() { # give NODE FILE...: copies the files into secrets/certs/NODE (readable by the containers' user)
  local node=$1; shift
  mkdir -p "secrets/certs/$node"
  for f in ca.pem "$@"; do cp "secrets/ca/$f" "secrets/certs/$node/$f"; done
}
give gateway gateway.pem gateway-key.pem
give strategy strategy.pem strategy-key.pem
give risk risk.pem risk-key.pem risk-approval.key operator.token.sha256
give executor executor.pem executor-key.pem risk-approval.pub
give signer signer.pem signer-key.pem risk-approval.pub
give monitor monitor.pem monitor-key.pem
for secret in pg_password signer_passphrase grafana_admin_password; do
  [ -s "secrets/$secret" ] || head -c 24 /dev/urandom | base64 | tr -d '/+=' > "secrets/$secret"
done
cp secrets/pg_password secrets/pg_password_server   # the same password, owned by the database's own user
# every file stays owner-only and is owned by the user that reads it: the nodes run as 65532, Prometheus as nobody
# (65534), PostgreSQL as 999, Grafana as 472 (rootless podman maps these ids, so the change is made inside its user
# namespace)
own() { if command -v podman >/dev/null 2>&1 && [ "$(id -u)" != 0 ]; then podman unshare chown -R "$@"; else chown -R "$@"; fi; }
own 65532:65532 secrets/certs secrets/pg_password secrets/signer_passphrase
own 65534:65534 secrets/certs/monitor
own 999:999 secrets/pg_password_server
own 472:472 secrets/grafana_admin_password
echo "prepare: wrote secrets/ (certificates per node, passwords); keep it out of version control" >&2
