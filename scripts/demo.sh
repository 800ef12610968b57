#!/usr/bin/env bash
# The demo: builds the runnable jar (first time only, or when sources changed) and runs all five
# nodes on paper with the simulated feed. Extra arguments go to 'memesnipe demo' (e.g. --http-port 8081).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=cli/target/memesnipe.jar
if [ ! -f "$jar" ] || [ -n "$(find . -path ./cli/target -prune -o \( -name '*.java' -o -name '*.proto' -o -name pom.xml \) -newer "$jar" -print -quit)" ]; then
  ./mvnw -q -B -DskipTests package
fi
exec java -jar "$jar" demo "$@"
