#!/usr/bin/env bash
# bench/slurm.sh — what nook adds to a Slurm task: an `sbatch --array` of 100 tasks running
# `nook run --rm --network none IMAGE true` against an array of 100 bare `true` tasks, on the
# same 3-node cluster (tests/slurm/cluster.sh: this machine, no cgroups), in one run.
#
# Each task times its own command (date +%s%N around it), so the scheduler's latency is not
# counted; `%2` runs two tasks at once (this machine's two cores). Prints, for both arrays,
# the median and mean task time and the array's wall time, then `added: X ms per task`
# (median of nook's tasks minus median of bare ones; the issue asks for under 20 ms).
# The image is pulled once before timing (from a local registry, scripts/registry.sh).
#
# As root (the cluster's daemons); the tasks run as $BENCH_USER (default nooktest, made by
# `scripts/test.sh --setup-only`). Environment: NOOK (default target/release/nook),
# TASKS (default 100), KEEP_TMP=1. Stops what it started.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$HERE/.." && pwd -P)
NOOK=${NOOK:-$REPO/target/release/nook}
TASKS=${TASKS:-100}
USER_=${BENCH_USER:-nooktest}
[ "$(id -u)" = 0 ] || { echo "bench/slurm.sh: needs root (it starts the cluster's daemons)" >&2; exit 1; }
id -u "$USER_" >/dev/null 2>&1 || { echo "bench/slurm.sh: no user $USER_ (BENCH_USER)" >&2; exit 1; }
[ -x "$NOOK" ] || { echo "bench/slurm.sh: no $NOOK: cargo build --release" >&2; exit 1; }

W=$(mktemp -d /var/tmp/nook-bench-slurm.XXXXXX)
chmod 0755 "$W"
install -d -o "$USER_" -m 0755 "$W/u" "$W/u/out-nook" "$W/u/out-bare" "$W/u/home"
install -m 0755 "$NOOK" "$W/nook"
done_() {
    bash "$REPO/tests/slurm/cluster.sh" stop
    bash "$REPO/scripts/registry.sh" stop "$W/reg" >/dev/null 2>&1 || true
    if [ "${KEEP_TMP:-0}" = 1 ]; then echo "kept $W"; else rm -rf "$W"; fi
}
trap done_ EXIT
bash "$REPO/tests/slurm/cluster.sh" start
bash "$REPO/scripts/busybox-rootfs.sh" "$W/rootfs" >/dev/null
python3 "$REPO/scripts/oci-busybox.py" "$W/rootfs" "$W/oci" >/dev/null
REG=$(bash "$REPO/scripts/registry.sh" start "$W/reg")
bash "$REPO/scripts/registry.sh" push "$W/reg" "oci:$W/oci:latest" busybox:latest >/dev/null 2>&1
IMG=$REG/busybox:latest

as_user() {
    (cd "$W/u" && runuser -u "$USER_" -- env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$W/u/home" \
        USER="$USER_" NOOK_STORAGE="$W/u/store" "$@" </dev/null)
}
as_user "$W/nook" pull -q --tls-verify=false "$IMG" >/dev/null
RUN="$W/nook run --rm --network none $IMG true"

# array NAME COMMAND: run the array; prints its wall time in ms.
array() {
    local t0 t1
    t0=$(date +%s%N)
    as_user sbatch --wait --array="1-$TASKS%2" -N1 -o "$W/u/out-$1/%a.out" \
        --wrap "s=\$(date +%s%N); $2 || echo failed; e=\$(date +%s%N); echo \$(( (e - s) / 1000 ))" >/dev/null
    t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000000 ))
}
# stats NAME: median and mean of the tasks' microseconds, in ms.
stats() {
    if grep -l failed "$W/u/out-$1"/*.out >/dev/null 2>&1; then echo "bench/slurm.sh: $1 tasks failed" >&2; exit 1; fi
    cat "$W/u/out-$1"/*.out | sort -n | awk '{ v[NR] = $1; s += $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
        printf "%.1f %.1f %d\n", m / 1000, s / NR / 1000, NR }'
}

bare_wall=$(array bare true)
nook_wall=$(array nook "$RUN")
read -r bare_med bare_mean bare_n <<<"$(stats bare)"
read -r nook_med nook_mean nook_n <<<"$(stats nook)"
echo "slurm bench: $(sinfo -V), $(nproc) cores, 3 nodes on one machine, arrays of $TASKS tasks, 2 at once"
printf '%-6s %6s %12s %10s %14s\n' what tasks "median ms" "mean ms" "array wall s"
printf '%-6s %6s %12s %10s %14.1f\n' bare "$bare_n" "$bare_med" "$bare_mean" "$(echo "$bare_wall / 1000" | bc -l)"
printf '%-6s %6s %12s %10s %14.1f\n' nook "$nook_n" "$nook_med" "$nook_mean" "$(echo "$nook_wall / 1000" | bc -l)"
added=$(echo "$nook_med - $bare_med" | bc -l)
printf 'added: %.1f ms per task (median; the issue asks for under 20 ms)\n' "$added"
