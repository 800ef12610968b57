#!/usr/bin/env bash
# The test command: starts PostgreSQL and Redis if needed, then builds everything and runs every
# test tier (unit, node over real gRPC, end-to-end with separate JVMs). Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/services.sh
exec ./mvnw -B verify "$@"
