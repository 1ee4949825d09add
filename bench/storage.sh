#!/usr/bin/env bash
# bench/storage.sh — containers on the multi-layer Debian image: nook's storage drivers against
# rootless podman's, in one run on this machine.
#
#   image     scripts/debian-image.sh (debootstrap minbase bookworm + packages, 3 gzip layers,
#             about 100 MB compressed), cached in $BENCH_CACHE (default /var/tmp/nook-bench-pull,
#             shared with bench/pull.sh), pushed to a local registry (scripts/registry.sh) and
#             pulled by both tools into private stores as $BENCH_USER (default nooktest)
#   start     `run --rm --network none IMAGE true`: nook (kernel overlay, its default here)
#             against podman (overlay driver, runtime runc, cgroupfs: no systemd here), the
#             ratio podman / nook (the images issue's target: 10x)
#   files     a file-heavy command on each nook driver (overlay, fuse-overlayfs, vfs) and on
#             podman: `find / -xdev | wc -l` (a walk of the whole image) and writing 1 GiB to
#             the container's root (`dd bs=1M count=1024 conv=fsync`)
# Medians of RUNS runs (default 10; 3 for the 1 GiB writes) by hyperfine -N after WARMUP runs.
# A tool or driver that does not work here is skipped with a line saying why.
# Needs root (debootstrap, the registry, switching to $BENCH_USER), hyperfine, podman + runc.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$HERE/.." && pwd -P)
RUNS=${RUNS:-10}
WARMUP=${WARMUP:-2}
NOOK=${NOOK:-$REPO/target/release/nook}
CACHE=${BENCH_CACHE:-/var/tmp/nook-bench-pull}
USER_NAME=${BENCH_USER:-nooktest}

die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }
skip() { printf 'bench: skipped: %s\n' "$*"; }
[ "$(id -u)" -eq 0 ] || die "run as root (debootstrap builds the image; the bench runs as $USER_NAME)"
id "$USER_NAME" >/dev/null 2>&1 ||
    die "user $USER_NAME does not exist: create it with 'bash scripts/test.sh --setup-only' or set BENCH_USER"
[ -x "$NOOK" ] || die "no nook binary at $NOOK (cargo build --release)"
command -v hyperfine >/dev/null || die "hyperfine not found: apt-get install hyperfine"

TMP=$(mktemp -d /tmp/nook-bench-storage.XXXXXX)
chmod 755 "$TMP"
USER_HOME=$TMP/user
mkdir -p "$USER_HOME/run"
chown -R "$USER_NAME:" "$USER_HOME"
chmod 700 "$USER_HOME/run"
install -m 0755 "$NOOK" "$TMP/nook"
N=$TMP/nook
cleanup() {
    bash "$REPO/scripts/registry.sh" stop "$TMP/registry" 2>/dev/null || true
    # As root: this also removes the files of subordinate ids in the rootless stores.
    [ "${KEEP_TMP:-0}" = 1 ] || rm -rf "$TMP"
}
trap cleanup EXIT

# as_user CMD...: as the unprivileged user, in a clean environment of its own.
as_user() {
    (cd "$TMP" && runuser -u "$USER_NAME" -- env -i HOME="$USER_HOME" USER="$USER_NAME" \
        LOGNAME="$USER_NAME" PATH=/usr/local/bin:/usr/bin:/bin XDG_RUNTIME_DIR="$USER_HOME/run" \
        XDG_DATA_HOME="$USER_HOME/data" "$@" </dev/null)
}

mkdir -p "$CACHE"
if [ ! -f "$CACHE/image/index.json" ]; then
    echo "building the Debian image (once, cached in $CACHE) ..."
    bash "$REPO/scripts/debian-image.sh" "$CACHE/image" --cache-dir "$CACHE/debootstrap"
fi
mkdir -p "$TMP/registry"
addr=$(bash "$REPO/scripts/registry.sh" start "$TMP/registry" plain)
bash "$REPO/scripts/registry.sh" push "$TMP/registry" "oci:$CACHE/image:bookworm" debian:bookworm
IMAGE=$addr/debian:bookworm

as_user "$N" pull -q --tls-verify=false "$IMAGE" >/dev/null || die "nook pull $IMAGE failed"

PODMAN=()
if ! command -v podman >/dev/null; then
    skip "podman (not installed: apt-get install podman runc)"
else
    for runtime in runc crun; do
        command -v "$runtime" >/dev/null || continue
        cand=(podman --root "$USER_HOME/podman/root" --runroot "$USER_HOME/podman/run"
              --cgroup-manager cgroupfs --events-backend file --storage-driver overlay
              --runtime "$runtime")
        if as_user "${cand[@]}" pull -q --tls-verify=false "$IMAGE" >/dev/null 2>"$TMP/podman.err" &&
            as_user "${cand[@]}" run --rm --network none "$IMAGE" true 2>"$TMP/podman.err"; then
            PODMAN=("${cand[@]}")
            break
        fi
        echo "bench: podman with $runtime does not work here: $(tail -n 2 "$TMP/podman.err" | tr '\n' ' ')"
    done
    [ "${#PODMAN[@]}" -gt 0 ] || skip "podman (no runtime works for $USER_NAME here; see above)"
fi

DRIVERS=()
for d in overlay fuse-overlayfs vfs; do
    if as_user "$N" run --rm --network none --storage-driver "$d" "$IMAGE" true 2>"$TMP/nook.err"; then
        DRIVERS+=("$d")
    else
        skip "nook --storage-driver $d ($(tail -n 1 "$TMP/nook.err"))"
    fi
done

# bench NAME RUNS CMD...: hyperfine's median of CMD as the user, in ms, appended to results.
RESULTS=$TMP/results.tsv
: >"$RESULTS"
bench() {
    local name=$1 runs=$2; shift 2
    local cmd
    cmd=$(printf '%q ' "$@")
    if ! as_user hyperfine -N --warmup "$WARMUP" --runs "$runs" --export-json "$USER_HOME/h.json" \
            "$cmd" >"$TMP/h.out" 2>&1; then
        echo "bench: $name failed: $(tail -n 3 "$TMP/h.out" | tr '\n' ' ')"
        return 0
    fi
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print(sys.argv[2], r["median"]*1000, r["min"]*1000)' \
        "$USER_HOME/h.json" "$name" >>"$RESULTS"
}

FIND=(sh -c 'find / -xdev | wc -l')
WRITE=(dd if=/dev/zero of=/big bs=1M count=1024 conv=fsync status=none)
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
bench "start nook" "$RUNS" "$N" run --rm --network none "$IMAGE" true
[ "${#PODMAN[@]}" -eq 0 ] || bench "start podman" "$RUNS" "${PODMAN[@]}" run --rm --network none "$IMAGE" true
for d in "${DRIVERS[@]}"; do
    bench "find nook-$d" "$RUNS" "$N" run --rm --network none --storage-driver "$d" "$IMAGE" "${FIND[@]}"
done
[ "${#PODMAN[@]}" -eq 0 ] || bench "find podman" "$RUNS" "${PODMAN[@]}" run --rm --network none "$IMAGE" "${FIND[@]}"
for d in "${DRIVERS[@]}"; do
    bench "write nook-$d" 3 "$N" run --rm --network none --storage-driver "$d" "$IMAGE" "${WRITE[@]}"
done
[ "${#PODMAN[@]}" -eq 0 ] || bench "write podman" 3 "${PODMAN[@]}" run --rm --network none "$IMAGE" "${WRITE[@]}"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$RESULTS" "$IMAGE" "$RUNS" <<'EOF'
import sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
res = {f"{r[0]} {r[1]}": (float(r[2]), float(r[3])) for r in rows}
print(f"\n{sys.argv[2]}, medians of {sys.argv[3]} runs (1 GiB writes: 3), ms")
print(f"{'what':<42}{'median':>10}{'min':>10}{'vs nook overlay':>18}")
for kind, label in (("start", "run --rm true"), ("find", "find / -xdev | wc -l"), ("write", "write 1 GiB")):
    base = res.get(f"{kind} nook") or res.get(f"{kind} nook-overlay")
    for k, (med, mn) in res.items():
        if not k.startswith(kind + " "):
            continue
        who = k.split(" ", 1)[1]
        ratio = f"{med / base[0]:.2f}x" if base else "n/a"
        print(f"{label + ', ' + who:<42}{med:>10.1f}{mn:>10.1f}{ratio:>18}")
import os
if os.environ.get("BENCH_SUMMARY"):
    with open(os.environ["BENCH_SUMMARY"], "a") as out:
        for k, (med, _) in res.items():
            kind, who = k.split(" ", 1)
            label = {"start": "storage: run --rm true, Debian image", "find": "storage: find / -xdev in the Debian image",
                     "write": "storage: write 1 GiB in the container"}[kind]
            tool = "podman" if who == "podman" else "nook"
            if who.startswith("nook-") and who != "nook-overlay":
                label += f" ({who[5:]})"
            print(label, tool, f"{med:.1f}", "ms", sep="\t", file=out)
s = res.get("start nook"), res.get("start podman")
if all(s):
    print(f"\nstart: podman / nook = {s[1][0] / s[0][0]:.1f}x")
EOF
[ -s "$RESULTS" ] || die "nothing could be measured (see above)"
