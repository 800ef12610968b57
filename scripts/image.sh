#!/usr/bin/env bash
# Builds the node image offline and loads it into podman as memesnipe:VERSION and memesnipe:latest:
# the fat jar from the Maven build, a JRE cut down with jlink to the modules the jar uses, and the shared
# libraries that JRE links against (found with ldd), on scratch. Needs a JDK (jlink, jdeps) and podman.
# Usage: scripts/image.sh [--no-load]   (--no-load: only prepare target/image, e.g. to lint it)
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)
ctx=target/image
[ -f cli/target/memesnipe.jar ] || ./mvnw -q -B -DskipTests package

rm -rf "$ctx" && mkdir -p "$ctx/rootfs/opt/memesnipe" "$ctx/data" "$ctx/rootfs/tmp" "$ctx/rootfs/etc/memesnipe/certs"
# modules the jar needs, plus the elliptic-curve and zip providers TLS and jar reading load by name
modules=$(jdeps --ignore-missing-deps --print-module-deps --multi-release 17 cli/target/memesnipe.jar)
jlink --add-modules "$modules,jdk.crypto.ec,jdk.zipfs,jdk.management" --strip-debug --no-man-pages \
  --no-header-files --compress=2 --output "$ctx/rootfs/opt/jre"
cp cli/target/memesnipe.jar "$ctx/rootfs/opt/memesnipe/memesnipe.jar"
# the C libraries the JRE's launcher and libraries link against, at the same paths
find "$ctx/rootfs/opt/jre" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} \; 2>/dev/null \
  | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}' | sort -u | while read -r lib; do
    mkdir -p "$ctx/rootfs$(dirname "$lib")" && cp -L "$lib" "$ctx/rootfs$lib"
  done
printf 'memesnipe:x:65532:65532::/data:/sbin/nologin\n' > "$ctx/rootfs/etc/passwd"
printf 'memesnipe:x:65532:\n' > "$ctx/rootfs/etc/group"
chmod 1777 "$ctx/rootfs/tmp" && chmod 700 "$ctx/data"
cp deploy/image/Containerfile "$ctx/Containerfile"
echo "image: context in $ctx ($(du -sh "$ctx/rootfs" | cut -f1)), JRE modules: $modules" >&2
[ "${1:-}" = "--no-load" ] && exit 0
podman build --format docker -q -t "memesnipe:$version" -t memesnipe:latest "$ctx" >/dev/null
echo "image: built memesnipe:$version ($(podman image inspect memesnipe:latest --format '{{.Size}}') bytes)" >&2
