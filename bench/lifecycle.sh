#!/usr/bin/env bash
# bench/lifecycle.sh — what a detached container costs: nook against rootless podman.
#
# In one run, on this machine and the same busybox rootfs (scripts/busybox-rootfs.sh):
#   1. `run -d --rm` of `sleep 60` then `stop -t 0` of it (the --rm container then goes by
#      itself), with `hyperfine -N --warmup $WARMUP --runs $RUNS`, as one shell command each:
#        nook    $NOOK run -d --rm --network none --rootfs DIR sleep 60; $NOOK stop -t 0 ID
#        podman  podman run -d --rm --network none IMAGE sleep 60; podman stop -t 0 ID
#      (podman set up as bench/run.sh does: storage driver and OCI runtime probed, runc
#      where crun refuses the host, --cgroup-manager cgroupfs --events-backend file);
#   2. the memory of one detached container's own processes, from /proc/PID/smaps_rollup:
#      nook's monitor (`nook __monitor ID`) and its `nook __init`, against podman's conmon
#      (its `podman` processes have all ended by then), as PSS and Private (clean + dirty).
# Prints a table with ratios to nook. A tool that does not work here is skipped with a line
# saying why.
#
# Must run unprivileged: started as root it re-runs itself as $BENCH_USER (default nooktest)
# from a world-readable copy in /tmp. Environment: NOOK, RUNS (default 20), WARMUP (default
# 2), BENCH_USER, KEEP_TMP=1.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$HERE/.." && pwd -P)
RUNS=${RUNS:-20}
WARMUP=${WARMUP:-2}
NOOK=${NOOK:-$REPO/target/release/nook}
IMAGE=localhost/nook-bench-busybox

# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"

bench_as_user lifecycle.sh RUNS WARMUP

# ---------------------------------------------------------------- unprivileged
command -v hyperfine >/dev/null 2>&1 || die "hyperfine not found (apt-get install hyperfine)"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3) || die "python3 not found (apt-get install python3)"

bench_workdir
# nook's records and logs go to the work directory, not the user's data directory.
export XDG_DATA_HOME=$W/data

NAMES=()
CMDS=()
add() { NAMES+=("$1"); CMDS+=("$2"); }

have_nook=0
if [ -x "$NOOK" ] && works nook "$NOOK" run --rm --network none --rootfs "$ROOTFS" true; then
    have_nook=1
    add nook "sh -c 'id=\$($NOOK run -d --rm --network none --rootfs $ROOTFS sleep 60) && $NOOK stop -t 0 \$id >/dev/null'"
else
    skip "nook (no working executable at $NOOK)"
fi
have_podman=0
if podman_probe "$IMAGE" "$ROOTFS"; then
    have_podman=1
    add podman "sh -c 'id=\$(${PODMAN[*]} run -d --rm --network none $IMAGE sleep 60) && ${PODMAN[*]} stop -t 0 \$id >/dev/null'"
fi
[ "${#NAMES[@]}" -gt 0 ] || die "nothing to benchmark"

# ---------------------------------------------------------------- run -d + stop
hf=(hyperfine -N --warmup "$WARMUP" --runs "$RUNS" --export-json "$W/hyperfine.json")
for i in "${!NAMES[@]}"; do hf+=(-n "${NAMES[$i]}" "${CMDS[$i]}"); done
echo "bench: $(uname -sr), $(nproc) cpus, $RUNS runs (+$WARMUP warm-up) each, user $(id -un)"
"${hf[@]}" </dev/null

# ---------------------------------------------------------------- memory
# mem PID...: the sums of Pss and of Private_Clean + Private_Dirty, in KiB.
mem() {
    local pss=0 priv=0 p k v
    for p in "$@"; do
        while read -r k v _; do
            case $k in
                Pss:) pss=$((pss + v)) ;;
                Private_Clean:|Private_Dirty:) priv=$((priv + v)) ;;
            esac
        done <"/proc/$p/smaps_rollup"
    done
    echo "$pss $priv"
}
: >"$W/mem.txt"
if [ "$have_nook" = 1 ]; then
    id=$("$NOOK" run -d --network none --rootfs "$ROOTFS" sleep 60)
    BENCH_ON_EXIT="\"$NOOK\" rm -f -t 0 $id >/dev/null 2>&1"
    sleep 1
    # The oldest: its container side is a fork of it, with its command line.
    mon=$(pgrep -o -f "__monitor $id")
    # Its container side: a fork of the monitor (its command line is the monitor's).
    init=$(pgrep -P "$mon" || true)
    echo "bench: nook's processes of one container: monitor $mon, __init ${init:-none}"
    # shellcheck disable=SC2086 # two pids at most
    echo "nook $(mem $mon $init)" >>"$W/mem.txt"
    "$NOOK" rm -f -t 0 "$id" >/dev/null
fi
if [ "$have_podman" = 1 ]; then
    pid=$("${PODMAN[@]}" run -d --network none "$IMAGE" sleep 60)
    BENCH_ON_EXIT="${PODMAN[*]} rm -f -t 0 $pid >/dev/null 2>&1"
    sleep 1
    conmon=$("${PODMAN[@]}" inspect --format '{{.State.ConmonPid}}' "$pid")
    echo "bench: podman's processes of one container: conmon $conmon"
    echo "podman $(mem "$conmon")" >>"$W/mem.txt"
    "${PODMAN[@]}" rm -f -t 0 "$pid" >/dev/null
fi
BENCH_ON_EXIT=

"$PY" - "$W/hyperfine.json" "$W/mem.txt" <<'EOF'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
rows = {r["command"]: r["median"] * 1000 for r in results}
mem = {}
for line in open(sys.argv[2]):
    name, pss, priv = line.split()
    mem[name] = (int(pss), int(priv))
def ratio(a, b):
    return f"{a / b:.2f}x" if a is not None and b else "n/a"
print()
print(f"{'run -d + stop':<14} {'median ms':>10} {'ratio to nook':>14}")
for name, med in rows.items():
    print(f"{name:<14} {med:>10.1f} {ratio(med, rows.get('nook')):>14}")
print()
print(f"{'memory':<14} {'PSS KiB':>10} {'Private KiB':>12} {'PSS ratio to nook':>18}")
for name, (pss, priv) in mem.items():
    print(f"{name:<14} {pss:>10} {priv:>12} {ratio(pss, mem.get('nook', (None,))[0]):>18}")
import os
if os.environ.get("BENCH_SUMMARY"):
    with open(os.environ["BENCH_SUMMARY"], "a") as out:
        for name, med in rows.items():
            print("lifecycle: run -d, then stop -t 0", name, f"{med:.2f}", "ms", sep="\t", file=out)
EOF
