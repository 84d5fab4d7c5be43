#!/usr/bin/env bash
# ctest `package_checks`: makes both Debian packages from this build (cpack, into a temporary
# folder) and checks what an operator relies on: the files each one carries, that the node
# package needs no Qt, that lintian finds no error, that the desktop entry is valid and that the
# agent unit's systemd exposure stays low. Installing them is tests/package/test-packages.sh.
#   check-packages.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build="$1" source="$2"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
problems=0
problem() { echo "FAIL: $*"; problems=$((problems + 1)); }

cpack --config "$build/CPackConfig.cmake" -B "$work" >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; exit 1; }
node=$(ls "$work"/archipelago-node_*.deb) console=$(ls "$work"/archipelago_*.deb)
echo "made $(basename "$node") ($(stat -c %s "$node") bytes), $(basename "$console") ($(stat -c %s "$console") bytes)"

contains() {  # contains DEB PATH...
  local deb="$1" listing
  shift
  listing=$(dpkg-deb --contents "$deb" | awk '{print $6}' | sed 's#^\./#/#')
  for path in "$@"; do grep -qx -- "$path" <<<"$listing" || problem "$(basename "$deb") lacks $path"; done
}
contains "$node" /usr/bin/archi /lib/systemd/system/archipelago-agent.service /etc/archipelago/agent.conf \
  /usr/lib/sysusers.d/archipelago.conf /usr/lib/tmpfiles.d/archipelago.conf /usr/share/archipelago/gpu-catalog.json \
  /usr/share/archipelago/examples/local-demo.archipelago.json /usr/share/man/man1/archi.1.gz \
  /usr/share/man/man1/archi-agent.1.gz /usr/share/man/man1/archi-agent-enroll.1.gz /usr/share/man/man1/archi-run.1.gz \
  /usr/share/doc/archipelago-node/copyright /usr/share/doc/archipelago-node/changelog.Debian.gz
contains "$console" /usr/bin/archipelago /usr/share/applications/archipelago.desktop \
  /usr/share/icons/hicolor/scalable/apps/archipelago.svg /usr/share/icons/hicolor/128x128/apps/archipelago.png \
  /usr/share/man/man1/archipelago.1.gz /usr/share/doc/archipelago/copyright

# Every subcommand has its page (the pages are made from --help, so a new one must appear).
pages=$(dpkg-deb --contents "$node" | grep -c 'man1/archi.*\.1\.gz' || true)
(( pages >= 20 )) || problem "archipelago-node has $pages archi manual pages, expected one per subcommand (>= 20)"
echo "archi manual pages: $pages"

node_depends=$(dpkg-deb -f "$node" Depends)
echo "archipelago-node Depends: $node_depends"
grep -qi 'qt' <<<"$node_depends" && problem "archipelago-node depends on Qt: $node_depends"
grep -q 'archipelago-node (= ' <<<"$(dpkg-deb -f "$console" Depends)" || problem "archipelago does not depend on its archipelago-node"
grep -qx '/etc/archipelago/agent.conf' <(dpkg-deb --ctrl-tarfile "$node" | tar -xO ./conffiles) \
  || problem "/etc/archipelago/agent.conf is not a conffile"

# lintian: errors fail; warnings are printed.
lintian_out=$(lintian --allow-root "$node" "$console" 2>&1 || true)
[[ -n $lintian_out ]] && echo "$lintian_out"
grep -q '^E:' <<<"$lintian_out" && problem "lintian reports errors"

desktop-file-validate "$source/packaging/desktop/archipelago.desktop" || problem "desktop entry invalid"

# The unit as systemd reads it: every key known, ExecStart executable (here: this build's archi).
sed "s#^ExecStart=/usr/bin/archi #ExecStart=$build/engine/cli/archi #" "$source/packaging/systemd/archipelago-agent.service" \
  >"$work/archipelago-agent.service"
verify=$(systemd-analyze verify --man=no "$work/archipelago-agent.service" 2>&1) && [[ -z $verify ]] \
  || problem "systemd-analyze verify: ${verify:-exit status}"
[[ -z $verify ]] && echo "systemd-analyze verify: no problems"

# The exposure score systemd computes (0 = locked down, 10 = unprotected) must stay below 2.5.
security=$(systemd-analyze security --offline=true --threshold=25 "$source/packaging/systemd/archipelago-agent.service" 2>&1) \
  || problem "systemd-analyze security: exposure above 2.5"
tail -n 1 <<<"$security"

(( problems == 0 )) || { echo "$problems problem(s)"; exit 1; }
echo "package checks passed"
