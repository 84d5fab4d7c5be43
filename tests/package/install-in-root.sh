#!/usr/bin/env bash
# Inside a pristine Debian 12 root (installer/fresh-root.sh; tests/package/test-packages.sh
# starts it): installs archipelago-node and archipelago from PACKAGES as an operator would, checks
# what they installed, enrolls the node, starts the agent as its service user on its installed
# configuration, asks its health over mutual TLS, photographs the console started from its
# desktop entry, then removes and purges the packages and lists every file left behind.
#   install-in-root.sh PACKAGES OUT        (OUT gets the log's figures, the screenshot, file lists)
set -euo pipefail
packages="$1" out="$2"
export DEBIAN_FRONTEND=noninteractive
step() { printf '\n== %s\n' "$*"; }
fail() { echo "PACKAGE TEST FAILED: $*" >&2; exit 1; }

# Every file outside the places apt, dpkg, logs and this test write to on their own.
snapshot() {
  find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -path /run -o -path /tmp -o -path /var/tmp \
    -o -path /var/cache -o -path /var/log -o -path /var/lib/apt -o -path /var/lib/dpkg -o -path /src \
    -o -path /shared -o -path "$packages" -o -path "$out" -o -path /root -o -path /var/lib/systemd \
    -o -path /etc/ld.so.cache -o -path /usr/share/mime -o -path /usr/share/icons/hicolor/icon-theme.cache \
    -o -path /usr/share/applications/mimeinfo.cache -o -path /var/lib/ucf -o -path /etc/systemd/system \) -prune -o -print | sort
}

step "tools of this test (not of the packages): systemd-analyze, openssl, Xvfb, a window manager, xwd, ImageMagick"
apt-get update -qq
apt-get install -y -qq --no-install-recommends systemd openssl xvfb xauth x11-apps imagemagick icewm procps >/dev/null
snapshot >"$out/files-before.txt"

step "install"
node_deb=$(ls "$packages"/archipelago-node_*.deb) console_deb=$(ls "$packages"/archipelago_*.deb)
apt-get install -y --no-install-recommends "$node_deb" "$console_deb" 2>&1 | grep -E "^(Setting up|Unpacking|Selecting|Preparing) .*archipelago|newly installed" || true
dpkg -s archipelago-node archipelago | grep -E "^(Package|Status|Version)"

step "version"
archi --version
command -v archipelago

step "validate the installed example"
archi validate /usr/share/archipelago/examples/local-demo.archipelago.json

step "man pages"
ls /usr/share/man/man1 | grep -c '^archi' | sed 's/^/archi manual pages: /'
zcat /usr/share/man/man1/archi-agent.1.gz | grep -c "ENROLLING A NODE" | sed 's/^/archi-agent(1) enrollment sections: /'

step "service user, state folder, unit"
getent passwd archipelago
stat -c '%A %U:%G %n' /var/lib/archipelago /var/lib/archipelago/agent /etc/archipelago/agent.conf
[[ $(stat -c %a /var/lib/archipelago/agent) == 700 ]] || fail "/var/lib/archipelago/agent is not 0700"
systemd-analyze verify /lib/systemd/system/archipelago-agent.service && echo "systemd-analyze verify: no problems"
systemd-analyze security --offline=true /lib/systemd/system/archipelago-agent.service | tail -n 1 | tee "$out/exposure.txt"

step "enrollment: node request, console approval, certificate installed (the two commands of archi-agent(1))"
console_pki=/root/console-pki
archi pki --dir "$console_pki" init >/dev/null
runuser -u archipelago -- archi agent enroll --state /var/lib/archipelago/agent --node pkg-node-01 --datacenter beijing
cp /var/lib/archipelago/agent/pki/node.csr /root/node.csr
archi pki --dir "$console_pki" approve --yes /root/node.csr
install -m 0644 "$console_pki/nodes/pkg-node-01.crt" "$console_pki/ca.crt" /tmp/
runuser -u archipelago -- archi agent install-cert --state /var/lib/archipelago/agent \
  --certificate /tmp/pkg-node-01.crt --ca /tmp/ca.crt
archi pki --dir "$console_pki" issue --role console --name console >/dev/null

step "the agent as its service user, on its installed configuration (ExecStart of the unit)"
exec_start=$(sed -n 's/^ExecStart=//p' /lib/systemd/system/archipelago-agent.service)
echo "ExecStart: $exec_start"
runuser -u archipelago -- $exec_start >"$out/agent.log" 2>&1 &
agent_pid=$!
for _ in $(seq 1 100); do
  [[ -s /var/lib/archipelago/agent/agent.port ]] && break
  sleep 0.1
done
port=$(cat /var/lib/archipelago/agent/agent.port) || fail "the agent wrote no port; its log: $(cat "$out/agent.log")"
ps -o user=,args= -p "$agent_pid" | sed 's/^/agent process: /'

step "health over mutual TLS (the console's certificate, the CA's chain)"
health() {
  printf 'GET /v1/health HTTP/1.1\r\nHost: pkg-node-01\r\nConnection: close\r\n\r\n' |
    timeout 10 openssl s_client -quiet -verify_return_error -CAfile "$console_pki/ca.crt" "$@" \
      -connect "127.0.0.1:$port" 2>&1
}
answer=$(health -cert "$console_pki/console.crt" -key "$console_pki/console.key")
echo "$answer" | grep -E '^HTTP/|"status"'
echo "$answer" | grep -q '"status":"ok"' || fail "no healthy answer over mTLS: $answer"
without=$(health || true)
if echo "$without" | grep -q '"status"'; then fail "the agent answered a client without a certificate"; fi
echo "without a client certificate: refused ($(echo "$without" | grep -oiE 'alert [a-z ]+|certificate required' | head -n 1))"
kill "$agent_pid"; wait "$agent_pid" 2>/dev/null || true

step "the console from its desktop entry (Xvfb)"
desktop=/usr/share/applications/archipelago.desktop
grep -E '^(Name|Exec|Icon)=' "$desktop"
icon_name=$(sed -n 's/^Icon=//p' "$desktop")
icon_file=/usr/share/icons/hicolor/128x128/apps/$icon_name.png
[[ -f $icon_file ]] || fail "the desktop entry's icon $icon_name has no 128x128 PNG in hicolor"
exec_line=$(sed -n 's/^Exec=//p' "$desktop" | sed 's# %f# /usr/share/archipelago/examples/local-demo.archipelago.json#')
echo "started as: $exec_line"
cat >/tmp/shot.sh <<SHOT
set -e
export XDG_RUNTIME_DIR=\$(mktemp -d)
# A window manager, so that the window has a frame and the taskbar shows its icon (_NET_WM_ICON).
icewm >/dev/null 2>&1 &
sleep 2
$exec_line >"$out/console.log" 2>&1 &
console=\$!
sleep 8
kill -0 \$console || { echo "the console exited: \$(cat "$out/console.log")"; exit 1; }
xwd -root -silent | convert xwd:- "$out/console-from-desktop-entry.png"
kill \$console
SHOT
xvfb-run -a -s "-screen 0 1400x900x24" bash /tmp/shot.sh
echo "screenshot: console-from-desktop-entry.png"

step "remove: only configuration and state stay"
apt-get remove -y archipelago archipelago-node 2>&1 | grep -E "^Removing" || true
# The libraries they pulled in go too, with their own configuration (purged: not ours to judge).
apt-get autoremove --purge -y >/dev/null 2>&1 || true
snapshot >"$out/files-after-remove.txt"
comm -13 "$out/files-before.txt" "$out/files-after-remove.txt" | tee "$out/left-after-remove.txt"
if grep -vE '^(/etc/archipelago|/var/lib/archipelago)(/|$)' "$out/left-after-remove.txt"; then
  fail "remove left files other than configuration and state (above)"
fi
grep -qx /etc/archipelago/agent.conf "$out/left-after-remove.txt" || fail "remove did not keep /etc/archipelago/agent.conf"

step "purge: nothing stays"
dpkg --purge archipelago archipelago-node 2>&1 | grep -E "^Purging" || true
snapshot >"$out/files-after-purge.txt"
comm -13 "$out/files-before.txt" "$out/files-after-purge.txt" | tee "$out/left-after-purge.txt"
[[ -s $out/left-after-purge.txt ]] && fail "purge left the files above"
echo "purge: no file left behind"
echo "PACKAGE TEST PASSED"
