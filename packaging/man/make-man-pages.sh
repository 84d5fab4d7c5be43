#!/usr/bin/env bash
# Manual pages made from the programs' own --help at build time (help2man), so that they cannot
# drift from the command line: archi(1), one page per subcommand at every depth
# (archi-agent(1), archi-agent-enroll(1), ...), and archipelago(1) for the console.
#   make-man-pages.sh OUTDIR VERSION ARCHI [CONSOLE]
# Writes OUTDIR/*.1.gz (gzip -9n: reproducible, as Debian wants) and OUTDIR/pages.txt.
set -euo pipefail
out="$1" version="$2" archi="$3" console="${4:-}"
# Defaults that name the builder's home (~/.local/share/archipelago/...) are printed as ~.
export HOME="~"
unset XDG_DATA_HOME XDG_CONFIG_HOME
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$out"
rm -f "$out"/*.1 "$out"/*.1.gz
: >"$out/pages.txt"

see_also="archi(1), archipelago(1); /usr/share/doc/archipelago-node/README.md"

# The "Subcommands:" section of `archi WORDS... --help`: one name per line.
subcommands() {
  "$archi" "$@" --help 2>/dev/null |
    awk '/^Subcommands:/ { in_list = 1; next } in_list && /^[^ ]/ { in_list = 0 } in_list && NF { print $1 }'
}

# The one-line description of subcommand $last as its parent's help lists it.
describe() {
  local last="${*: -1}"
  local parent=("${@:1:$#-1}")
  "$archi" "${parent[@]}" --help 2>/dev/null |
    awk -v name="$last" '/^Subcommands:/ { in_list = 1; next } in_list && $1 == name { $1 = ""; sub(/^ +/, ""); print; exit }'
}

page() {  # page NAME DESCRIPTION HELP_OPTION PROGRAM
  local name="$1" description="$2" help_option="$3" program="$4"
  local upper
  upper="$(tr '[:lower:]' '[:upper:]' <<<"$name")"
  local include
  include="$(mktemp)"
  printf '[SEE ALSO]\n%s\n' "$see_also" >"$include"
  # Hand-written sections of a page (enrollment, files) live beside this script as NAME.h2m.
  [[ -f "$here/$name.h2m" ]] && cat "$here/$name.h2m" >>"$include"
  help2man --no-info --no-discard-stderr --version-string="$version" --name="$description" \
    --help-option="$help_option" --include="$include" "$program" >"$out/$name.1.tmp"
  rm -f "$include"
  # help2man names the page after the program; a subcommand's page is named after itself.
  sed -e "s/^\\.TH [A-Z]* /.TH $upper /" -e "0,/^[a-z]* \\\\- /s//${name} \\\\- /" "$out/$name.1.tmp" >"$out/$name.1"
  rm -f "$out/$name.1.tmp"
  gzip -9n "$out/$name.1"
  echo "$name.1" >>"$out/pages.txt"
}

walk() {  # walk WORDS...: the page of `archi WORDS...` and of each of its subcommands
  local words=("$@")
  local name="archi" description="train one model across several datacenters with mixed GPUs"
  if ((${#words[@]} > 0)); then
    name="archi-$(IFS=-; echo "${words[*]}")"
    description="$(describe "${words[@]}")"
  fi
  page "$name" "$description" "${words[*]:+${words[*]} }--help" "$archi"
  local sub
  for sub in $(subcommands "${words[@]}"); do
    walk "${words[@]}" "$sub"
  done
}

walk
if [[ -n "$console" ]]; then
  runtime="$(mktemp -d)"  # Qt wants a private runtime folder, or it says so on stderr (and in the page)
  XDG_RUNTIME_DIR="$runtime" QT_QPA_PLATFORM=offscreen page archipelago "the desktop console: draw the datacenters, plan, launch, watch and report runs" \
    --help "$console"
  rm -rf "$runtime"
fi
echo "man pages: $(wc -l <"$out/pages.txt") written to $out"
