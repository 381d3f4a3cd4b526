#!/usr/bin/env bash
# Turns this database host into a streaming replica of the primary (deploy/README.md, step 3).
# Run as root on the REPLICA host, after Debian's postgresql package is installed:
#   deploy/postgresql/make-replica.sh PRIMARY_HOST [SLOT_NAME]
# It DELETES this host's cluster 15/main and replaces it with a copy of the primary's.
# The replicator's password comes from ~postgres/.pgpass (PRIMARY_HOST:5432:replication:replicator:…).
set -euo pipefail

primary=${1:?usage: $0 PRIMARY_HOST [SLOT_NAME]}
slot=${2:-replica1}
version=15
cluster=main
datadir=/var/lib/postgresql/$version/$cluster

read -r -p "This erases $datadir on $(hostname) and copies $primary into it. Type yes: " answer
[[ $answer == yes ]] || { echo "Nothing changed."; exit 1; }

pg_ctlcluster "$version" "$cluster" stop || true
rm -rf "${datadir:?}"/*
# -R writes primary_conninfo and standby.signal, so it starts as a standby; -C -S creates
# a replication slot on the primary, so the primary keeps the WAL this replica still needs;
# -X stream copies the WAL written during the copy.
runuser -u postgres -- pg_basebackup \
  --host="$primary" --username=replicator --pgdata="$datadir" \
  --write-recovery-conf --create-slot --slot="$slot" \
  --wal-method=stream --checkpoint=fast --progress
pg_ctlcluster "$version" "$cluster" start

# A standby answers read-only queries (hot_standby is on by default in PostgreSQL 15).
runuser -u postgres -- psql -X -t -c "SELECT pg_is_in_recovery()" | grep -q t &&
  echo "$(hostname) is now a streaming replica of $primary (slot $slot)."
