#!/usr/bin/env bash
# Runs a command in a pristine Debian 12 (bookworm, minbase) root, as a new user would on a
# machine that never saw the project: nothing installed by hand on this machine leaks in.
#
#   installer/fresh-root.sh [--keep] [--shell] [--bind HOST_DIR:ROOT_DIR[:ro]]... [--] COMMAND...
#   installer/fresh-root.sh installer/archipelago.sh test     # what CI runs (.ci/run)
#   installer/fresh-root.sh installer/archipelago.sh demo     # the demo, headless
#   installer/fresh-root.sh --bind build/package/packages:/packages:ro --bind /tmp/out:/out -- \
#       tests/package/install-in-root.sh /packages /out          # what tests/package/test-packages.sh runs
#
# The project's committed HEAD is cloned into the root at /src and COMMAND runs there as root.
# Cached on this machine between runs (ARCHIPELAGO_ROOT_CACHE, default /var/cache/archipelago/
# fresh-root): the debootstrapped base root as a tarball, and every .deb that apt downloads
# inside a root, so a run pays only for unpacking, the build and the tests. The base comes from
# the archive this machine's apt uses (ARCHIPELAGO_DEBIAN_MIRROR overrides it). /proc, /sys, /dev
# and a private /run are mounted so the network-namespace and Xvfb tests run as they do on a
# real machine; the host's CUDA toolkit, when it has one, read-only at /usr/local/cuda. If the root cannot be made (no debootstrap, no package archive) the script fails
# and says why; it never runs COMMAND on this machine instead. Needs root.
set -euo pipefail

keep=0
shell=0
binds=()
while [[ $# -gt 0 && $1 == --* ]]; do
  case $1 in
    --keep) keep=1 ;;
    --shell) shell=1 ;;
    --bind) [[ $# -ge 2 ]] || { echo "fresh-root: --bind needs HOST_DIR:ROOT_DIR[:ro]" >&2; exit 2; }
            binds+=("$2"); shift ;;
    --) shift; break ;;
    *) echo "fresh-root: unknown option $1 (use --keep, --shell, --bind or --)" >&2; exit 2 ;;
  esac
  shift
done
command=("$@")
[[ ${#command[@]} -gt 0 || $shell == 1 ]] || { echo "usage: $0 [--keep] [--shell] [--] COMMAND..." >&2; exit 2; }

fail() { echo "fresh-root: $*" >&2; exit 1; }
[[ $(id -u) == 0 ]] || fail "needs root: it makes a chroot and mounts /proc, /sys and /dev into it"

project="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${ARCHIPELAGO_ROOT_CACHE:-/var/cache/archipelago/fresh-root}"
suite=bookworm
base_tar="$cache/$suite-minbase.tar"
mkdir -p "$cache/apt-archives/partial" "$cache/roots"

# The package archive this machine's apt already uses (deb822 sources first, then the old format).
apt_mirror() {
  local mirror=""
  mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
  [[ -n $mirror ]] || mirror=$(awk '/^deb / {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  echo "${mirror:-http://deb.debian.org/debian}"
}

make_base() {
  if ! command -v debootstrap >/dev/null; then
    echo "fresh-root: installing debootstrap on this machine"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap; } >"$cache/debootstrap-install.log" 2>&1 \
      || fail "cannot make the root: debootstrap is not installed and apt-get could not install it (is Debian's package archive reachable?); see $cache/debootstrap-install.log"
  fi
  local mirror staging
  mirror=${ARCHIPELAGO_DEBIAN_MIRROR:-$(apt_mirror)}
  staging=$(mktemp -d "$cache/base.XXXXXX")
  echo "fresh-root: making a minbase $suite root from $mirror (once; cached as $base_tar)"
  if ! debootstrap --variant=minbase "$suite" "$staging" "$mirror" >"$cache/debootstrap.log" 2>&1; then
    rm -rf "$staging"
    tail -n 5 "$cache/debootstrap.log" >&2 || true
    fail "cannot make the root: debootstrap $suite from $mirror failed (is the package archive reachable?); see $cache/debootstrap.log"
  fi
  # The root asks the same archive as this machine (deb822 sources, security updates included).
  if compgen -G "/etc/apt/sources.list.d/*.sources" >/dev/null; then
    cp /etc/apt/sources.list.d/*.sources "$staging/etc/apt/sources.list.d/"
    rm -f "$staging/etc/apt/sources.list"
  fi
  tar -C "$staging" -cf "$base_tar.tmp" .
  mv "$base_tar.tmp" "$base_tar"
  rm -rf "$staging"
}

# One base at a time, even when two runs start together on an empty cache.
exec 9>"$cache/lock"
flock 9
[[ -f $base_tar ]] || make_base
flock -u 9

root=$(mktemp -d "$cache/roots/root.XXXXXX")
mounted=()
cleanup() {
  local status=$? target
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    target=${mounted[i]}
    umount -R "$target" 2>/dev/null || umount -R -l "$target" 2>/dev/null || true
  done
  if [[ $keep == 1 ]]; then
    echo "fresh-root: kept $root"
  elif findmnt -rn -o TARGET | grep -q "^$root\(/\|$\)"; then
    echo "fresh-root: $root still has mounts; not removing it" >&2
  else
    rm -rf "$root"
  fi
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bind_into_root() {  # SOURCE TARGET-IN-ROOT: recursive bind that never propagates back to the host
  mkdir -p "$root/$2"
  mount --rbind "$1" "$root/$2"
  mount --make-rslave "$root/$2"
  mounted+=("$root/$2")
}

tar -C "$root" -xf "$base_tar"
# It is /, which every user must be able to traverse; mktemp made it (and the base's ".") 0700.
chmod 0755 "$root"
# The root is a mount point of its own, as / is on a real machine: `ip -n NS` makes / a slave
# mount in a new mount namespace, which fails on a plain directory.
mount --bind "$root" "$root"
mount --make-private "$root"
mounted+=("$root")
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
git -C "$project" diff --quiet HEAD 2>/dev/null \
  || echo "fresh-root: note: uncommitted changes in $project are not part of the root (it gets HEAD)"
git clone -q "$project" "$root/src" || fail "cannot clone $project into the root"

mount -t proc proc "$root/proc" && mounted+=("$root/proc")
bind_into_root /sys sys
bind_into_root /dev dev
mount -t tmpfs -o mode=0755 tmpfs "$root/run" && mounted+=("$root/run")
bind_into_root "$cache/apt-archives" var/cache/apt/archives
# The CUDA toolkit (with NCCL) is not in Debian's archive: a host that has one under
# /usr/local/cuda lends it read-only at the same place, so the build inside finds nvcc and CI
# compiles the CUDA plugin on every run (issue 14). Nothing inside can write to it.
# ARCHIPELAGO_ROOT_CUDA=0 builds without it.
cuda_toolkit=$(readlink -f /usr/local/cuda 2>/dev/null || true)
if [[ ${ARCHIPELAGO_ROOT_CUDA:-1} != 0 && -n $cuda_toolkit && -x $cuda_toolkit/bin/nvcc ]]; then
  mkdir -p "$root/usr/local/cuda"
  mount --bind "$cuda_toolkit" "$root/usr/local/cuda"
  mounted+=("$root/usr/local/cuda")
  mount -o remount,bind,ro "$root/usr/local/cuda"
  mount --make-slave "$root/usr/local/cuda"
  echo "fresh-root: CUDA toolkit $cuda_toolkit lent read-only at /usr/local/cuda"
fi

# Folders lent by the caller (--bind): packages to install, a folder for results.
for bind in "${binds[@]}"; do
  IFS=: read -r host_dir root_dir mode <<<"$bind"
  [[ -d $host_dir && $root_dir == /* ]] || fail "--bind $bind: HOST_DIR must be a folder and ROOT_DIR an absolute path"
  bind_into_root "$(readlink -f "$host_dir")" "$root_dir"
  [[ ${mode:-} == ro ]] && mount -o remount,bind,ro "$root/$root_dir"
  echo "fresh-root: $host_dir lent at $root_dir${mode:+ ($mode)}"
done

echo "fresh-root: pristine $suite root at $root (project HEAD $(git -C "$root/src" rev-parse --short HEAD) in /src)"
environment=(HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 TERM=dumb)
[[ -n ${CI:-} ]] && environment+=("CI=$CI")
if [[ $shell == 1 ]]; then
  chroot "$root" /usr/bin/env -i "${environment[@]}" /bin/bash -c 'cd /src && exec bash'
else
  echo "fresh-root: running '${command[*]}'"
  chroot "$root" /usr/bin/env -i "${environment[@]}" /bin/bash -c 'cd /src && exec "$@"' bash "${command[@]}"
fi
