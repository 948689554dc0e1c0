#!/usr/bin/env bash
# What the test suite needs on this machine, installed and started when missing (Debian/Ubuntu, as root):
# Redis and PostgreSQL answering on 127.0.0.1 (postgres without a password), poppler's pdftotext and
# PostgreSQL's initdb (the outage tests start clusters of their own), Chromium (browser tests), xmllint (the
# export tests validate against IMS's schemas) and qpdf (`npm run eval:quality` reads outlines with it).
# Used by `.ci/run` and by the README's test command; safe to run again.
set -euo pipefail

log() { printf '\n== %s\n' "$*"; }

need_apt=()
command -v redis-server >/dev/null || need_apt+=(redis-server)
# The failover tests start their own Sentinels with `redis-server --sentinel` (Debian's redis-sentinel package only
# adds a service around it) and make a cluster with `redis-cli --cluster create`.
command -v redis-cli >/dev/null || need_apt+=(redis-tools)
command -v pg_ctlcluster >/dev/null || need_apt+=(postgresql)
command -v pdftotext >/dev/null || need_apt+=(poppler-utils)
command -v chromium >/dev/null || need_apt+=(chromium)
command -v qpdf >/dev/null || need_apt+=(qpdf)
command -v xmllint >/dev/null || need_apt+=(libxml2-utils)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "missing: ${need_apt[*]} (install them with apt-get as root, or run this script as root)" >&2
    exit 1
  fi
  log "apt-get install ${need_apt[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# The Kubernetes manifests are rendered by `kubectl kustomize` (kubectl >= 1.22; Debian's kubernetes-client is 1.20,
# whose kustomize cannot read them, so it is not installed from here).
if ! command -v kubectl >/dev/null; then
  echo "warning: kubectl (>= 1.22) not found: test/deploy/kubernetes*.test.ts will fail until it is installed" >&2
fi

log "services"
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
fi
cluster="$(ls /etc/postgresql | sort -V | tail -1)"
if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  pg_ctlcluster --skip-systemctl-redirect "$cluster" main start
fi
for _ in $(seq 1 30); do
  redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && pg_isready -h 127.0.0.1 -p 5432 -q && break
  sleep 1
done
redis-cli -h 127.0.0.1 -p 6379 ping
pg_isready -h 127.0.0.1 -p 5432
# The tests connect as postgres without a password from 127.0.0.1. A fresh Debian cluster asks for one there:
# trust local TCP connections (a test machine's own loopback only) and reload.
if ! psql -h 127.0.0.1 -U postgres -d postgres -w -tAc 'select 1' >/dev/null 2>&1; then
  hba="/etc/postgresql/$cluster/main/pg_hba.conf"
  log "trusting 127.0.0.1 in $hba"
  sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
  pg_ctlcluster --skip-systemctl-redirect "$cluster" main reload
  sleep 1
fi
psql -h 127.0.0.1 -U postgres -d postgres -w -tAc 'select 1' >/dev/null
