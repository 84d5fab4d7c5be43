#!/usr/bin/env bash
# Runs every benchmark with its issue's settings and collects the RESULT lines into one file,
# so figures can be compared from run to run. Usage: tests/bench/run-benchmarks.sh [BUILD_DIR] [OUT]
set -euo pipefail
build="${1:-build/default}"
out="${2:-bench-results-$(date +%Y%m%d-%H%M%S).txt}"
archi="$build/engine/cli/archi"
[ -x "$archi" ] || { echo "no archi binary at $archi; build first" >&2; exit 1; }

run() {
  echo "== archi $*" | tee -a "$out"
  "$archi" "$@" 2>&1 | tee -a "$out.log" | grep '^RESULT' | tee -a "$out"
}

echo "# $(date -u +%FT%TZ) $(uname -n) load: $(cut -d' ' -f1-3 /proc/loadavg)" > "$out"
run bench store
run bench train --layers 4 --heads 4 --dim 256 --context 256 --batch 8 --threads 2
run bench train --layers 6 --heads 6 --dim 384 --context 256 --batch 8 --threads 2
run bench allreduce
run bench wan
run bench hetero
run bench multidc
run bench agent
run bench console
echo "RESULT lines in $out, full output in $out.log"
