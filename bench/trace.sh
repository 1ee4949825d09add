#!/usr/bin/env bash
# bench/trace.sh — where a start's time goes: runs `nook run --rm --network none --rootfs DIR
# true` RUNS times with NOOK_TRACE=1 (each step of the start prints a timestamped line on
# standard error, src/trace.rs) and prints, for each step, the median time since the step
# before it, across nook's processes (the host side, `__init`, PID 1). The first row is from
# just before the binary is executed to its `main`; the last, from its last step to its exit
# being seen. With NOOK_BASE set, a second column times that binary the same way, the two
# taking turns run by run (a binary without NOOK_TRACE support shows its total only).
#
#   bash bench/trace.sh            # as root: re-runs itself as BENCH_USER, as bench/run.sh
#   RUNS=200 NOOK_BASE=/tmp/old-nook bash bench/trace.sh
#
# Not a comparison with other tools (bench/run.sh is): a map for deciding what to cut. The
# trace's own cost (one write to a pipe a step) is in its figures.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$HERE/.." && pwd -P)
RUNS=${RUNS:-100}
NOOK=${NOOK:-$REPO/target/release/nook}

# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"

bench_as_user trace.sh RUNS NOOK_BASE

PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3) || die "python3 not found (apt-get install python3)"
[ -x "$NOOK" ] || die "no nook at $NOOK (cargo build --release, or set NOOK)"
bench_workdir
works nook "$NOOK" run --rm --network none --rootfs "$ROOTFS" true || die "nook does not run here"

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$PY" - "$RUNS" "$ROOTFS" "$NOOK" ${NOOK_BASE:+"$NOOK_BASE"} <<'PYEOF'
import os, statistics, subprocess, sys, time

runs, rootfs, binaries = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
env = dict(os.environ, NOOK_TRACE="1")

def one(nook, rows, order):
    """One run of `nook`: its per-step delays (µs) added to rows, new steps to order."""
    argv = [nook, "run", "--rm", "--network", "none", "--rootfs", rootfs, "true"]
    t0 = time.time_ns() // 1000
    p = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    t1 = time.time_ns() // 1000
    if p.returncode != 0:
        sys.exit(f"bench: {nook} failed: {p.stderr.decode(errors='replace').strip()}")
    steps = sorted(
        (int(f[1]), " ".join(f[3:]))
        for f in (l.split() for l in p.stderr.decode().splitlines())
        if len(f) >= 4 and f[0] == "nook-trace"
    )
    prev = t0
    for t, what in steps + [(t1, "exit seen")]:
        if what not in order:
            order.append(what)
        rows.setdefault(what, []).append(t - prev)
        prev = t
    rows.setdefault("TOTAL", []).append(t1 - t0)

# The binaries take turns, run by run, so that a change of load touches them alike.
results = [({}, []) for _ in binaries]
for i in range(runs + 3):
    for b, (rows, order) in zip(binaries, results):
        if i < 3:
            one(b, {}, [])  # warm-up
        else:
            one(b, rows, order)
order = []
for _, o in results:
    for s in o:
        if s not in order:
            order.append(s)
order.append("TOTAL")
names = ["nook"] + (["nook-base"] if len(binaries) > 1 else [])
print(f"\nmedian of {runs} runs, ms (each step: time since the step before it)\n")
print(f"{'step':<24}" + "".join(f"{n:>12}" for n in names))
for s in order:
    cells = []
    for rows, _ in results:
        v = rows.get(s)
        cells.append(f"{statistics.median(v) / 1000:12.3f}" if v else f"{'-':>12}")
    print(f"{s:<24}" + "".join(cells))
PYEOF
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
