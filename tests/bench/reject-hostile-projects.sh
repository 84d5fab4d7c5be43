#!/usr/bin/env bash
# Time and peak memory of `archi validate` refusing hostile project files of up to 1 MiB
# (issue 15; docs/architecture.md#limits-on-outside-input). Target: each < 1 s and < 100 MiB.
#   tests/bench/reject-hostile-projects.sh [ARCHI]   (default build/default/engine/cli/archi)
# Prints one line per file and RESULT lines for the slowest and the largest.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
archi="${1:-$here/../../build/default/engine/cli/archi}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 "$here/hostile-projects.py" deep-brackets "$work/deep-brackets.json" --count 100000
python3 "$here/hostile-projects.py" random-nesting "$work/random-nesting.json" --bytes $((1 << 20))
python3 "$here/hostile-projects.py" wide "$work/wide.json" --bytes $((1 << 20))
python3 "$here/hostile-projects.py" empty-groups "$work/empty-groups.json" --bytes $((1 << 20))
python3 "$here/hostile-projects.py" unknown-links "$work/unknown-links.json" --bytes $((1 << 20))

worst_s=0
worst_kib=0
for file in "$work"/*.json; do
  name="$(basename "$file" .json)"
  # validate exits 1 (the file is refused); /usr/bin/time -v reports wall time and peak RSS.
  /usr/bin/time -v "$archi" validate "$file" >"$work/$name.out" 2>"$work/$name.time" || true
  wall="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/$name.time")"
  kib="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/$name.time")"
  seconds="$(awk -F: '{ s = 0; for (i = 1; i <= NF; ++i) s = s * 60 + $i; print s }' <<<"$wall")"
  printf '%-16s %7d bytes  wall %s  max RSS %6.1f MiB  %s\n' "$name" "$(stat -c %s "$file")" "$wall" \
    "$(awk "BEGIN { print $kib / 1024 }")" "$(grep -m1 -v '^$' "$work/$name.out" | cut -c1-110)"
  worst_s="$(awk "BEGIN { print ($seconds > $worst_s) ? $seconds : $worst_s }")"
  worst_kib=$(( kib > worst_kib ? kib : worst_kib ))
done
echo "RESULT hostile_project_reject_max_wall_s $worst_s s"
echo "RESULT hostile_project_reject_max_rss_mib $(awk "BEGIN { printf \"%.1f\", $worst_kib / 1024 }") MiB"
