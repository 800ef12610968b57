#!/usr/bin/env bash
# Makes podman usable for the image build and the container tests on Debian/Ubuntu (as root): installs podman,
# runc, buildah, podman-compose, docker-compose (1.29: drives podman's Docker API in the compose test, honouring what
# podman-compose 1.0 ignores) and the dnsname plugin (containers find each other by service name), and, when
# /etc/containers/containers.conf does not exist, writes one that uses runc and cgroupfs (the defaults, crun and
# systemd cgroups, fail on hosts with cgroup v1 and no systemd). Exits 1 with a message when podman is unusable.
set -euo pipefail
if ! command -v podman >/dev/null 2>&1 || ! command -v podman-compose >/dev/null 2>&1 \
    || ! command -v docker-compose >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends podman runc buildah podman-compose \
      docker-compose golang-github-containernetworking-plugin-dnsname >/dev/null
  else
    echo "podman-setup: please install podman, runc, podman-compose and docker-compose" >&2; exit 1
  fi
fi
if [ "$(id -u)" = 0 ] && [ ! -f /etc/containers/containers.conf ]; then
  mkdir -p /etc/containers
  cat > /etc/containers/containers.conf <<'CONF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=4096:4096"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
CONF
fi
podman info >/dev/null 2>&1 || { echo "podman-setup: podman does not run here: $(podman info 2>&1 | tail -n 1)" >&2; exit 1; }
echo "podman-setup: podman $(podman --version | awk '{print $3}') ready" >&2
