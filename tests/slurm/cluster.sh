#!/usr/bin/env bash
# tests/slurm/cluster.sh start|stop|status — a 3-node Slurm 22.05 cluster on this one machine,
# without systemd (/work/shared/slurm-notes.md): munge, slurmctld and three `slurmd -N n1..n3`
# on 127.0.0.1 (ports 16817, 17001-17003), proctrack/linuxproc, no cgroups. Needs root and
# the packages slurmd slurmctld slurm-client munge. Every daemon starts under `env -i` (slurmd
# hands its environment to the job's helper commands). `start` starts only what is not running
# and records what it started in $SLURM_TEST_DIR/started; `stop` stops exactly that and waits
# for the processes to be gone. Environment: SLURM_TEST_DIR (default /var/tmp/slurm-test).
set -euo pipefail

SL=${SLURM_TEST_DIR:-/var/tmp/slurm-test}
CLEAN=(env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin)
NODES=(n1 n2 n3)

alive() { # alive PIDFILE: its process runs
    local pid
    pid=$(cat "$1" 2>/dev/null) || return 1
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != Z ]
}

wait_gone() { # wait_gone PID...: at most ~15 s
    local pid i
    for pid in "$@"; do
        for i in $(seq 1 150); do
            [ -d "/proc/$pid" ] || break
            [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" = Z ] && break
            sleep 0.1
        done
    done
}

conf() {
    cat <<CONF
ClusterName=nooktest
SlurmctldHost=localhost
AuthType=auth/munge
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
SlurmUser=slurm
SlurmctldPort=16817
KillWait=5
OverTimeLimit=0
MinJobAge=2
InactiveLimit=0
StateSaveLocation=$SL/state
SlurmdSpoolDir=$SL/spool-%n
SlurmctldPidFile=$SL/slurmctld.pid
SlurmdPidFile=$SL/slurmd-%n.pid
SlurmctldLogFile=$SL/slurmctld.log
SlurmdLogFile=$SL/slurmd-%n.log
MaxArraySize=1001
MaxJobCount=10000
NodeName=n1 NodeHostname=localhost NodeAddr=127.0.0.1 Port=17001 CPUs=2 RealMemory=1000
NodeName=n2 NodeHostname=localhost NodeAddr=127.0.0.1 Port=17002 CPUs=2 RealMemory=1000
NodeName=n3 NodeHostname=localhost NodeAddr=127.0.0.1 Port=17003 CPUs=2 RealMemory=1000
PartitionName=main Nodes=n1,n2,n3 Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE:4
CONF
}

start() {
    mkdir -p "$SL" /etc/slurm
    install -d -o slurm -g slurm "$SL/state"
    : >>"$SL/started"
    local restart=0
    if ! cmp -s <(conf) /etc/slurm/slurm.conf; then
        [ -f /etc/slurm/slurm.conf ] && cp /etc/slurm/slurm.conf "$SL/slurm.conf.before"
        conf >/etc/slurm/slurm.conf
        restart=1
    fi
    if ! alive /run/munge/munged.pid; then
        install -d -o munge -g munge -m 755 /run/munge
        "${CLEAN[@]}" runuser -u munge -- /usr/sbin/munged
        echo munge >>"$SL/started"
    fi
    munge -n | unmunge >/dev/null || { echo "cluster.sh: munge does not work" >&2; return 1; }
    if [ "$restart" = 1 ]; then
        local pids=()
        for f in "$SL"/slurmd-n*.pid "$SL/slurmctld.pid"; do
            if alive "$f"; then pids+=("$(cat "$f")"); fi
        done
        if [ "${#pids[@]}" -gt 0 ]; then kill "${pids[@]}" 2>/dev/null || true; wait_gone "${pids[@]}"; fi
    fi
    if ! alive "$SL/slurmctld.pid"; then
        "${CLEAN[@]}" slurmctld
        echo slurmctld >>"$SL/started"
    fi
    for n in "${NODES[@]}"; do
        if ! alive "$SL/slurmd-$n.pid"; then
            "${CLEAN[@]}" slurmd -N "$n"
            echo "slurmd-$n" >>"$SL/started"
        fi
    done
    local i idle
    for i in $(seq 1 100); do
        idle=$(sinfo -h -N -o '%N %T' 2>/dev/null | grep -c ' idle$' || true)
        [ "$idle" -ge 3 ] && return 0
        # A node left down or drained by an earlier run comes back.
        scontrol update nodename=n1,n2,n3 state=resume >/dev/null 2>&1 || true
        sleep 0.2
    done
    echo "cluster.sh: the nodes did not become idle:" >&2
    sinfo -N >&2 || true
    return 1
}

stop() {
    [ -f "$SL/started" ] || return 0
    local pids=() what
    while read -r what; do
        case "$what" in
            munge) f=/run/munge/munged.pid ;;
            *) f=$SL/$what.pid ;;
        esac
        if alive "$f"; then pids+=("$(cat "$f")"); fi
    done <"$SL/started"
    # The slurmds first, then slurmctld (it saves its state), munge last.
    if [ "${#pids[@]}" -gt 0 ]; then kill "${pids[@]}" 2>/dev/null || true; wait_gone "${pids[@]}"; fi
    rm -f "$SL/started"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) sinfo -N ;;
    *) echo "usage: cluster.sh start|stop|status" >&2; exit 2 ;;
esac
