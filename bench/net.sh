#!/usr/bin/env bash
# bench/net.sh — nook's network against rootless podman's, in one run on this machine.
#
# Throughput through a published TCP port (127.0.0.1:PORT -> 5201 in the container), SIZE
# (default 1G) each way: host -> container (`iperf3 -c 127.0.0.1 -p PORT -n SIZE`) and
# container -> host (the same with -R), the median of REPEAT (default 3) runs (all of them printed too), for
#   nook    --network slirp4netns | pasta      (nook run --rm ... iperf3 -s)
#   podman  --network slirp4netns | pasta      (podman run --rm ... iperf3 -s; podman publishes
#           slirp4netns ports with rootlesskit's port driver, its default)
# The server is the host's iperf3 in a busybox root file system with the libraries `ldd`
# names copied in (for podman: the same tree, imported as an image).
#
# Start latency the network adds: `run --rm true` with --network slirp4netns / pasta against
# --network none, medians of RUNS runs after WARMUP, for nook and podman. Each tool's commands
# are timed interleaved (one run of each per round, the order rotating), not one after the
# other as hyperfine does: on a shared machine the load changes within a minute, and the
# differences between commands are what is reported.
#
# A tool or backend that does not work here is skipped with a line saying why (podman 4.3,
# Debian 12's, has no pasta). Prints Gbit/s, ms, and ratios nook/podman for the same backend.
# Runs unprivileged like bench/run.sh (as root it re-runs itself as BENCH_USER, see
# bench/lib.sh), and podman is set up the same way (podman_probe in bench/lib.sh).
#
# Environment: NOOK (binary, default target/release/nook), NOOK_BASE (another nook binary, e.g.
#   an earlier build, measured the same way and shown as "base"), SIZE, REPEAT, RUNS (default 20),
#   WARMUP (default 3), BACKENDS (default "slirp4netns pasta"), BRIDGE_ONLY=1 (only the bridge
#   network section), BENCH_USER, BENCH_JSON (the results as JSON), KEEP_TMP=1.
# Needs: iperf3, python3 (and podman to compare).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$HERE/.." && pwd -P)
RUNS=${RUNS:-20}
WARMUP=${WARMUP:-3}
SIZE=${SIZE:-1G}
REPEAT=${REPEAT:-3}
NOOK=${NOOK:-$REPO/target/release/nook}
IMAGE=localhost/nook-bench-iperf
read -ra BACKENDS <<<"${BACKENDS:-slirp4netns pasta}"

# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"

# As root: re-run unprivileged (returns only when not root).
bench_as_user net.sh RUNS WARMUP SIZE REPEAT NOOK_BASE BACKENDS BRIDGE_ONLY

# ---------------------------------------------------------------- unprivileged
IPERF=$(command -v iperf3) || die "iperf3 not found (apt-get install iperf3)"
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
                # --rcv-timeout is the receiving client's (-R) only; `timeout` bounds both.
                local rev=(); [ "$dir" = out ] && rev=(-R --rcv-timeout 15000)
                # iperf3 can end a test with an "error" in its JSON and exit 0 (seen with a
                # client that connected while the server was still finishing the last test):
                # such a run is reported and tried once more, never counted.
                local try
                for try in 1 2; do
                    if timeout 120 "$IPERF" -c 127.0.0.1 -p "$PORT" -n "$SIZE" "${rev[@]}" -J >"$W/iperf.json" 2>&1 &&
                        "$PY" -c '
import json, sys
d = json.load(open(sys.argv[1]))
r = d.get("end", {}).get("sum_received")
if d.get("error") or not r:
    sys.exit("iperf3: %s" % (d.get("error") or "no sum_received in its report"))
print(r["bits_per_second"])' "$W/iperf.json" >"$W/iperf.bps" 2>"$W/iperf.err"; then
                        sed "s/^/tput $name $backend-$dir /" "$W/iperf.bps" >>"$RESULTS"
                        break
                    fi
                    echo "bench: $name $backend $dir (try $try): $(cat "$W/iperf.err" 2>/dev/null; tail -n 3 "$W/iperf.json" | tr '\n' ' ')"
                    sleep 1
                done
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

if [ "${BRIDGE_ONLY:-0}" = 1 ]; then
    echo "bench: BRIDGE_ONLY=1: published ports not measured"
    podman_probe "$IMAGE" "$IROOT" || true
else
START=$W/start.cmds   # name TAB command, timed below
: >"$START"
start() { printf '%s\t%s\n' "$1" "$2" >>"$START"; }

# nook (and the baseline binary NOOK_BASE, named "base", when given)
TOOLS=(nook)
[ -n "${NOOK_BASE:-}" ] && [ -x "$NOOK_BASE" ] && TOOLS+=(base)
for tool in "${TOOLS[@]}"; do
    bin=$NOOK; [ "$tool" = base ] && bin=$NOOK_BASE
    start "$tool none" "$bin run --rm --network none --rootfs $ROOTFS true"
    for b in "${BACKENDS[@]}"; do
        works "$tool $b" "$bin" run --rm --network "$b" --rootfs "$ROOTFS" true || continue
        start "$tool $b" "$bin run --rm --network $b --rootfs $ROOTFS true"
        PORT=$(free_port)
        echo "bench: $tool: $bin run --rm --network $b -p 127.0.0.1:$PORT:5201 --rootfs $IROOT iperf3 -s"
        serve_and_measure "$tool" "$b" "$bin" run --rm --network "$b" -p "127.0.0.1:$PORT:5201" \
            --rootfs "$IROOT" iperf3 -s
    done
done

# podman
if podman_probe "$IMAGE" "$IROOT"; then
    start "podman none" "${PODMAN[*]} run --rm --network none $IMAGE true"
    for b in "${BACKENDS[@]}"; do
        works "podman $b" "${PODMAN[@]}" run --rm --network "$b" "$IMAGE" true || continue
        start "podman $b" "${PODMAN[*]} run --rm --network $b $IMAGE true"
        PORT=$(free_port)
        echo "bench: ${PODMAN[*]} run --rm --network $b -p 127.0.0.1:$PORT:5201 $IMAGE iperf3 -s"
        serve_and_measure podman "$b" "${PODMAN[@]}" run --rm --network "$b" \
            -p "127.0.0.1:$PORT:5201" "$IMAGE" iperf3 -s
    done
fi

echo "bench: $(uname -sr), $(nproc) cpus, $SIZE x $REPEAT each way, start: $RUNS runs (+$WARMUP warm-up), user $(id -un)"
"$PY" - "$START" "$WARMUP" "$RUNS" "$W/start.json" <<'EOF' || die "timing the starts failed"
import json, shlex, statistics, subprocess, sys, time
cmds = [l.rstrip("\n").split("\t", 1) for l in open(sys.argv[1]) if l.strip()]
warmup, runs = int(sys.argv[2]), int(sys.argv[3])
times = {name: [] for name, _ in cmds}
# Each tool's commands by themselves (nook's with the baseline's): podman's slow starts would
# weigh on whatever follows.
groups = {}
for name, cmd in cmds:
    groups.setdefault(name.split()[0].replace("base", "nook"), []).append((name, cmd))
def run_once(name, cmd):
    t = time.perf_counter()
    rc = subprocess.run(shlex.split(cmd), stdin=subprocess.DEVNULL,
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    if rc != 0:
        sys.exit(f"{name}: `{cmd}` exited with {rc}")
    return time.perf_counter() - t
for group in groups.values():
    for r in range(warmup + runs):
        k = r % len(group)
        for name, cmd in group[k:] + group[:k]:
            dt = run_once(name, cmd)
            if r >= warmup:
                times[name].append(dt)
json.dump({"results": [{"command": n, "median": statistics.median(v), "min": min(v)}
                       for n, v in times.items()]}, open(sys.argv[4], "w"))
EOF

"$PY" - "$RESULTS" "$W/start.json" "${BENCH_JSON:-}" <<'EOF'
import json, statistics, sys
tput = {}
for line in open(sys.argv[1]):
    _, name, key, bps = line.split()
    tput.setdefault((name, key), []).append(float(bps) / 1e9)
timed = json.load(open(sys.argv[2]))["results"]
start = {r["command"]: r["median"] * 1000 for r in timed}
fastest = {r["command"]: r["min"] * 1000 for r in timed}
out = {"throughput_gbit_s": {}, "start_median_ms": start, "start_added_ms": {}}

tools = [n for n in ("nook", "base", "podman") if any(k[0] == n for k in tput)]
print("\nThroughput through a published TCP port, Gbit/s (median; all runs in brackets):")
print(f"{'backend':<13}{'direction':<19}" + "".join(f"{n:>8}" for n in tools) + f"{'nook/podman':>13}  runs " + " | ".join(tools))
for b in ("slirp4netns", "pasta"):
    for d, label in (("in", "host -> container"), ("out", "container -> host")):
        v = {n: statistics.median(tput[(n, f"{b}-{d}")]) for n in tools if (n, f"{b}-{d}") in tput}
        for n, g in v.items():
            out["throughput_gbit_s"][f"{n} {b} {label}"] = g
        f = lambda n: f"{v[n]:>8.2f}" if n in v else f"{'-':>8}"
        ratio = f"{v['nook'] / v['podman']:.2f}x" if "nook" in v and "podman" in v else "n/a"
        runs = " | ".join(" ".join(f"{g:.1f}" for g in tput.get((n, f"{b}-{d}"), [])) or "-" for n in tools)
        print(f"{b:<13}{label:<19}" + "".join(f(n) for n in tools) + f"{ratio:>13}  [{runs}]")

print("\nStart latency, `run --rm true`, median ms, and what the network adds to --network none:")
print(f"{'tool':<8}{'backend':<13}{'median ms':>10}{'added ms':>10}{'min ms':>8}")
for n in ("nook", "base", "podman"):
    base = start.get(f"{n} none")
    for b in ("none", "slirp4netns", "pasta"):
        m = start.get(f"{n} {b}")
        if m is None:
            continue
        added = f"{m - base:>10.1f}" if base is not None and b != "none" else f"{'':>10}"
        if base is not None and b != "none":
            out["start_added_ms"][f"{n} {b}"] = m - base
        print(f"{n:<8}{b:<13}{m:>10.1f}{added}{fastest[f'{n} {b}']:>8.1f}")
if sys.argv[3]:
    json.dump(out, open(sys.argv[3], "w"), indent=2)
import os
if os.environ.get("BENCH_SUMMARY"):
    tool = {"nook": "nook", "base": "nook-base", "podman": "podman"}
    with open(os.environ["BENCH_SUMMARY"], "a") as f:
        for b in ("slirp4netns", "pasta"):
            for d, label in (("in", "host -> container"), ("out", "container -> host")):
                for n in tools:
                    if (n, f"{b}-{d}") in tput:
                        v = statistics.median(tput[(n, f"{b}-{d}")])
                        print(f"network: {b} published port, {label}", tool[n], f"{v:.2f}", "Gbit/s", sep="\t", file=f)
            for n in ("nook", "base", "podman"):
                if f"{n} {b}" in start and f"{n} none" in start:
                    print(f"network: start added by {b}", tool[n], f"{start[f'{n} {b}'] - start[f'{n} none']:.2f}", "ms", sep="\t", file=f)
EOF
fi

# ---------------------------------------------------------------- bridge networks
# Container to container over a bridge network (a veth pair each, one bridge in the user's
# rootless network namespace: no user-space copy), iperf3 -n SIZE, against container to
# container through a published port and slirp4netns (out of one, in to the other); and the start of `run --rm true` on a
# network against --network none (medians of RUNS, interleaved; wall time and the CPU time
# of the run and its children). The bridge is measured at nook's default MTU (65520) and at
# podman's (1500, -o mtu=1500). The same for podman's bridge (its network backend, netavark
# or CNI, named) where rootless podman can make a network here.
bridge_start() { # NAME RUNS NONE-CMD... -- NET-CMD...: medians, interleaved
    "$PY" - "$@" <<'PYEOF'
import resource, statistics, subprocess, sys
name, runs, warm = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rest = sys.argv[4:]
cut = rest.index("--")
cmds = {"none": rest[:cut], "bridge": rest[cut + 1:]}
t = {k: [] for k in cmds}
c = {k: [] for k in cmds}
import time
for r in range(warm + runs):
    for k, cmd in (list(cmds.items()) if r % 2 else list(cmds.items())[::-1]):
        u0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        s = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        e = time.perf_counter()
        u1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        if r >= warm:
            t[k].append((e - s) * 1000)
            c[k].append((u1.ru_utime + u1.ru_stime - u0.ru_utime - u0.ru_stime) * 1000)
m = {k: statistics.median(v) for k, v in t.items()}
cpu = {k: statistics.median(v) for k, v in c.items()}
print(f"{name} start, run --rm true ({runs} runs each): none {m['none']:.1f} ms, on a network {m['bridge']:.1f} ms "
      f"(+{m['bridge'] - m['none']:.1f} ms); CPU time none {cpu['none']:.1f} ms, on a network {cpu['bridge']:.1f} ms "
      f"(+{cpu['bridge'] - cpu['none']:.1f} ms)")
PYEOF
}
# (The server may still be finishing the probe's test: "busy" is tried again, up to 3 times.)
iperf_over() { # SERVER RUN-PREFIX...: Gbit/s from a client container (RUN-PREFIX sh -c ...) to SERVER
    local server=$1; shift
    "$@" sh -c \
        "for i in \$(seq 50); do iperf3 -c $server -n 1K >/dev/null 2>&1 && break; sleep 0.1; done
         for t in 1 2 3; do o=\$(iperf3 -c $server -n $SIZE -J); case \"\$o\" in *'\"error\"'*) sleep 1;; *) break;; esac; done
         echo \"\$o\"" |
        "$PY" -c '
import json, sys
d = json.load(sys.stdin)
r = d.get("end", {}).get("sum_received")
if d.get("error") or not r:
    sys.exit("iperf3: %s" % (d.get("error") or "no sum_received in its report"))
print("%.2f" % (r["bits_per_second"] / 1e9))'
}
echo
echo "Bridge network (nook network create):"
BNET=nook-bench-$$
"$NOOK" network create "$BNET" >/dev/null || die "cannot create network $BNET"
"$NOOK" run -d --rm --name "$BNET-srv" --network "$BNET" --rootfs "$IROOT" iperf3 -s >/dev/null ||
    die "cannot start the iperf3 server on $BNET"
BPS=$(iperf_over "$BNET-srv" "$NOOK" run --rm --network "$BNET" --rootfs "$IROOT") || BPS=
# The same at podman's MTU (1500; nook's bridges default to slirp4netns's 65520).
"$NOOK" network create -o mtu=1500 "$BNET-1500" >/dev/null || die "cannot create network $BNET-1500"
"$NOOK" run -d --rm --name "$BNET-srv1500" --network "$BNET-1500" --rootfs "$IROOT" iperf3 -s >/dev/null ||
    die "cannot start the iperf3 server on $BNET-1500"
BPS1500=$(iperf_over "$BNET-srv1500" "$NOOK" run --rm --network "$BNET-1500" --rootfs "$IROOT") || BPS1500=
"$NOOK" rm -f -t 0 "$BNET-srv1500" >/dev/null 2>&1 || true
"$NOOK" network rm -f "$BNET-1500" >/dev/null 2>&1 || true
# The way containers talked before networks: out of one container through its slirp4netns
# to the host's published port, and in through the other's (a round trip through user space).
PPORT=$(free_port)
"$NOOK" run -d --rm --name "$BNET-pub" --network slirp4netns -p "127.0.0.1:$PPORT:5201" \
    --rootfs "$IROOT" iperf3 -s >/dev/null 2>"$W/pub.err" || die "cannot start the published server: $(cat "$W/pub.err")"
SLIRP=$(iperf_over "10.0.2.2 -p $PPORT" "$NOOK" run --rm --network slirp4netns:allow_host_loopback=true --rootfs "$IROOT") || SLIRP=
"$NOOK" rm -f -t 0 "$BNET-pub" >/dev/null 2>&1 || true
if [ -n "$BPS" ] && [ -n "$SLIRP" ]; then
    echo "container -> container over the bridge: $BPS Gbit/s; through a published port and slirp4netns (container -> 10.0.2.2:$PPORT -> container): $SLIRP Gbit/s; bridge/slirp4netns $("$PY" -c "print('%.1f' % ($BPS / $SLIRP))")x"
    [ -z "$BPS1500" ] || echo "the bridge at mtu 1500 (podman's default; nook's is 65520): $BPS1500 Gbit/s, $("$PY" -c "print('%.1f' % ($BPS1500 / $SLIRP))")x"
    summary "network: bridge, container -> container" nook "$BPS" Gbit/s
    summary "network: published port round trip, container -> container" nook "$SLIRP" Gbit/s
elif [ -n "$BPS" ]; then echo "container -> container over the bridge: $BPS Gbit/s (the published-port round trip failed: $(cat "$W/pub.err"))"
else skip "bridge throughput: the iperf3 client failed"; fi
bridge_start nook "$RUNS" "$WARMUP" "$NOOK" run --rm --network none --rootfs "$ROOTFS" true -- \
    "$NOOK" run --rm --network "$BNET" --rootfs "$ROOTFS" true
"$NOOK" rm -f -t 0 "$BNET-srv" >/dev/null 2>&1 || true
"$NOOK" network rm -f "$BNET" >/dev/null 2>&1 || true

if [ "${#PODMAN[@]}" -gt 0 ] && "${PODMAN[@]}" network create "$BNET" >"$W/podnet.log" 2>&1; then
    PBACKEND=$("${PODMAN[@]}" info --format '{{.Host.NetworkBackend}}' 2>/dev/null || echo unknown)
    echo "podman's bridge (network backend: $PBACKEND):"
    if "${PODMAN[@]}" run -d --rm --name "$BNET-srv" --network "$BNET" "$IMAGE" iperf3 -s >/dev/null 2>&1; then
        PIP=$("${PODMAN[@]}" inspect -f "{{(index .NetworkSettings.Networks \"$BNET\").IPAddress}}" "$BNET-srv")
        PBPS=$(iperf_over "$PIP" "${PODMAN[@]}" run --rm --network "$BNET" "$IMAGE") || PBPS=
        if [ -n "$PBPS" ]; then echo "podman container -> container over its bridge: $PBPS Gbit/s"
            summary "network: bridge, container -> container" podman "$PBPS" Gbit/s
        else skip "podman bridge throughput: the iperf3 client failed"; fi
        PRUNS=$(( RUNS < 10 ? RUNS : 10 ))
        bridge_start podman "$PRUNS" 1 "${PODMAN[@]}" run --rm --network none "$IMAGE" true -- \
            "${PODMAN[@]}" run --rm --network "$BNET" "$IMAGE" true
        "${PODMAN[@]}" rm -f -t 0 "$BNET-srv" >/dev/null 2>&1 || true
    else skip "podman's bridge: its iperf3 server did not start"; fi
    "${PODMAN[@]}" network rm -f "$BNET" >/dev/null 2>&1 || true
else
    skip "podman's bridge: $( [ "${#PODMAN[@]}" -gt 0 ] && tail -n 1 "$W/podnet.log" || echo "no working rootless podman here (see above)")"
fi
