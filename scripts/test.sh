#!/usr/bin/env bash
# The test command: starts PostgreSQL and Redis if needed (and installs Prometheus and Alertmanager), lints the
# deployment files (compose, Kubernetes, Containerfile, YAML, shell), then builds everything and runs every test
# tier (unit, node over real gRPC, end-to-end with separate JVMs and with the node image in podman containers,
# monitoring). Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/services.sh
scripts/podman-setup.sh || echo "test: podman unusable: the containers test cannot run" >&2
scripts/lint-deploy.sh
exec ./mvnw -B verify "$@"
