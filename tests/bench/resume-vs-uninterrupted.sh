#!/usr/bin/env bash
# Issue 15 item 1, shown on the local demo: one run trained without a break, one stopped
# (SIGINT, a clean stop) after STOP_S seconds and resumed with `archi run --resume`, both
# with the same seed and budget; prints both validation-loss curves by tokens and the final
# losses. Devices are emulated and WAN links shaped in user space, as in every local demo.
# Usage: tests/bench/resume-vs-uninterrupted.sh [BUILD_DIR] [TOKENS] [STOP_S] [OUT_DIR]
set -euo pipefail
build="${1:-build/default}"
tokens="${2:-1000000}"
stop_s="${3:-45}"
out="${4:-$(mktemp -d /tmp/archi-resume-XXXXXX)}"
archi="$(realpath "$build/engine/cli/archi")"
project="resources/examples/local-demo.archipelago.json"
[ -x "$archi" ] || { echo "no archi binary at $archi; build first" >&2; exit 1; }
mkdir -p "$out"
data=(--store "$out/runs.db" --runs-dir "$out/runs" --pki "$out/pki")

echo "== uninterrupted run"
"$archi" run "$project" --local --no-dilation --tokens "$tokens" --name uninterrupted "${data[@]}" > "$out/uninterrupted.log" 2>&1
echo "== run stopped after $stop_s s"
timeout -s INT --kill-after=120 "$stop_s" "$archi" run "$project" --local --no-dilation --tokens "$tokens" --name resumed "${data[@]}" \
  > "$out/stopped.log" 2>&1 || true
grep -E "^Run resumed" "$out/stopped.log" || { tail -20 "$out/stopped.log"; exit 1; }
echo "== resumed"
"$archi" run --resume resumed --local "${data[@]}" > "$out/resumed.log" 2>&1
grep -E "^Run resumed" "$out/resumed.log"

for run in uninterrupted resumed; do
  "$archi" report "$run" --store "$out/runs.db" --csv "$out/csv-$run" > /dev/null
done
# validation.csv: RFC 4180 (CRLF line ends); columns found by name.
curve() {
  tr -d '\r' < "$1/validation.csv" | awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    { printf "  %-8s round %3s  tokens %9s  loss %.4f\n", $col["datacenter_id"], $col["round"], $col["tokens"], $col["loss"] }'
}
final_loss() {
  tr -d '\r' < "$1/validation.csv" | awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next } { last = $col["loss"] } END { print last }'
}
for run in uninterrupted resumed; do
  echo "validation loss by tokens, $run:"
  curve "$out/csv-$run"
done
u="$(final_loss "$out/csv-uninterrupted")"
r="$(final_loss "$out/csv-resumed")"
echo "RESULT resume_final_val_loss_uninterrupted $u nats"
echo "RESULT resume_final_val_loss_resumed $r nats"
awk -v u="$u" -v r="$r" 'BEGIN { printf "RESULT resume_final_val_loss_ratio %.4f ratio\n", r / u }'
echo "logs and CSVs in $out"
