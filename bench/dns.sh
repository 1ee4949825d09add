#!/usr/bin/env bash
# bench/dns.sh — `nook __dns`, the container networks' DNS responder: queries per second and
# the process's private memory, in one run on this machine.
#
# Starts `nook __dns` on a free 127.0.0.1 port with a hosts file of HOSTS (default 100) names,
# and a second one as its upstream; a python3 client keeps WINDOW (default 64) UDP queries in
# flight for DURATION (default 5) seconds each for: names of the hosts file (answered locally) and a
# name of the upstream (forwarded and relayed). Prints queries/second for each and the
# responder's Private_Clean+Private_Dirty (/proc/PID/smaps_rollup) before and after the load.
# The client is one Python thread: on a small machine it, not the responder, may be the limit
# (its CPU time is printed next to the responder's).
#
# Environment: NOOK (binary, default target/release/nook), HOSTS, WINDOW, DURATION.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
NOOK=${NOOK:-$HERE/../target/release/nook}
HOSTS=${HOSTS:-100} WINDOW=${WINDOW:-64} SECONDS_EACH=${DURATION:-5}
[ -x "$NOOK" ] || { echo "bench: error: no $NOOK (cargo build --release)" >&2; exit 1; }
W=$(mktemp -d /tmp/nook-bench-dns.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$W"; }
trap cleanup EXIT

for i in $(seq 1 "$HOSTS"); do echo "10.89.$((i / 250)).$((i % 250 + 2)) c$i alias$i"; done >"$W/hosts"
echo "192.0.2.7 outside.example" >"$W/up-hosts"

# start FILE ARGS...: a responder on a free port; sets PORT and PID.
start() {
    local file=$1; shift
    PORT=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    mkfifo "$W/ready.$PORT"
    "$NOOK" __dns --listen "127.0.0.1:$PORT" --hosts "$file" "$@" >"$W/ready.$PORT" &
    PID=$!
    pids+=("$PID")
    read -r line <"$W/ready.$PORT"
    [ "$line" = ready ] || { echo "bench: error: nook __dns did not start" >&2; exit 1; }
}
private_kib() { awk '/^Private_(Clean|Dirty):/ {s += $2} END {print s}' "/proc/$1/smaps_rollup"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

start "$W/up-hosts" --domain example
UP=$PORT
start "$W/hosts" --upstream "127.0.0.1:$UP"
DNS=$PORT DNS_PID=$PID
echo "nook __dns pid $DNS_PID on 127.0.0.1:$DNS, $HOSTS names; upstream on :$UP"
echo "private memory at rest: $(private_kib "$DNS_PID") KiB"

load() { # NAME-PATTERN: prints "queries qps client-cpu-s"
    python3 - "$DNS" "$WINDOW" "$SECONDS_EACH" "$HOSTS" "$1" <<'EOF'
import os, random, socket, struct, sys, time
port, window, secs, hosts, pattern = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
def query(qid, name):
    q = struct.pack(">HHHHHH", qid, 0x0100, 1, 0, 0, 0)
    for l in name.split("."):
        q += bytes([len(l)]) + l.encode()
    return q + b"\x00\x00\x01\x00\x01"
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.connect(("127.0.0.1", port))
s.settimeout(1.0)
done = sent = lost = 0
qid = 0
def send():
    global qid, sent
    qid = (qid + 1) & 0xFFFF
    name = pattern.replace("N", str(random.randint(1, hosts)))
    s.send(query(qid, name)); sent += 1
start = time.monotonic(); c0 = time.process_time()
for _ in range(window): send()
while time.monotonic() - start < secs:
    try:
        r = s.recv(600)
        if r[3] & 0x0F == 0 and r[7] >= 1: done += 1
    except socket.timeout:
        lost += 1
    send()
el = time.monotonic() - start
print(done, int(done / el), round(time.process_time() - c0, 2), lost)
EOF
}

for case in "local:cN" "local-alias-fqdn:aliasN.dns.podman" "forwarded:outside.example"; do
    name=${case%%:*} pattern=${case#*:}
    t0=$(cpu_ticks "$DNS_PID")
    read -r n qps client lost < <(load "$pattern")
    t1=$(cpu_ticks "$DNS_PID")
    hz=$(getconf CLK_TCK)
    echo "$name: $qps queries/s ($n answered in ${SECONDS_EACH}s, window $WINDOW, $lost timeouts); responder CPU $(awk "BEGIN {print ($t1 - $t0) / $hz}")s, client CPU ${client}s"
done
echo "private memory after the load: $(private_kib "$DNS_PID") KiB"
