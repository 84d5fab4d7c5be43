#!/bin/bash
# A single-host Slurm cluster for tests (docs/architecture.md#slurm): munged, slurmctld, slurmd
# and slurmrestd, all configured and kept under STATE_DIR (nothing in /etc is changed), run as
# root without systemd or cgroups (proctrack/pgid, task/none, select/cons_tres with CPUs only).
# slurmrestd listens on 127.0.0.1:REST_PORT (JWT: AuthAltTypes=auth/jwt) and, when it can, on
# STATE_DIR/slurmrestd.sock (local mode).
#
#   start-slurm.sh STATE_DIR [REST_PORT]     -> writes STATE_DIR/env (SLURM_CONF, URLs, token file)
#   stop-slurm.sh STATE_DIR
#
# Exit 77 (a test's SKIP) with the reason on stderr where Slurm cannot run here: not root, the
# Debian packages (slurmctld slurmd slurmrestd munge slurm-client) missing, or a daemon that does
# not come up; the daemons' logs are in STATE_DIR.
set -u
STATE=${1:?usage: start-slurm.sh STATE_DIR [REST_PORT]}
REST_PORT=${2:-16820}
skip() { echo "SKIP: $*" >&2; exit 77; }

[ "$(id -u)" = 0 ] || skip "a Slurm test cluster needs root (slurmd starts jobs as their users)"
for b in munged slurmctld slurmd slurmrestd scontrol sbatch; do
  command -v "$b" >/dev/null 2>&1 || [ -x "/usr/sbin/$b" ] || skip "$b is not installed (apt-get install slurmctld slurmd slurmrestd munge slurm-client)"
done
PATH=/usr/sbin:/usr/bin:$PATH
PLUGINS=/usr/lib/x86_64-linux-gnu/slurm-wlm
[ -d "$PLUGINS" ] || PLUGINS=$(dirname "$(find /usr/lib -name select_cons_tres.so -print -quit 2>/dev/null)")
[ -f "$PLUGINS/openapi_v0_0_38.so" ] || skip "slurmrestd's openapi/v0.0.38 plugin is missing (Slurm 22.05 ships it)"
# slurmctld with AuthAltTypes=auth/jwt dies at once without this plugin, which Debian ships apart
# (slurm-wlm-jwt-plugin, only recommended by the daemons).
[ -f "$PLUGINS/auth_jwt.so" ] || skip "Slurm's auth/jwt plugin is missing (apt-get install slurm-wlm-jwt-plugin)"

mkdir -p "$STATE"/{state,spool,log,run}
chmod 0755 "$STATE"
HOST=$(hostname -s)
CPUS=${ARCHI_SLURM_CPUS:-16}
CTLD_PORT=$((REST_PORT - 3))
SLURMD_PORT=$((REST_PORT - 2))

# munge: a private key and socket, so that nothing outside the test can talk to this cluster.
dd if=/dev/urandom of="$STATE/munge.key" bs=1024 count=1 status=none
chmod 0400 "$STATE/munge.key"
munged --force --key-file="$STATE/munge.key" --socket="$STATE/run/munge.sock" \
  --pid-file="$STATE/run/munged.pid" --log-file="$STATE/log/munged.log" --seed-file="$STATE/run/munge.seed" \
  || skip "munged does not start (see $STATE/log/munged.log)"

# The JWT signing key (AuthAltTypes=auth/jwt): slurmctld and slurmrestd read it; 0600.
dd if=/dev/urandom of="$STATE/jwt.key" bs=32 count=1 status=none
chmod 0600 "$STATE/jwt.key"
: > "$STATE/plugstack.conf"

cat > "$STATE/slurm.conf" <<CONF
ClusterName=archi-test
SlurmctldHost=$HOST(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$STATE/run/munge.sock
CredType=cred/munge
AuthAltTypes=auth/jwt
AuthAltParameters=jwt_key=$STATE/jwt.key
StateSaveLocation=$STATE/state
SlurmdSpoolDir=$STATE/spool
SlurmctldPidFile=$STATE/run/slurmctld.pid
SlurmdPidFile=$STATE/run/slurmd.pid
SlurmctldLogFile=$STATE/log/slurmctld.log
SlurmdLogFile=$STATE/log/slurmd.log
PlugStackConfig=$STATE/plugstack.conf
ProctrackType=proctrack/pgid
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
ReturnToService=2
SlurmdParameters=config_overrides
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=1
MessageTimeout=10
KillWait=2
InactiveLimit=0
MinJobAge=300
SlurmctldDebug=info
SlurmdDebug=info
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=1000 State=UNKNOWN
PartitionName=debug Nodes=$HOST Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO
CONF
export SLURM_CONF=$STATE/slurm.conf

slurmctld -i -f "$SLURM_CONF" || skip "slurmctld does not start (see $STATE/log/slurmctld.log)"
slurmd -f "$SLURM_CONF" || skip "slurmd does not start (see $STATE/log/slurmd.log)"

# A daemon that forked and then died (a fatal error after daemonizing) leaves only its log; asking
# a dead slurmctld would make every scontrol call wait out MessageTimeout, so look first.
daemon_died() {  # NAME: the daemon's pid file names no live process
  local pid
  pid=$(cat "$STATE/run/$1.pid" 2>/dev/null)
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && return 1
  [ -n "$pid" ] || [ -n "$(grep -m1 'fatal' "$STATE/log/$1.log" 2>/dev/null)" ]
}

# slurmctld up and the node idle: at most ~20 s.
for _ in $(seq 1 80); do
  for daemon in slurmctld slurmd; do
    if daemon_died "$daemon"; then
      why=$(grep -m1 'fatal' "$STATE/log/$daemon.log" 2>/dev/null || grep -m1 'error' "$STATE/log/$daemon.log" 2>/dev/null)
      skip "$daemon died after starting: ${why:-no reason in its log} (see $STATE/log/$daemon.log)"
    fi
  done
  state=$(scontrol show node "$HOST" 2>/dev/null | sed -n 's/.*State=\([A-Z+_]*\).*/\1/p' | head -1)
  case "$state" in IDLE*|MIXED*|ALLOCATED*) break ;; esac
  sleep 0.25
done
case "${state:-}" in IDLE*|MIXED*|ALLOCATED*) ;; *)
  scontrol update nodename="$HOST" state=resume >/dev/null 2>&1
  sleep 1
  state=$(scontrol show node "$HOST" 2>/dev/null | sed -n 's/.*State=\([A-Z+_]*\).*/\1/p' | head -1)
  case "${state:-}" in IDLE*|MIXED*|ALLOCATED*) ;; *) skip "the Slurm node did not become idle (state '${state:-none}'; see $STATE/log)" ;; esac
esac

# A token for root that outlives any test (scontrol asks slurmctld, which signs it).
TOKEN=$(scontrol token username=root lifespan=7200 2>"$STATE/log/token.err" | sed -n 's/^SLURM_JWT=//p')
[ -n "$TOKEN" ] || skip "scontrol token failed: $(cat "$STATE/log/token.err")"
umask 077
printf '%s\n' "$TOKEN" > "$STATE/root.jwt"
umask 022

# slurmrestd refuses to run as root or SlurmUser: it runs as nobody, with JWT over TCP.
chown nobody "$STATE/jwt.key" 2>/dev/null
SLURM_JWT=daemon slurmrestd -f "$SLURM_CONF" -u nobody -g nogroup -a rest_auth/jwt -s openapi/v0.0.38 \
  "127.0.0.1:$REST_PORT" > "$STATE/log/slurmrestd.log" 2>&1 &
echo $! > "$STATE/run/slurmrestd.pid"
for _ in $(seq 1 40); do
  curl -s -o /dev/null "http://127.0.0.1:$REST_PORT/openapi/v3" && break
  sleep 0.25
done
curl -s -o /dev/null "http://127.0.0.1:$REST_PORT/openapi/v3" || skip "slurmrestd does not answer on 127.0.0.1:$REST_PORT (see $STATE/log/slurmrestd.log)"

# A second slurmrestd in local mode on a unix socket (rest_auth/local: no token, the socket's
# peer is the caller; requests run as slurmrestd's own user, nobody, so this one is for reading).
mkdir -p "$STATE/rest" && chown nobody "$STATE/rest"
slurmrestd -f "$SLURM_CONF" -u nobody -g nogroup -a rest_auth/local -s openapi/v0.0.38 \
  "unix:$STATE/rest/slurmrestd.sock" > "$STATE/log/slurmrestd-local.log" 2>&1 &
echo $! > "$STATE/run/slurmrestd-local.pid"
for _ in $(seq 1 40); do [ -S "$STATE/rest/slurmrestd.sock" ] && break; sleep 0.25; done

cat > "$STATE/env" <<ENV
SLURM_CONF=$SLURM_CONF
ARCHI_SLURM_URL=http://127.0.0.1:$REST_PORT
ARCHI_SLURM_TOKEN_FILE=$STATE/root.jwt
ARCHI_SLURM_USER=root
ARCHI_SLURM_PARTITION=debug
ARCHI_SLURM_HOST=$HOST
ARCHI_SLURM_SOCKET_URL=unix://$STATE/rest/slurmrestd.sock
ENV
echo "slurm up: node $HOST ($CPUS CPUs), slurmrestd http://127.0.0.1:$REST_PORT"
