#!/bin/bash
# A mixed run on a real single-host Slurm (issue 17): the demo's datacenters, Guiyang and
# Ulanqab launched as Slurm jobs through slurmrestd (JWT over loopback TCP), Beijing through a
# local node agent; one device per group to keep it short. Mid-run Ulanqab's job is cancelled
# with `scancel`: the launcher must see it as a fault (worker-restarting), submit the workers
# again as a new job, and the run must complete. Exit 77 (SKIP) with the reason where Slurm
# cannot start here (see start-slurm.sh).
#
#   ARCHI_BIN=build/default/engine/cli/archi tests/slurm/tst_slurm_run.sh
set -u
ARCHI=${ARCHI_BIN:?ARCHI_BIN must name the archi binary}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d /tmp/archi-slurm-XXXXXX)
chmod 0755 "$WORK"
STATE=$WORK/slurm
PORT=$((21000 + $$ % 20000))
cleanup() {
  [ -n "${RUN_PID:-}" ] && kill "$RUN_PID" 2>/dev/null
  "$HERE/stop-slurm.sh" "$STATE"
  [ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; [ -f "$WORK/run.log" ] && tail -40 "$WORK/run.log" >&2; exit 1; }

"$HERE/start-slurm.sh" "$STATE" "$PORT"
rc=$?
[ $rc = 77 ] && exit 77
[ $rc = 0 ] || fail "start-slurm.sh exited $rc"
# shellcheck disable=SC1091
. "$STATE/env"
export SLURM_CONF

SLURM_LAUNCH="\"launch\": {\"via\": \"slurm\", \"url\": \"$ARCHI_SLURM_URL\", \"partition\": \"$ARCHI_SLURM_PARTITION\", \"user\": \"$ARCHI_SLURM_USER\", \"token_file\": \"$ARCHI_SLURM_TOKEN_FILE\"}"
AGENT=$((PORT + 100))
cat > "$WORK/mixed.archipelago.json" <<JSON
{
  "format": 1,
  "name": "slurm-mixed",
  "datacenters": [
    {"id": "beijing", "name": "Beijing", "region": "cn-north", "position": {"x": 0, "y": 0},
     "nodes": [{"id": "bj-node-01", "host": "127.0.0.1", "agent_port": $AGENT,
                "devices": [{"type": "A100-80G", "count": 1, "emulate": true}, {"type": "H20", "count": 1, "emulate": true}]}],
     "fabric": {"gbit": 200, "latency_us": 5}},
    {"id": "guiyang", "name": "Guiyang", "region": "cn-southwest", "position": {"x": 420, "y": 260},
     "nodes": [{"id": "gy-node-01", "host": "127.0.0.1", "agent_port": $((AGENT + 1)),
                "devices": [{"type": "Ascend-910B", "count": 1, "emulate": true}]}],
     "fabric": {"gbit": 100, "latency_us": 8}, $SLURM_LAUNCH},
    {"id": "ulanqab", "name": "Ulanqab", "region": "cn-north-2", "position": {"x": 480, "y": -200},
     "nodes": [{"id": "uq-node-01", "host": "127.0.0.1", "agent_port": $((AGENT + 2)),
                "devices": [{"type": "H20", "count": 2, "emulate": true}]}],
     "fabric": {"gbit": 200, "latency_us": 5}, $SLURM_LAUNCH}
  ],
  "links": [
    {"a": "beijing", "b": "guiyang", "gbit": 0.1, "rtt_ms": 60, "loss_pct": 0},
    {"a": "beijing", "b": "ulanqab", "gbit": 0.1, "rtt_ms": 40, "loss_pct": 0},
    {"a": "guiyang", "b": "ulanqab", "gbit": 0.1, "rtt_ms": 50, "loss_pct": 0}
  ],
  "run": {
    "model": {"layers": 2, "heads": 4, "dim": 128, "context": 128, "vocab": 256},
    "data": {"corpus": "/usr/share/games/fortunes", "val_frac": 0.05},
    "train": {"tokens": 1500000, "lr": 0.002, "batch_tokens": 4096, "inner_steps": 10,
              "outer_lr": 0.7, "outer_momentum": 0.5, "compression": "int8", "sync": "diloco"},
    "seed": 1234
  }
}
JSON
[ -r /usr/share/games/fortunes ] || { echo "SKIP: the demo's corpus /usr/share/games/fortunes is missing (apt-get install fortunes-min)" >&2; exit 77; }
"$ARCHI" validate "$WORK/mixed.archipelago.json" || fail "the mixed project does not validate"
# What slurmrestd reports before launch, over JWT/TCP and over the unix socket (local mode).
"$ARCHI" slurm status "$WORK/mixed.archipelago.json" || fail "archi slurm status (JWT over TCP) failed"
sed -e "s|\"url\": \"$ARCHI_SLURM_URL\"|\"url\": \"$ARCHI_SLURM_SOCKET_URL\"|g" -e 's|, "token_file": "[^"]*"||g' \
  "$WORK/mixed.archipelago.json" > "$WORK/socket.archipelago.json"
"$ARCHI" slurm status "$WORK/socket.archipelago.json" || fail "archi slurm status (unix socket) failed"

TOKENS=${ARCHI_SLURM_TOKENS:-300000}
started=$(date +%s)
"$ARCHI" run --local "$WORK/mixed.archipelago.json" --tokens "$TOKENS" --name slurm-mixed \
  --runs-dir "$WORK/runs" --store "$WORK/runs.db" --pki "$WORK/pki" > "$WORK/run.log" 2>&1 &
RUN_PID=$!

# Ulanqab's job running, its leader's journal past its first steps: cancel the job early, so that
# its workers come back while the other datacenters still train (a datacenter that returns after
# the others ended trains its share alone, waiting out each round's group timeout).
job=""
for _ in $(seq 1 240); do
  kill -0 "$RUN_PID" 2>/dev/null || fail "the run ended before Ulanqab's Slurm job ran"
  job=$(squeue --noheader --name="archi-$(ls "$WORK/runs" 2>/dev/null | head -1)-ulanqab" --states=RUNNING --format=%i 2>/dev/null | head -1)
  journal=$(ls "$WORK"/runs/*/journals/ulanqab* 2>/dev/null | head -1)
  if [ -n "$job" ] && [ -n "$journal" ] && [ "$(grep -c '"kind":"step"' "$journal" 2>/dev/null)" -ge 4 ]; then break; fi
  job=""
  sleep 0.25
done
[ -n "$job" ] || fail "Ulanqab's Slurm job never ran 4 steps"
echo "scancel $job (Ulanqab) at $(( $(date +%s) - started )) s"
scancel "$job" || fail "scancel $job failed"

wait "$RUN_PID"
status=$?
RUN_PID=""
elapsed=$(( $(date +%s) - started ))
cat "$WORK/run.log"
echo "run took $elapsed s"
[ $status = 0 ] || fail "archi run exited $status"
grep -q "completed" "$WORK/run.log" || fail "the run did not complete"
grep -q "Slurm jobs (slurmrestd v0.0.38)" "$WORK/run.log" || fail "no Slurm job table in the summary"
# The cancelled job is a fault the launcher saw and recovered from: its workers restarted.
events=$(sqlite3 "$WORK/runs.db" "select kind || ' ' || text from events where kind in
           ('worker-restarting','worker-restarted','outer-round-failed','outer-round-recovered','left-out-of-round') order by id" 2>/dev/null ||
         "$ARCHI" report slurm-mixed --store "$WORK/runs.db" 2>/dev/null)
echo "$events" | cut -c1-240 | head -12
echo "$events" | grep -q "Slurm job $job ended CANCELLED" || fail "no worker-restarting event names Slurm job $job CANCELLED"
echo "$events" | grep -q "worker-restarted" || fail "the cancelled workers were not submitted again"
echo "PASS: mixed Slurm + agents run completed in $elapsed s; Slurm job $job cancelled mid-run and its workers re-joined"
