#!/usr/bin/env bash
# Lints deploy/: the compose files (dclint), the Kubernetes manifests (kubernetes-models schemas plus this
# deployment's rules), the Containerfiles (dockerfile-utils), every YAML file (yamllint) and the shell scripts
# (shellcheck). The npm tools are installed under deploy/lint/node_modules on first use; yamllint and shellcheck
# from Debian (as root) when missing. Part of the test command.
set -euo pipefail
cd "$(dirname "$0")/.."
# only what is missing: a Node.js from elsewhere (e.g. NodeSource, which bundles npm) conflicts with Debian's npm
missing=()
for tool in yamllint shellcheck npm; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "lint-deploy: please install ${missing[*]}" >&2; exit 1
  fi
fi
[ -d deploy/lint/node_modules/dclint ] || npm install --prefix deploy/lint --no-audit --no-fund --silent >/dev/null
yamllint -d '{extends: relaxed, ignore: [deploy/lint/node_modules/], rules: {line-length: {max: 200}}}' deploy
shellcheck -S warning scripts/*.sh deploy/compose/prepare.sh deploy/compose/standins/*.sh .ci/run
deploy/lint/node_modules/.bin/dclint deploy/compose/compose.yaml deploy/compose/compose.standins.yaml
node deploy/lint/k8s-validate.mjs deploy/k8s/namespace.yaml deploy/k8s/nodes.yaml deploy/k8s/network-policies.yaml \
  deploy/k8s/disruption-budgets.yaml
for containerfile in deploy/image/Containerfile deploy/compose/standins/*.Containerfile; do
  node deploy/lint/containerfile-lint.mjs "$containerfile"
done
echo "lint-deploy: compose, Kubernetes, Containerfiles, YAML and shell scripts clean" >&2
