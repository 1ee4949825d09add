#!/usr/bin/env bash
# bench/run.sh — start-up latency of `nook run --rm` against bubblewrap and rootless podman.
#
# In one run, on this machine and the same busybox rootfs (scripts/busybox-rootfs.sh), times
#   nook    ${NOOK:-target/release/nook} run --rm --network none --rootfs DIR true (as podman
#           and bwrap here: no network helper)
#   nook-nosec  the same with --security-opt seccomp=unconfined (the seccomp filter's cost)
#   nook-device the same with --device /dev/null:/dev/bench-null (one device's cost)
#   nook-image  nook run --rm --network none busybox true: the same content as an image in
#           nook's store (scripts/testimages.py), on a kernel overlay of its layers
#   bwrap   bwrap --unshare-all --die-with-parent --bind DIR / --proc /proc --dev /dev true
#   podman  podman run --rm --network none localhost/nook-bench-busybox true
#           (image made with `tar -C DIR -c . | podman import`, in a private podman storage)
# with `hyperfine -N`, RUNS starts of each in ROUNDS rounds (the tools take turns round by
# round, so that a change of load in the run touches them alike; podman's rounds come last,
# see below), then prints a table: tool,
# median ms over every round, ratio to nook. A tool that is missing or does not work here is skipped with a line saying why.
#
# Must run unprivileged: started as root it re-runs itself as $BENCH_USER (default nooktest,
# created by `scripts/test.sh --setup-only`) from a world-readable copy in /tmp.
#
# Podman, rootless and without systemd, is set up by probing (first that works wins, and the
# command line is printed): storage driver overlay (native) -> overlay with fuse-overlayfs ->
# vfs; OCI runtime default -> runc -> crun (crun refuses hybrid cgroup v1/v2 hosts with
# "cgroups in hybrid mode not supported"; runc works there); always --cgroup-manager cgroupfs
# --events-backend file; `podman system migrate` once if nothing works (stale pause process).
#
# Environment: NOOK (binary to time), NOOK_BASE (a second nook to time beside it, rows
#   nook-base and nook-base-image: a change's before and after in one run), RUNS (default 60),
#   ROUNDS (default 6), WARMUP (per round, default 2), BENCH_USER,
#   BENCH_JSON (also copy hyperfine's JSON there), KEEP_TMP=1 (keep the work dir).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$HERE/.." && pwd -P)
RUNS=${RUNS:-60}
ROUNDS=${ROUNDS:-6}
WARMUP=${WARMUP:-2}
NOOK=${NOOK:-$REPO/target/release/nook}
IMAGE=localhost/nook-bench-busybox

# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"

# As root: re-run unprivileged (returns only when not root).
bench_as_user run.sh RUNS ROUNDS WARMUP NOOK_BASE

# ---------------------------------------------------------------- unprivileged
command -v hyperfine >/dev/null 2>&1 || die "hyperfine not found (apt-get install hyperfine)"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3) || die "python3 not found (apt-get install python3)"

bench_workdir

NAMES=()
CMDS=()
add() { NAMES+=("$1"); CMDS+=("$2"); }

# nook
if [ -x "$NOOK" ]; then
    if works nook "$NOOK" run --rm --rootfs "$ROOTFS" true; then
        add nook "$NOOK run --rm --network none --rootfs $ROOTFS true"
        # The same run without the seccomp filter: what the filter costs at start.
        add nook-nosec "$NOOK run --rm --network none --security-opt seccomp=unconfined --rootfs $ROOTFS true"
        # The same run with one device (a bind of the host's node): what --device costs.
        add nook-device "$NOOK run --rm --network none --device /dev/null:/dev/bench-null --rootfs $ROOTFS true"
    fi
    # The busybox image (same content, as podman's below) from nook's store: a kernel overlay
    # of its layers with an upper directory of its own, as a container of an image runs.
    if "$PY" "$REPO/scripts/testimages.py" "$W/images" --busybox-only >/dev/null &&
        XDG_DATA_HOME=$W/data "$NOOK" load -q -i "$W/images/busybox.oci.tar" >/dev/null &&
        works nook-image env XDG_DATA_HOME="$W/data" "$NOOK" run --rm busybox true; then
        add nook-image "env XDG_DATA_HOME=$W/data $NOOK run --rm --network none busybox true"
    fi
else
    skip "nook (no executable at $NOOK; build it with cargo build --release or set NOOK)"
fi
# A baseline nook (NOOK_BASE, e.g. the previous commit's build), timed the same way in the
# same run, so that a change's cost at start shows as a ratio.
if [ -n "${NOOK_BASE:-}" ]; then
    if works nook-base "$NOOK_BASE" run --rm --rootfs "$ROOTFS" true; then
        add nook-base "$NOOK_BASE run --rm --network none --rootfs $ROOTFS true"
    fi
    if [ -f "$W/images/busybox.oci.tar" ] &&
        XDG_DATA_HOME=$W/data-base "$NOOK_BASE" load -q -i "$W/images/busybox.oci.tar" >/dev/null &&
        works nook-base-image env XDG_DATA_HOME="$W/data-base" "$NOOK_BASE" run --rm busybox true; then
        add nook-base-image "env XDG_DATA_HOME=$W/data-base $NOOK_BASE run --rm --network none busybox true"
    fi
fi

# bubblewrap
if command -v bwrap >/dev/null 2>&1; then
    bwrap_cmd=(bwrap --unshare-all --die-with-parent --bind "$ROOTFS" / --proc /proc --dev /dev true)
    if works bwrap "${bwrap_cmd[@]}"; then add bwrap "${bwrap_cmd[*]}"; fi
else
    skip "bwrap (not installed: apt-get install bubblewrap)"
fi

# podman (storage driver and runtime probed by podman_probe in bench/lib.sh)
if podman_probe "$IMAGE" "$ROOTFS"; then
    add podman "${PODMAN[*]} run --rm --network none $IMAGE true"
fi

[ "${#NAMES[@]}" -gt 0 ] || die "nothing to benchmark"

# ---------------------------------------------------------------- measure
# In ROUNDS rounds of RUNS/ROUNDS runs of each tool, the tools taking turns round by round:
# hyperfine times one command to the end before the next, and on a shared VM the load moves
# in that time, which a ratio of two tools then shows as a difference between them.
# podman's rounds come after the others': a rootless podman run leaves work behind it once
# it has exited (its storage's and network's cleanup, its pause process's), which would
# land on the runs timed next (in one comparison here: nook's start 14% slower, bwrap's 6%,
# when they followed podman's rounds); at 20 times their start, its ratio needs no turns.
per_round=$(( (RUNS + ROUNDS - 1) / ROUNDS ))
echo "bench: $(uname -sr), $(nproc) cpus, $ROUNDS rounds of $per_round runs (+$WARMUP warm-up) each, rootfs $ROOTFS, user $(id -un)"
round() { # round N NAME...: one round of the tools named
    local r=$1 i n
    shift
    hf=(hyperfine -N --style none --warmup "$WARMUP" --runs "$per_round" --export-json "$W/hyperfine.$r.json")
    for n in "$@"; do
        for i in "${!NAMES[@]}"; do
            if [ "${NAMES[$i]}" = "$n" ]; then hf+=(-n "$n" "${CMDS[$i]}"); fi
        done
    done
    [ "${#hf[@]}" -gt 10 ] || return 0
    "${hf[@]}" </dev/null >/dev/null
}
others=()
for n in "${NAMES[@]}"; do [ "$n" = podman ] || others+=("$n"); done
for r in $(seq "$ROUNDS"); do round "$r" "${others[@]}"; done
for r in $(seq "$ROUNDS"); do round "p$r" podman; done
# One result per tool over every round, in hyperfine's JSON form.
"$PY" - "$W/hyperfine.json" "$W"/hyperfine.*[0-9].json <<'EOF'
import json, statistics, sys
merged = {}
for f in sys.argv[2:]:
    for r in json.load(open(f))["results"]:
        merged.setdefault(r["command"], []).extend(r["times"])
out = [{"command": c, "times": t, "median": statistics.median(t), "mean": statistics.mean(t),
        "stddev": statistics.stdev(t) if len(t) > 1 else 0.0, "min": min(t), "max": max(t)}
       for c, t in merged.items()]
json.dump({"results": out}, open(sys.argv[1], "w"))
EOF
if [ -n "${BENCH_JSON:-}" ]; then cp "$W/hyperfine.json" "$BENCH_JSON"; fi

# ---------------------------------------------------------------- memory
# The foreground runner's own memory with a published port: `run --rm -p PORT:80 ... sleep`,
# and 3 s later the sum of Private_Clean + Private_Dirty (smaps_rollup) of the processes it
# started in our PID namespace (the runner, its helpers: slirp4netns, nook's __portfwd,
# podman's conmon and rootlessport) and of the tool's per-user processes, new or not (nook's
# user-namespace holder and its spare, podman's pause process). The container's command runs
# in a PID namespace of its own and is not counted. Printed per process, then as bench/all.sh
# rows.
user_pids() {
    local p ours
    ours=$(readlink /proc/self/ns/pid)
    for p in /proc/[0-9]*; do
        if [ -O "$p" ] && [ "$(readlink "$p/ns/pid" 2>/dev/null)" = "$ours" ]; then echo "${p#/proc/}"; fi
    done
}
# fg_mem NAME PER_USER_PID_COMMAND CMD...
fg_mem() {
    local name=$1 per_user=$2 p priv total=0 k v
    shift 2
    local before
    before=" $(user_pids | tr '\n' ' ') "
    "$@" >/dev/null 2>&1 &
    local job=$!
    sleep 3
    local pids
    pids="$(user_pids | tr '\n' ' ') $(eval "$per_user" 2>/dev/null || true)"
    local mine
    mine=" $(eval "$per_user" 2>/dev/null | tr '\n' ' ' || true) "
    for p in $(printf '%s\n' $pids | sort -un); do
        case "$before" in *" $p "*) case "$mine" in *" $p "*) ;; *) continue ;; esac ;; esac
        [ "$p" = $$ ] && continue
        [ -r "/proc/$p/smaps_rollup" ] || continue
        case "$(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null)" in
            sleep\ 3*|user_pids*|"") continue ;;
        esac
        priv=0
        while read -r k v _; do
            case $k in Private_Clean:|Private_Dirty:) priv=$((priv + v)) ;; esac
        done <"/proc/$p/smaps_rollup"
        total=$((total + priv))
        printf 'bench: %-7s %6d KiB private  %s\n' "$name" "$priv" "$(tr '\0' ' ' <"/proc/$p/cmdline" | cut -c1-70)"
    done
    echo "$name $total" >>"$W/fgmem.txt"
    wait "$job" || true
}
: >"$W/fgmem.txt"
port=$(( 20000 + RANDOM % 20000 ))
if [ "${#NAMES[@]}" -gt 0 ] && [ "${NAMES[0]}" = nook ]; then
    # The holder and its spare (a child in namespaces made ahead for the next run).
    holder='h=$(head -n 1 "$XDG_RUNTIME_DIR/nook/userns" | tr -dc 0-9); echo "$h"; pgrep -P "$h"'
    fg_mem nook "$holder" "$NOOK" run --rm -p "127.0.0.1:$port:80" --rootfs "$ROOTFS" sleep 6
fi
if [ "${#PODMAN[@]}" -gt 0 ]; then
    fg_mem podman 'pgrep -u "$(id -u)" -x catatonit | head -n 1' \
        "${PODMAN[@]}" run --rm -p "127.0.0.1:$((port + 1)):80" "$IMAGE" sleep 6
fi

# A detached container's own processes, 2 s after `run -d --network none ... sleep 60`:
# nook's monitor and its container side (a fork of the monitor) against podman's conmon,
# as PSS and Private (clean + dirty) from smaps_rollup, in the same run.
det_mem() {
    local name=$1 pss=0 priv=0 p k v
    shift
    for p in "$@"; do
        while read -r k v _; do
            case $k in
                Pss:) pss=$((pss + v)) ;;
                Private_Clean:|Private_Dirty:) priv=$((priv + v)) ;;
            esac
        done <"/proc/$p/smaps_rollup"
    done
    echo "bench: detached $name: processes $*"
    echo "$name $pss $priv" >>"$W/detmem.txt"
}
: >"$W/detmem.txt"
if [ "${#NAMES[@]}" -gt 0 ] && [ "${NAMES[0]}" = nook ]; then
    id=$("$NOOK" run -d --network none --rootfs "$ROOTFS" sleep 60)
    sleep 2
    # The oldest: its container side is a fork of it, with its command line.
    mon=$(pgrep -o -f "__monitor $id")
    # shellcheck disable=SC2046 # the monitor's children, one pid a word
    det_mem nook "$mon" $(pgrep -P "$mon")
    "$NOOK" rm -f -t 0 "$id" >/dev/null
fi
if [ "${#PODMAN[@]}" -gt 0 ]; then
    cid=$("${PODMAN[@]}" run -d --network none "$IMAGE" sleep 60)
    sleep 2
    det_mem podman "$("${PODMAN[@]}" inspect --format '{{.State.ConmonPid}}' "$cid")"
    "${PODMAN[@]}" rm -f -t 0 "$cid" >/dev/null
fi

FGMEM=$W/fgmem.txt DETMEM=$W/detmem.txt "$PY" - "$W/hyperfine.json" <<'EOF'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
rows = [(r["command"], r["median"] * 1000, r["mean"] * 1000, r["stddev"] * 1000 if r.get("stddev") is not None else 0.0,
         r["min"] * 1000) for r in results]
base = next((m for name, m, *_ in rows if name == "nook"), None)
print()
print(f"{'tool':<12} {'median ms':>10} {'ratio to nook':>14} {'mean ms':>9} {'stddev':>8} {'min ms':>8}")
for name, med, mean, sd, mn in rows:
    ratio = f"{med / base:.2f}x" if base else "n/a"
    print(f"{name:<12} {med:>10.1f} {ratio:>14} {mean:>9.1f} {sd:>8.1f} {mn:>8.1f}")
if base is None:
    print("(nook was not measured, so there are no ratios)")
# bench/all.sh's rows: a directory as the root (nook, bwrap), an image (nook, podman).
import os
if os.environ.get("BENCH_SUMMARY"):
    case = {"nook": ("start: run --rm true, directory root", "nook"),
            "nook-base": ("start: run --rm true, directory root", "nook-base"),
            "bwrap": ("start: run --rm true, directory root", "bwrap"),
            "nook-nosec": ("start: the same without seccomp", "nook"),
            "nook-image": ("start: run --rm true, busybox image", "nook"),
            "nook-base-image": ("start: run --rm true, busybox image", "nook-base"),
            "podman": ("start: run --rm true, busybox image", "podman")}
    with open(os.environ["BENCH_SUMMARY"], "a") as out:
        for name, med, *_ in rows:
            if name in case:
                print(*case[name], f"{med:.2f}", "ms", sep="\t", file=out)
        for line in open(os.environ["FGMEM"]):
            name, kib = line.split()
            print("memory: foreground run -p, private", name, f"{int(kib) / 1024:.2f}", "MiB", sep="\t", file=out)
        for line in open(os.environ["DETMEM"]):
            name, pss, priv = line.split()
            print("memory: detached container, private", name, f"{int(priv) / 1024:.2f}", "MiB", sep="\t", file=out)
            print("memory: detached container, PSS", name, f"{int(pss) / 1024:.2f}", "MiB", sep="\t", file=out)
print()
for line in open(os.environ["FGMEM"]):
    name, kib = line.split()
    print(f"foreground run with -p, private memory of its own processes: {name} {int(kib) / 1024:.2f} MiB")
for line in open(os.environ["DETMEM"]):
    name, pss, priv = line.split()
    print(f"detached container, its own processes: {name} PSS {int(pss) / 1024:.2f} MiB, private {int(priv) / 1024:.2f} MiB")
EOF
