#!/usr/bin/env bash
# bench/net.sh — nook's network against rootless podman's, in one run on this machine.
#
# Throughput through a published TCP port (127.0.0.1:PORT -> 5201 in the container), SIZE
# (default 1G) each way: host -> container (`iperf3 -c 127.0.0.1 -p PORT -n SIZE`) and
# container -> host (the same with -R), the median of REPEAT (default 3) runs, for
#   nook    --network slirp4netns | pasta      (nook run --rm ... iperf3 -s)
#   podman  --network slirp4netns | pasta      (podman run --rm ... iperf3 -s; podman publishes
#           slirp4netns ports with rootlesskit's port driver, its default)
# The server is the host's iperf3 in a busybox root file system with the libraries `ldd`
# names copied in (for podman: the same tree, imported as an image).
#
# Start latency the network adds: `run --rm true` with --network slirp4netns / pasta (and for
# nook pasta:-4, IPv4 only) against --network none: `hyperfine -N --warmup WARMUP --runs RUNS`
# medians, for nook and podman.
#
# A tool or backend that does not work here is skipped with a line saying why (podman 4.3,
# Debian 12's, has no pasta). Prints Gbit/s, ms, and ratios nook/podman for the same backend.
# Runs unprivileged like bench/run.sh (as root it re-runs itself as BENCH_USER, see
# bench/lib.sh), and podman is set up the same way (podman_probe in bench/lib.sh).
#
# Environment: NOOK (binary, default target/release/nook), SIZE, REPEAT, RUNS (default 20),
#   WARMUP (default 3), BENCH_USER, BENCH_JSON (the results as JSON), KEEP_TMP=1.
# Needs: iperf3, hyperfine, python3 (and podman to compare).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$HERE/.." && pwd -P)
RUNS=${RUNS:-20}
WARMUP=${WARMUP:-3}
SIZE=${SIZE:-1G}
REPEAT=${REPEAT:-3}
NOOK=${NOOK:-$REPO/target/release/nook}
IMAGE=localhost/nook-bench-iperf
BACKENDS=(slirp4netns pasta)

# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"

# As root: re-run unprivileged (returns only when not root).
bench_as_user net.sh RUNS WARMUP SIZE REPEAT

# ---------------------------------------------------------------- unprivileged
IPERF=$(command -v iperf3) || die "iperf3 not found (apt-get install iperf3)"
command -v hyperfine >/dev/null 2>&1 || die "hyperfine not found (apt-get install hyperfine)"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3) || die "python3 not found (apt-get install python3)"
[ -x "$NOOK" ] || die "no nook at $NOOK: build it with cargo build --release or set NOOK"

SERVER_PID=
BENCH_ON_EXIT='[ -z "$SERVER_PID" ] || kill -KILL "$SERVER_PID" 2>/dev/null'
bench_workdir

# The busybox tree with iperf3 and its libraries.
IROOT=$W/rootfs-iperf
cp -a "$ROOTFS" "$IROOT"
for f in "$IPERF" $(ldd "$IPERF" | grep -o '/[^ ]*'); do
    mkdir -p "$IROOT$(dirname "$f")"
    cp -L "$f" "$IROOT$f"
done
"$NOOK" run --rm --network none --rootfs "$IROOT" iperf3 --version >/dev/null 2>"$W/iperf.err" ||
    die "iperf3 does not run in $IROOT: $(tail -n 2 "$W/iperf.err" | tr '\n' ' ')"

RESULTS=$W/results.tsv   # kind name backend value
: >"$RESULTS"

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# serve_and_measure NAME BACKEND CMD...: start the server CMD (publishing $PORT), wait until
# iperf3 answers through the port, measure both directions REPEAT times, stop it.
serve_and_measure() {
    local name=$1 backend=$2 i ok=0; shift 2
    "$@" >"$W/server-$name-$backend.log" 2>&1 </dev/null &
    SERVER_PID=$!
    for i in $(seq 100); do
        if "$IPERF" -c 127.0.0.1 -p "$PORT" -n 1K >/dev/null 2>&1; then ok=1; break; fi
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.2
    done
    if [ "$ok" = 1 ]; then
        for i in $(seq "$REPEAT"); do
            for dir in in out; do
                local rev=(); [ "$dir" = out ] && rev=(-R)
                if "$IPERF" -c 127.0.0.1 -p "$PORT" -n "$SIZE" "${rev[@]}" -J >"$W/iperf.json" 2>&1; then
                    "$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["end"]["sum_received"]["bits_per_second"])' \
                        "$W/iperf.json" | sed "s/^/tput $name $backend-$dir /" >>"$RESULTS"
                else
                    echo "bench: $name $backend $dir: iperf3 failed: $(tail -n 3 "$W/iperf.json" | tr '\n' ' ')"
                fi
            done
        done
    else
        skip "$name $backend throughput (iperf3 never answered through 127.0.0.1:$PORT: $(tail -n 3 "$W/server-$name-$backend.log" | tr '\n' ' '))"
    fi
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for i in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
}

HF=(hyperfine -N --warmup "$WARMUP" --runs "$RUNS" --export-json "$W/hyperfine.json")

# nook
HF+=(-n "nook none" "$NOOK run --rm --network none --rootfs $ROOTFS true")
for b in "${BACKENDS[@]}"; do
    works "nook $b" "$NOOK" run --rm --network "$b" --rootfs "$ROOTFS" true || continue
    HF+=(-n "nook $b" "$NOOK run --rm --network $b --rootfs $ROOTFS true")
    PORT=$(free_port)
    echo "bench: nook run --rm --network $b -p 127.0.0.1:$PORT:5201 --rootfs $IROOT iperf3 -s"
    serve_and_measure nook "$b" "$NOOK" run --rm --network "$b" -p "127.0.0.1:$PORT:5201" \
        --rootfs "$IROOT" iperf3 -s
done

# pasta without IPv6 (the same IPv4-only view as slirp4netns): start latency only.
if works "nook pasta:-4" "$NOOK" run --rm --network pasta:-4 --rootfs "$ROOTFS" true; then
    HF+=(-n "nook pasta:-4" "$NOOK run --rm --network pasta:-4 --rootfs $ROOTFS true")
fi

# podman
if podman_probe "$IMAGE" "$IROOT"; then
    HF+=(-n "podman none" "${PODMAN[*]} run --rm --network none $IMAGE true")
    for b in "${BACKENDS[@]}"; do
        works "podman $b" "${PODMAN[@]}" run --rm --network "$b" "$IMAGE" true || continue
        HF+=(-n "podman $b" "${PODMAN[*]} run --rm --network $b $IMAGE true")
        PORT=$(free_port)
        echo "bench: ${PODMAN[*]} run --rm --network $b -p 127.0.0.1:$PORT:5201 $IMAGE iperf3 -s"
        serve_and_measure podman "$b" "${PODMAN[@]}" run --rm --network "$b" \
            -p "127.0.0.1:$PORT:5201" "$IMAGE" iperf3 -s
    done
fi

echo "bench: $(uname -sr), $(nproc) cpus, $SIZE x $REPEAT each way, start: $RUNS runs (+$WARMUP warm-up), user $(id -un)"
"${HF[@]}" </dev/null >"$W/hyperfine.out" 2>&1 || { cat "$W/hyperfine.out"; die "hyperfine failed"; }

"$PY" - "$RESULTS" "$W/hyperfine.json" "${BENCH_JSON:-}" <<'EOF'
import json, statistics, sys
tput = {}
for line in open(sys.argv[1]):
    _, name, key, bps = line.split()
    tput.setdefault((name, key), []).append(float(bps) / 1e9)
start = {r["command"]: r["median"] * 1000 for r in json.load(open(sys.argv[2]))["results"]}
out = {"throughput_gbit_s": {}, "start_median_ms": start, "start_added_ms": {}}

print("\nThroughput through a published TCP port, Gbit/s (median; all runs in brackets):")
print(f"{'backend':<13}{'direction':<19}{'nook':>8}{'podman':>8}{'nook/podman':>13}  runs nook | podman")
for b in ("slirp4netns", "pasta"):
    for d, label in (("in", "host -> container"), ("out", "container -> host")):
        v = {n: statistics.median(tput[(n, f"{b}-{d}")]) for n in ("nook", "podman") if (n, f"{b}-{d}") in tput}
        for n, g in v.items():
            out["throughput_gbit_s"][f"{n} {b} {label}"] = g
        f = lambda n: f"{v[n]:>8.2f}" if n in v else f"{'-':>8}"
        ratio = f"{v['nook'] / v['podman']:.2f}x" if len(v) == 2 else "n/a"
        runs = " | ".join(" ".join(f"{g:.1f}" for g in tput.get((n, f"{b}-{d}"), [])) or "-" for n in ("nook", "podman"))
        print(f"{b:<13}{label:<19}{f('nook')}{f('podman')}{ratio:>13}  [{runs}]")

print("\nStart latency, `run --rm true`, median ms, and what the network adds to --network none:")
print(f"{'tool':<8}{'backend':<13}{'median ms':>10}{'added ms':>10}")
for n in ("nook", "podman"):
    base = start.get(f"{n} none")
    for b in ("none", "slirp4netns", "pasta", "pasta:-4"):
        m = start.get(f"{n} {b}")
        if m is None:
            continue
        added = f"{m - base:>10.1f}" if base is not None and b != "none" else f"{'':>10}"
        if base is not None and b != "none":
            out["start_added_ms"][f"{n} {b}"] = m - base
        print(f"{n:<8}{b:<13}{m:>10.1f}{added}")
if sys.argv[3]:
    json.dump(out, open(sys.argv[3], "w"), indent=2)
EOF
