#!/bin/bash
# Stops what start-slurm.sh STATE_DIR started (by the pids it recorded), jobs first.
set -u
STATE=${1:?usage: stop-slurm.sh STATE_DIR}
export SLURM_CONF=$STATE/slurm.conf
[ -f "$SLURM_CONF" ] && scancel --quiet --user=root >/dev/null 2>&1
for name in slurmrestd slurmrestd-local slurmd slurmctld munged; do
  pidfile=$STATE/run/$name.pid
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  kill "$pid" 2>/dev/null
  for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null
  rm -f "$pidfile"
done
exit 0
