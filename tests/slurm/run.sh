#!/usr/bin/env bash
# tests/slurm/run.sh NOOK_BINARY TEST_USER — the Slurm suite: nook under a real batch scheduler.
# Starts a 3-node Slurm 22.05 cluster on this machine (tests/slurm/cluster.sh: munge, slurmctld,
# three slurmd, no systemd), a local registry that logs every request (scripts/registry.sh),
# and submits every case as the unprivileged TEST_USER: srun -N3 on every node, an sbatch
# array of 30 containers, scancel and --time of containerised steps, three nodes pulling one
# image into a shared store at once (each layer blob fetched once), a read-only site store
# (additionalimagestores) used without a pull, registries.conf mirrors, and
# srun --container=BUNDLE with an oci.conf that names only nook. After each case: nothing of
# the user's left (process, container state, mount). Stops what it started.
# Needs root and the packages slurmd slurmctld slurm-client munge docker-registry skopeo
# (installed with apt when missing, unless SLURM_NO_APT=1). Outside root it prints a
# SKIPPED line and exits 0; under CI=true that is a failure. Last line:
# `slurm: N passed, M failed`. KEEP_SLURM=1 keeps the work directory.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$HERE/../.." && pwd -P)
NOOK_IN=${1:?usage: run.sh NOOK_BINARY TEST_USER}
TEST_USER=${2:?usage: run.sh NOOK_BINARY TEST_USER}

skip() {
    echo "!!!!!!!! Slurm suite: SKIPPED ($1) !!!!!!!!"
    if [ "${CI:-}" = true ]; then echo "slurm: 0 passed, 1 failed"; exit 1; fi
    exit 0
}
[ "$(id -u)" = 0 ] || skip "needs root (daemons, /etc/slurm, /run/munge)"
id -u "$TEST_USER" >/dev/null 2>&1 || skip "no user $TEST_USER"
PKGS=(slurmd slurmctld slurm-client munge docker-registry skopeo)
missing=()
for p in "${PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
    [ "${SLURM_NO_APT:-0}" = 1 ] && skip "packages missing: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" >/tmp/nook-slurm-apt.log 2>&1 ||
        skip "apt-get install ${missing[*]} failed (log: /tmp/nook-slurm-apt.log)"
fi

TEST_UID=$(id -u "$TEST_USER")
WORK=$(mktemp -d /var/tmp/nook-slurm.XXXXXX)
chmod 0755 "$WORK"
U=$WORK/u                      # the user's: home, store, bundle, job output
install -d -o "$TEST_USER" -g "$TEST_USER" -m 0755 "$U" "$U/home" "$U/out"
install -m 0755 "$NOOK_IN" "$WORK/nook"
NOOK=$WORK/nook
started_cluster=0
OCI_CONF=/etc/slurm/oci.conf

finish() {
    # Jobs of this run first, then the daemons, the registry and the files.
    scancel -u "$TEST_USER" >/dev/null 2>&1
    [ -f "$OCI_CONF.nook-saved" ] && mv "$OCI_CONF.nook-saved" "$OCI_CONF"
    [ -f "$WORK/oci-conf-ours" ] && rm -f "$OCI_CONF"
    [ "$started_cluster" = 1 ] && bash "$HERE/cluster.sh" stop
    bash "$REPO/scripts/registry.sh" stop "$WORK/reg" >/dev/null 2>&1
    bash "$REPO/scripts/registry.sh" stop "$WORK/mirror" >/dev/null 2>&1
    if [ "${KEEP_SLURM:-0}" = 1 ]; then echo "slurm: kept $WORK"; else rm -rf "$WORK"; fi
}
trap finish EXIT

start=$(date +%s)
started_cluster=1
if ! SLURM_TEST_DIR=/var/tmp/slurm-test bash "$HERE/cluster.sh" start; then
    echo "slurm: the cluster did not start"; echo "slurm: 0 passed, 1 failed"; exit 1
fi
# The test image: busybox, pushed as busybox:latest and as site/tool:1 (for the site store).
bash "$REPO/scripts/busybox-rootfs.sh" "$WORK/rootfs" >/dev/null
python3 "$REPO/scripts/oci-busybox.py" "$WORK/rootfs" "$WORK/oci" >/dev/null
REG=$(REGISTRY_ACCESS_LOG_OFF=false bash "$REPO/scripts/registry.sh" start "$WORK/reg") ||
    { echo "slurm: the registry did not start"; echo "slurm: 0 passed, 1 failed"; exit 1; }
for ref in busybox:latest site/tool:1 mirrored/busybox:1; do
    bash "$REPO/scripts/registry.sh" push "$WORK/reg" "oci:$WORK/oci:latest" "$ref" >/dev/null 2>&1 ||
        { echo "slurm: pushing $ref failed"; echo "slurm: 0 passed, 1 failed"; exit 1; }
done
LAYERS=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1]+"/index.json")); m=d["manifests"][0]["digest"].split(":")[1]; print(" ".join(l["digest"] for l in json.load(open(sys.argv[1]+"/blobs/sha256/"+m))["layers"]))' "$WORK/oci")
echo "slurm: cluster and registry $REG up in $(( $(date +%s) - start )) s ($(sinfo -V))"

# as_user CMD...: run CMD as the test user from $U, in a clean environment like a login's
# (srun and sbatch pass it on to the tasks: --export=ALL).
as_user() {
    (cd "$U" && runuser -u "$TEST_USER" -- env -i PATH=/usr/local/bin:/usr/bin:/bin \
        HOME="$U/home" USER="$TEST_USER" LOGNAME="$TEST_USER" NOOK_STORAGE="$U/store" \
        "${EXTRA_ENV[@]}" "$@" </dev/null)
}
EXTRA_ENV=()
RUN="$NOOK run --rm --network none --tls-verify=false"
IMG=$REG/busybox:latest

# gets PATH_PART: how many GETs of the registry's log name it.
gets() { grep -c "\"GET [^\"]*$1" "$WORK/reg/registry.log" || true; }

# leftovers: what of the user is still there (processes but zombies and Slurm's clients,
# container state directories, mounts under this run's directory or nook's runtime
# directory); waits up to 20 s for it to go. A process whose parent ran before the case is
# that process's, not the case's: the user-namespace holder an earlier suite left replaces its
# spare on its own clock (one claimed by a run that was killed, 5 to 10 s later).
leftovers() {
    local left i
    for i in $(seq 1 40); do
        left=$(
            ps -u "$TEST_USER" -o pid=,ppid=,stat=,args= 2>/dev/null |
                awk -v before="$BEFORE_PIDS" '$3 !~ /^Z/ && index(before, " " $1 " ") == 0 &&
                    index(before, " " $2 " ") == 0 { $2 = ""; print }' |
                grep -v -E ' (srun|sbatch|squeue|scancel)( |$)' || true
            ls "/tmp/nook-$TEST_UID/containers" 2>/dev/null | sed 's/^/state: /'
            grep -E "$WORK|/tmp/nook-$TEST_UID" /proc/mounts | sed 's/^/mount: /'
        )
        [ -z "$left" ] && return 0
        sleep 0.5
    done
    echo "left behind:"; echo "$left"; return 1
}

PASSED=0
FAILED=0
# case_ NAME FUNCTION: run one case; its output is shown only when it fails.
case_() {
    local name=$1 out rc t0=$SECONDS
    # What the test user ran before this case (an earlier suite's podman pause process, say)
    # is not this case's leftover.
    BEFORE_PIDS=" $(ps -u "$TEST_USER" -o pid= 2>/dev/null | tr -s ' \n' '  ') "
    out=$("$2" 2>&1); rc=$?
    if [ "$rc" = 0 ]; then
        if ! out2=$(leftovers); then rc=1; out="$out
$out2"; fi
    fi
    if [ "$rc" = 0 ]; then
        PASSED=$((PASSED + 1)); echo "slurm case $name ... ok ($((SECONDS - t0)) s)${out:+: $(tail -n 1 <<<"$out")}"
    else
        FAILED=$((FAILED + 1)); echo "slurm case $name ... FAILED ($((SECONDS - t0)) s)"; sed 's/^/    /' <<<"$out"
    fi
}

. "$HERE/cases.sh"

echo "slurm: $PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
