#!/usr/bin/env bash
# bench/all.sh — every benchmark of bench/ in one run, then one table of nook against podman and
# bubblewrap on this machine, with ratios and the load average, as a markdown table (the
# README's Performance section is this table, pasted as printed).
#
#   bash bench/all.sh                      # as root (the benchmarks switch to BENCH_USER)
#   NOOK_BASE=/path/to/old/nook bash bench/all.sh   # a before/after column in the same run
#   BENCHES="run net" bash bench/all.sh    # a subset, in this order
#
# Each benchmark (run.sh: start; pull.sh; net.sh; storage.sh; and lifecycle.sh, exec.sh,
# build.sh, ps.sh where they exist) prints its own detailed report, kept in $OUT/NAME.log, and
# appends rows to a summary file (bench/lib.sh's `summary`); a benchmark that fails is said so
# loudly and the table shows what the others measured. A tool a benchmark compares with that
# is missing is a loud `skipped:` line in its log, repeated here.
#
# Environment: NOOK (default target/release/nook), NOOK_BASE, BENCHES, OUT (default a temp
#   directory, printed), and each benchmark's own variables (RUNS, WARMUP, ...).
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$HERE/.." && pwd -P)
export NOOK=${NOOK:-$REPO/target/release/nook}
[ -x "$NOOK" ] || { echo "bench/all.sh: no nook at $NOOK (cargo build --release, or set NOOK)" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "bench/all.sh: run it as root (the benchmarks set up registries and users, then run as BENCH_USER)" >&2; exit 1; }
OUT=${OUT:-$(mktemp -d /tmp/nook-bench-all.XXXXXX)}
mkdir -p "$OUT"
export BENCH_SUMMARY=$OUT/summary.tsv
: >"$BENCH_SUMMARY"
chmod 0666 "$BENCH_SUMMARY"

default=()
for b in run pull net storage lifecycle exec build ps; do
    [ -f "$HERE/$b.sh" ] && default+=("$b")
done
read -r -a benches <<<"${BENCHES:-${default[*]}}"

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
failed=()
for b in "${benches[@]}"; do
    echo "=== bench/$b.sh (log: $OUT/$b.log)"
    start=$(date +%s)
    if bash "$HERE/$b.sh" >"$OUT/$b.log" 2>&1; then
        echo "    done in $(( $(date +%s) - start )) s"
    else
        echo "    FAILED (exit $?) after $(( $(date +%s) - start )) s; last lines:"
        tail -n 5 "$OUT/$b.log" | sed 's/^/    /'
        failed+=("$b")
    fi
    grep -h '^skipped:' "$OUT/$b.log" | sed 's/^/    /'
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$BENCH_SUMMARY" "$load_before" "$load_after" "${NOOK_BASE:+yes}" <<'EOF'
import os, sys
rows = {}
order = []
for line in open(sys.argv[1]):
    parts = line.rstrip("\n").split("\t")
    if len(parts) != 4:
        continue
    case, tool, value, unit = parts
    key = (case, unit)
    if key not in rows:
        rows[key] = {}
        order.append(key)
    rows[key][tool] = float(value)
base = bool(sys.argv[4])
u = os.uname()
print(f"\nnook against podman and bubblewrap, one run on this machine ({u.sysname} {u.release}, {os.cpu_count()} cpus)")
print(f"load average {sys.argv[2]} before, {sys.argv[3]} after (a busy machine skews every figure)")
print("vs X: how many times faster nook is than X (throughput: how many times more); below 1.00x, X is ahead\n")
tools = ["nook"] + (["nook-base"] if base else []) + ["podman", "bwrap"]
# A markdown table: what the README's Performance section shows, as printed.
head = ["benchmark", "unit"] + tools + ["vs podman", "vs bwrap"] + (["vs base"] if base else [])
print("| " + " | ".join(head) + " |")
print("| " + " | ".join(["---", "---"] + ["---:"] * (len(head) - 2)) + " |")
def ratio(v, other, unit):
    if v is None or other is None or v == 0 or other == 0:
        return "-"
    return f"{(v / other if unit == 'Gbit/s' else other / v):.2f}x"
for case, unit in order:
    r = rows[(case, unit)]
    n = r.get("nook")
    cells = [case.replace("|", "\\|"), unit] + [f"{r[t]:.2f}" if t in r else "-" for t in tools]
    cells += [ratio(n, r.get("podman"), unit), ratio(n, r.get("bwrap"), unit)]
    if base:
        cells.append(ratio(n, r.get("nook-base"), unit))
    print("| " + " | ".join(cells) + " |")
if not order:
    print("(no benchmark produced a row)")
EOF
echo
echo "logs: $OUT"
if [ "${#failed[@]}" -gt 0 ]; then
    echo "FAILED: ${failed[*]}"
    exit 1
fi
