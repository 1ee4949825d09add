#!/usr/bin/env bash
# bench/check.sh — `nook system check` of a store with 20 images (issue 23: `--quick` under
# 1 s; the full check reads each layer blob once).
#
# As a user with subordinate ids (not root): loads localhost/many:2 .. localhost/many:21 of
# scripts/testimages.py (busybox plus 1 to 20 tiny layers each: 20 images) into a
# fresh store of its own, then prints the median wall time of RUNS (default 10)
# `system check --quick` and of RUNS full checks, and the bytes the full check read.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$HERE/.." && pwd -P)
NOOK=${NOOK:-$REPO/target/release/nook}
RUNS=${RUNS:-10}
[ "$(id -u)" -ne 0 ] || { echo "bench: error: run as a user with subordinate ids, not root" >&2; exit 1; }

W=$(mktemp -d "${TMPDIR:-/tmp}/nook-bench-check.XXXXXX")
export HOME=$W/home XDG_DATA_HOME=$W/home/data XDG_CONFIG_HOME=$W/home/config \
    XDG_CACHE_HOME=$W/home/cache XDG_RUNTIME_DIR=$W/home/run
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
trap '"$NOOK" system reset -f >/dev/null 2>&1; rm -rf "$W"' EXIT

for n in $(seq 2 21); do
    python3 "$REPO/scripts/testimages.py" "$W/images" --many-layers "$n" >/dev/null
    "$NOOK" load -i "$W/images/many-$n.oci.tar" >/dev/null
done
echo "bench: $("$NOOK" images -q | wc -l) images, $(ls "$XDG_DATA_HOME/nook/storage/layers" | wc -l) layers"

# median_ms CMD...: the median wall time of RUNS runs, in milliseconds (the command must
# succeed: a check that finds damage fails the bench).
median_ms() {
    local i t0 t1 times=()
    for i in $(seq 1 "$RUNS"); do
        t0=$(date +%s%N)
        "$@" >/dev/null
        t1=$(date +%s%N)
        times+=($(( (t1 - t0) / 1000000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p"
}
echo "bench: system check --quick: $(median_ms "$NOOK" system check --quick) ms (median of $RUNS)"
echo "bench: system check (full): $(median_ms "$NOOK" system check) ms (median of $RUNS)"
# A shell's /proc/PID/io counts the children it has reaped: the check's reads.
read=$(bash -c '"$0" system check >/dev/null; awk "/^rchar/ {print \$2}" /proc/$$/io' "$NOOK")
blobs=$(du -sb "$XDG_DATA_HOME/nook/storage/blobs" | cut -f1)
echo "bench: the full check read $read bytes; the blobs hold $blobs"
