#!/usr/bin/env bash
# bench/run.sh — start-up latency of `nook run --rm` against bubblewrap and rootless podman.
#
# In one run, on this machine and the same busybox rootfs (scripts/busybox-rootfs.sh), times
#   nook    ${NOOK:-target/release/nook} run --rm --network none --rootfs DIR true (as podman
#           and bwrap here: no network helper)
#   nook-nosec  the same with --security-opt seccomp=unconfined (the seccomp filter's cost)
#   bwrap   bwrap --unshare-all --die-with-parent --bind DIR / --proc /proc --dev /dev true
#   podman  podman run --rm --network none localhost/nook-bench-busybox true
#           (image made with `tar -C DIR -c . | podman import`, in a private podman storage)
# with `hyperfine -N --warmup 3 --runs $RUNS`, then prints a table: tool, median ms, ratio
# to nook. A tool that is missing or does not work here is skipped with a line saying why.
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
# Environment: NOOK (binary to time), RUNS (default 30), WARMUP (default 3), BENCH_USER,
#   BENCH_JSON (also copy hyperfine's JSON there), KEEP_TMP=1 (keep the work dir).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$HERE/.." && pwd -P)
RUNS=${RUNS:-30}
WARMUP=${WARMUP:-3}
NOOK=${NOOK:-$REPO/target/release/nook}
IMAGE=localhost/nook-bench-busybox

skip() { printf 'skipped: %s\n' "$*"; }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- as root: re-run unprivileged
if [ "$(id -u)" -eq 0 ]; then
    user=${BENCH_USER:-nooktest}
    id -u "$user" >/dev/null 2>&1 ||
        die "running as root, and user $user does not exist: create it with 'bash scripts/test.sh --setup-only' or set BENCH_USER"
    uid=$(id -u "$user")
    home=$(getent passwd "$user" | cut -d: -f6)
    stage=$(mktemp -d /tmp/nook-bench-stage.XXXXXX)
    trap 'rm -rf "$stage"' EXIT
    mkdir -p "$stage/bench" "$stage/scripts" "$stage/bin"
    cp "$HERE/run.sh" "$stage/bench/run.sh"
    cp "$REPO/scripts/busybox-rootfs.sh" "$stage/scripts/"
    nook_path=$NOOK
    if [ -e "$NOOK" ] || command -v "$NOOK" >/dev/null 2>&1; then
        install -m 0755 "$(command -v "$NOOK" || echo "$NOOK")" "$stage/bin/nook"
        nook_path=$stage/bin/nook
    fi
    chmod -R a+rX "$stage"
    install -o "$user" -m 0644 /dev/null "$stage/out.json" # the user writes hyperfine's JSON here
    runtime=/run/user/$uid
    if [ ! -d "$runtime" ]; then
        mkdir -p "$runtime"; chown "$user:" "$runtime"; chmod 0700 "$runtime"
    fi
    echo "bench: running as $user (uid $uid) from $stage"
    rc=0
    (cd "$stage" && runuser -u "$user" -- env -i HOME="$home" USER="$user" LOGNAME="$user" \
        PATH=/usr/local/bin:/usr/bin:/bin XDG_RUNTIME_DIR="$runtime" NOOK="$nook_path" \
        RUNS="$RUNS" WARMUP="$WARMUP" KEEP_TMP="${KEEP_TMP:-0}" BENCH_JSON="$stage/out.json" \
        bash "$stage/bench/run.sh" </dev/null) || rc=$?
    if [ -n "${BENCH_JSON:-}" ] && [ -s "$stage/out.json" ]; then cp "$stage/out.json" "$BENCH_JSON"; fi
    exit "$rc"
fi

# ---------------------------------------------------------------- unprivileged
command -v hyperfine >/dev/null 2>&1 || die "hyperfine not found (apt-get install hyperfine)"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3) || die "python3 not found (apt-get install python3)"

W=$(mktemp -d /tmp/nook-bench.XXXXXX)
chmod 0755 "$W"
PODMAN=()   # the podman command prefix, once set up
cleanup() {
    local rc=$?
    if [ "${KEEP_TMP:-0}" = 1 ]; then
        echo "bench: kept $W" >&2
    else
        # Podman's storage holds files owned by subordinate ids: remove it inside the user namespace.
        if [ -d "$W/podman" ] && command -v podman >/dev/null 2>&1; then
            if [ "${#PODMAN[@]}" -gt 0 ]; then
                "${PODMAN[@]}" unshare rm -rf "$W/podman" >/dev/null 2>&1 || true
            else
                podman unshare rm -rf "$W/podman" >/dev/null 2>&1 || true
            fi
        fi
        rm -rf "$W" 2>/dev/null || true
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ROOTFS=$W/rootfs
bash "$REPO/scripts/busybox-rootfs.sh" "$ROOTFS"

NAMES=()
CMDS=()
add() { NAMES+=("$1"); CMDS+=("$2"); }

# works NAME CMD...: run CMD once; on failure print why NAME is skipped and return 1.
works() {
    local name=$1; shift
    if "$@" >"$W/probe.out" 2>"$W/probe.err" </dev/null; then return 0; fi
    skip "$name (\`$*\` failed: $(tail -n 3 "$W/probe.err" | tr '\n' ' '))"
    return 1
}

# nook
if [ -x "$NOOK" ]; then
    if works nook "$NOOK" run --rm --rootfs "$ROOTFS" true; then
        add nook "$NOOK run --rm --network none --rootfs $ROOTFS true"
        # The same run without the seccomp filter: what the filter costs at start.
        add nook-nosec "$NOOK run --rm --network none --security-opt seccomp=unconfined --rootfs $ROOTFS true"
    fi
else
    skip "nook (no executable at $NOOK; build it with cargo build --release or set NOOK)"
fi

# bubblewrap
if command -v bwrap >/dev/null 2>&1; then
    bwrap_cmd=(bwrap --unshare-all --die-with-parent --bind "$ROOTFS" / --proc /proc --dev /dev true)
    if works bwrap "${bwrap_cmd[@]}"; then add bwrap "${bwrap_cmd[*]}"; fi
else
    skip "bwrap (not installed: apt-get install bubblewrap)"
fi

# podman: find a storage driver and OCI runtime that work for this user on this host.
podman_probe() {
    local drv runtime base
    local -a drvopts rtopts
    for drv in overlay fuse-overlayfs vfs; do
        case $drv in
            overlay) drvopts=(--storage-driver overlay) ;;
            fuse-overlayfs)
                command -v fuse-overlayfs >/dev/null 2>&1 || continue
                drvopts=(--storage-driver overlay
                         --storage-opt "overlay.mount_program=$(command -v fuse-overlayfs)") ;;
            vfs) drvopts=(--storage-driver vfs) ;;
        esac
        base=(podman --root "$W/podman/$drv/root" --runroot "$W/podman/$drv/run"
              --cgroup-manager cgroupfs --events-backend file "${drvopts[@]}")
        if ! tar -C "$ROOTFS" -c . | "${base[@]}" import -q - "$IMAGE" \
                >"$W/podman-import.out" 2>"$W/podman-import.err"; then
            echo "bench: podman storage $drv does not work here: $(tail -n 2 "$W/podman-import.err" | tr '\n' ' ')"
            continue
        fi
        for runtime in default runc crun; do
            rtopts=()
            if [ "$runtime" != default ]; then
                command -v "$runtime" >/dev/null 2>&1 || continue
                rtopts=(--runtime "$runtime")
            fi
            if "${base[@]}" "${rtopts[@]}" run --rm --network none "$IMAGE" true \
                    >"$W/podman-run.out" 2>"$W/podman-run.err" </dev/null; then
                PODMAN=("${base[@]}" "${rtopts[@]}")
                return 0
            fi
            echo "bench: podman ($drv, runtime $runtime) does not work here: $(tail -n 2 "$W/podman-run.err" | tr '\n' ' ')"
        done
    done
    return 1
}

if command -v podman >/dev/null 2>&1; then
    if podman_probe || { echo "bench: retrying after 'podman system migrate'";
                         podman system migrate >/dev/null 2>&1; podman_probe; }; then
        echo "bench: podman command: ${PODMAN[*]} run --rm --network none $IMAGE true"
        if [ -s "$W/podman-run.err" ]; then
            echo "bench: podman warnings:"; sed 's/^/    /' "$W/podman-run.err"
        fi
        add podman "${PODMAN[*]} run --rm --network none $IMAGE true"
    else
        skip "podman (no storage driver / OCI runtime combination works for $(id -un) here; see the lines above)"
    fi
else
    skip "podman (not installed: apt-get install podman)"
fi

[ "${#NAMES[@]}" -gt 0 ] || die "nothing to benchmark"

# ---------------------------------------------------------------- measure
hf=(hyperfine -N --warmup "$WARMUP" --runs "$RUNS" --export-json "$W/hyperfine.json")
for i in "${!NAMES[@]}"; do hf+=(-n "${NAMES[$i]}" "${CMDS[$i]}"); done
echo "bench: $(uname -sr), $(nproc) cpus, $RUNS runs (+$WARMUP warm-up) each, rootfs $ROOTFS, user $(id -un)"
"${hf[@]}" </dev/null
if [ -n "${BENCH_JSON:-}" ]; then cp "$W/hyperfine.json" "$BENCH_JSON"; fi

"$PY" - "$W/hyperfine.json" <<'EOF'
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
EOF
