#!/usr/bin/env bash
# bench/exec.sh — `nook exec CONTAINER true` against `podman exec CONTAINER true`.
#
# In one run, on this machine and the same busybox rootfs (scripts/busybox-rootfs.sh): a nook
# container (`nook run --rm --init --network none --rootfs DIR sleep`, in the background) and
# a podman one (`podman run -d --network none IMAGE sleep`, the image imported from DIR, podman
# set up by bench/lib.sh's probe), then `hyperfine -N --warmup $WARMUP --runs $RUNS` of
#   nook    ${NOOK:-target/release/nook} exec bench-exec true
#   podman  podman exec bench-exec true
# and a table: tool, median ms, and how many times faster nook is (issue 15 asks for 5x).
#
# Must run unprivileged: started as root it re-runs itself as $BENCH_USER (default nooktest).
# Environment: NOOK, RUNS (default 30), WARMUP (default 3), BENCH_USER, BENCH_JSON, KEEP_TMP=1.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$HERE/.." && pwd -P)
RUNS=${RUNS:-30}
WARMUP=${WARMUP:-3}
NOOK=${NOOK:-$REPO/target/release/nook}
IMAGE=localhost/nook-bench-busybox
NAME=bench-exec

# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"

bench_as_user exec.sh RUNS WARMUP

# ---------------------------------------------------------------- unprivileged
command -v hyperfine >/dev/null 2>&1 || die "hyperfine not found (apt-get install hyperfine)"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3) || die "python3 not found (apt-get install python3)"

bench_workdir

NAMES=()
CMDS=()
add() { NAMES+=("$1"); CMDS+=("$2"); }
NOOK_PID=
stop_all() {
    if [ -n "$NOOK_PID" ]; then kill "$NOOK_PID" 2>/dev/null; wait "$NOOK_PID" 2>/dev/null; fi
    if [ "${#PODMAN[@]}" -gt 0 ]; then "${PODMAN[@]}" rm -f -t 0 "$NAME" >/dev/null 2>&1; fi
    return 0
}
BENCH_ON_EXIT=stop_all

# ready CMD...: wait up to 20 s for CMD to succeed.
ready() {
    local i
    for i in $(seq 1 200); do
        if "$@" >/dev/null 2>&1 </dev/null; then return 0; fi
        sleep 0.1
    done
    return 1
}

if [ -x "$NOOK" ]; then
    "$NOOK" run --rm --init --network none --name "$NAME" --rootfs "$ROOTFS" sleep 100000 \
        </dev/null >/dev/null 2>"$W/nook-run.err" &
    NOOK_PID=$!
    if ready "$NOOK" exec "$NAME" true; then
        add nook "$NOOK exec $NAME true"
    else
        skip "nook (its container did not start: $(tail -n 2 "$W/nook-run.err" | tr '\n' ' '))"
    fi
else
    skip "nook (no executable at $NOOK; build it with cargo build --release or set NOOK)"
fi

if podman_probe "$IMAGE" "$ROOTFS"; then
    if "${PODMAN[@]}" run -d --name "$NAME" --network none "$IMAGE" sleep 100000 \
            >/dev/null 2>"$W/podman-d.err" && ready "${PODMAN[@]}" exec "$NAME" true; then
        add podman "${PODMAN[*]} exec $NAME true"
    else
        skip "podman (its container did not start: $(tail -n 2 "$W/podman-d.err" | tr '\n' ' '))"
    fi
fi

[ "${#NAMES[@]}" -gt 0 ] || die "nothing to benchmark"

# ---------------------------------------------------------------- measure
hf=(hyperfine -N --warmup "$WARMUP" --runs "$RUNS" --export-json "$W/hyperfine.json")
for i in "${!NAMES[@]}"; do hf+=(-n "${NAMES[$i]}" "${CMDS[$i]}"); done
echo "bench: $(uname -sr), $(nproc) cpus, $RUNS runs (+$WARMUP warm-up) each, user $(id -un)"
"${hf[@]}" </dev/null
if [ -n "${BENCH_JSON:-}" ]; then cp "$W/hyperfine.json" "$BENCH_JSON"; fi

"$PY" - "$W/hyperfine.json" <<'PYEOF'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
rows = [(r["command"], r["median"] * 1000, r["mean"] * 1000, r["min"] * 1000) for r in results]
base = next((m for name, m, *_ in rows if name == "nook"), None)
print()
print(f"{'tool':<8} {'median ms':>10} {'mean ms':>9} {'min ms':>8} {'nook faster':>12}")
for name, med, mean, mn in rows:
    ratio = f"{med / base:.1f}x" if base else "n/a"
    print(f"{name:<8} {med:>10.1f} {mean:>9.1f} {mn:>8.1f} {ratio:>12}")
if base is None:
    print("(nook was not measured, so there are no ratios)")
import os
if os.environ.get("BENCH_SUMMARY"):
    with open(os.environ["BENCH_SUMMARY"], "a") as out:
        for name, med, *_ in rows:
            print("exec: exec CONTAINER true", name, f"{med:.2f}", "ms", sep="\t", file=out)
PYEOF
