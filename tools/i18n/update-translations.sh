#!/usr/bin/env bash
# Brings translations/*.ts up to date with the console's sources and fills them from the tables
# in tools/i18n/<lang>.json (docs/translations.md says how to add a message).
#   tools/i18n/update-translations.sh [BUILD_DIR]     (default: build/default, configured by cmake)
# 1. lupdate reads exactly the SOURCES of qt_add_translations in gui/CMakeLists.txt (the project
#    file CMake writes at configure time), drops messages no source has any more (-no-obsolete);
# 2. translate.py writes every message found in the tables and lists the ones that are not
#    (also as BUILD_DIR/untranslated.<language>.json, a table to fill in and merge);
# 3. lrelease reports the counts ("... and 0 unfinished").
# Exits non-zero while a message has no translation.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build/default}"
[[ "$build" = /* ]] || build="$root/$build"
lupdate="${LUPDATE:-$(command -v lupdate || echo /usr/lib/qt6/bin/lupdate)}"
lrelease="${LRELEASE:-$(command -v lrelease || echo /usr/lib/qt6/bin/lrelease)}"
project_cmake="$build/gui/.lupdate/archipelago_project.cmake"
generator="$(ls /usr/lib/*/cmake/Qt6LinguistTools/GenerateLUpdateProject.cmake /usr/lib/cmake/Qt6LinguistTools/GenerateLUpdateProject.cmake 2>/dev/null | head -n1 || true)"

if [[ ! -f "$project_cmake" ]]; then
  echo "update-translations: $project_cmake is missing; configure first: cmake --preset default" >&2
  exit 2
fi
if [[ -z "$generator" ]]; then
  echo "update-translations: Qt6LinguistTools/GenerateLUpdateProject.cmake not found (Debian: qt6-l10n-tools)" >&2
  exit 2
fi

# Re-running cmake keeps the source list current when gui/CMakeLists.txt gained files.
cmake "$build" >/dev/null
project_json="$build/gui/.lupdate/archipelago_project.json"
cmake -DIN_FILE="$project_cmake" -DOUT_FILE="$project_json" -P "$generator"

ts_files=("$root/translations/archipelago_zh_CN.ts" "$root/translations/archipelago_it.ts")
"$lupdate" -project "$project_json" -no-obsolete -locations relative -ts "${ts_files[@]}" 2>&1 \
  | grep -v "TS files from command line will override" || true

status=0
python3 "$root/tools/i18n/translate.py" --missing "$build/untranslated" "${ts_files[@]}" || status=$?
# lupdate once more writes the files back in its own layout, so the next diff shows only changes.
"$lupdate" -project "$project_json" -no-obsolete -locations relative -ts "${ts_files[@]}" 2>&1 \
  | grep -v "TS files from command line will override" || true

for ts in "${ts_files[@]}"; do
  echo "$(basename "$ts"):"
  "$lrelease" "$ts" -qm "$(mktemp -d)/$(basename "${ts%.ts}").qm"
done
exit "$status"
