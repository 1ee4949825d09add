#!/usr/bin/env bash
# bench/pull.sh — time pulling the multi-layer Debian test image from a local registry:
# `podman pull` against `nook pull`, into empty stores, in the same run.
#
#   image     scripts/debian-image.sh (debootstrap minbase bookworm + packages, 3 gzip layers,
#             about 100 MB compressed), cached in $BENCH_CACHE (default /var/tmp/nook-bench-pull)
#   registry  scripts/registry.sh start (Debian's docker-registry, plain HTTP on 127.0.0.1)
#   podman    (skipped loudly when not installed) podman --root/--runroot in a temp dir (overlay driver, vfs if overlay fails),
#             rootless as $BENCH_USER (default nooktest, the user nook runs as; made by
#             `scripts/test.sh --setup-only`), as root if rootless podman cannot pull here
#             (the summary says which). pull --tls-verify=false: download, verify, decompress
#             and unpack
#   nook      ${NOOK:-target/release/nook} pull --tls-verify=false as $BENCH_USER with
#             XDG_DATA_HOME in a temp dir: download and verify (sha256 + size) of every blob,
#             then unpack of every layer (decompress, diff_id, safe extraction in a user
#             namespace), the same work as podman's
#   skopeo    skopeo copy docker://IMAGE oci:DIR: the same containers/image code as podman,
#             download and verify only (no unpack), for scale
#   untar     for scale: `tar -xzf` of the three layer blobs one after the other (what a
#             single-threaded gunzip + file creation costs on this machine)
# Each measurement is repeated RUNS times (default 3) into empty stores; the median is printed
# with the ratio podman / nook; the load average is printed too (a busy machine skews every
# figure). Stores are removed only at the end, and `sync` runs before each measurement: ext4
# makes file creation slow for half a minute after many files were deleted (the inode
# allocator skips recently deleted inodes), which would penalise whatever runs after a
# removal; for the same reason the bench waits BENCH_SETTLE (default 35) s before measuring,
# and the figures are only comparable within one run (podman and nook suffer alike). Needs root (debootstrap, the registry).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$HERE/.." && pwd -P)
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"   # summary: bench/all.sh's rows
RUNS=${RUNS:-3}
NOOK=${NOOK:-$REPO/target/release/nook}
CACHE=${BENCH_CACHE:-/var/tmp/nook-bench-pull}

USER_NAME=${BENCH_USER:-nooktest}
die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "run as root (debootstrap builds the image)"
id "$USER_NAME" >/dev/null 2>&1 ||
    die "user $USER_NAME does not exist: create it with 'bash scripts/test.sh --setup-only' or set BENCH_USER"
[ -x "$NOOK" ] || die "no nook binary at $NOOK (cargo build --release)"
HAVE_PODMAN=1
command -v podman >/dev/null || HAVE_PODMAN=0

TMP=$(mktemp -d /tmp/nook-bench-pull.XXXXXX)
chmod 755 "$TMP"
mkdir -p "$TMP/user"
chown "$USER_NAME:" "$TMP/user"
cp "$NOOK" "$TMP/nook"
chmod 755 "$TMP/nook"
NOOK_COPY=$TMP/nook
USER_HOME=$TMP/user
# as_user CMD...: run as the unprivileged user with a runtime dir of its own.
as_user() {
    runuser -u "$USER_NAME" -- env -i HOME="$USER_HOME" USER="$USER_NAME" LOGNAME="$USER_NAME" \
        PATH=/usr/local/bin:/usr/bin:/bin XDG_RUNTIME_DIR="$USER_HOME/run" "$@"
}
cleanup() {
    bash "$REPO/scripts/registry.sh" stop "$TMP/registry" 2>/dev/null || true
    # As root: this also removes the files of subordinate ids in the rootless stores.
    rm -rf "$TMP"
}
trap cleanup EXIT

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
median() { tr ' ' '\n' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

mkdir -p "$CACHE"
if [ ! -f "$CACHE/image/index.json" ]; then
    echo "building the Debian image (once, cached in $CACHE) ..."
    bash "$REPO/scripts/debian-image.sh" "$CACHE/image" --cache-dir "$CACHE/debootstrap"
fi
mkdir -p "$TMP/registry"
addr=$(bash "$REPO/scripts/registry.sh" start "$TMP/registry" plain)
bash "$REPO/scripts/registry.sh" push "$TMP/registry" "oci:$CACHE/image:bookworm" debian:bookworm
image=$addr/debian:bookworm
size=$(du -sb "$TMP/registry/data" | cut -f1)
echo "image $image, $(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1e6 }') MB in the registry"

mkdir -p "$USER_HOME/run"
chown "$USER_NAME:" "$USER_HOME/run"
chmod 700 "$USER_HOME/run"
# podman_pull ROOT [WRAPPER...]: pull into an empty store at ROOT, rootless unless
# PODMAN_AS=root, under WRAPPER (the CPU time measurement).
podman_pull() {
    local root=$1
    shift
    local args=(--root "$root" --runroot "$root-run" --storage-driver "$driver" pull -q --tls-verify=false "$image")
    if [ "$PODMAN_AS" = root ]; then "$@" podman "${args[@]}"; else "$@" runuser -u "$USER_NAME" -- env -i \
        HOME="$USER_HOME" PATH=/usr/local/bin:/usr/bin:/bin XDG_RUNTIME_DIR="$USER_HOME/run" podman "${args[@]}"; fi
}
cpu_time=(/usr/bin/time -o "$TMP/cpu" -f '%U user %S sys')
PODMAN_AS=$USER_NAME
driver=overlay
if [ "$HAVE_PODMAN" = 0 ]; then
    echo "!!!!!!!! podman: SKIPPED (not installed: apt-get install podman) !!!!!!!!"
elif ! podman_pull "$USER_HOME/podman/probe" >/dev/null 2>&1; then
    driver=vfs
    if ! podman_pull "$USER_HOME/podman/probe-vfs" >/dev/null 2>&1; then
        PODMAN_AS=root driver=overlay
        podman --root "$TMP/probe" --runroot "$TMP/probe-run" --storage-driver overlay info >/dev/null 2>&1 || driver=vfs
    fi
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$HAVE_PODMAN" = 0 ] || echo "podman $(podman --version | awk '{ print $3 }') as $PODMAN_AS, storage driver $driver"
echo "nook $NOOK as $USER_NAME"

# Files deleted just before (an earlier bench's cleanup, other builds) slow ext4 file creation
# for up to 35 s: let that pass.
sync
sleep "${BENCH_SETTLE:-35}"
podman_times=() nook_times=() untar_times=() skopeo_times=()
for run in $(seq 1 "$RUNS"); do
    if [ "$PODMAN_AS" = root ]; then root=$TMP/podman-$run; else root=$USER_HOME/podman/$run; fi
    podman_times+=(0) podman_cpu="not run"
    if [ "$HAVE_PODMAN" = 1 ]; then
        sync
        t0=$(now)
        podman_pull "$root" "${cpu_time[@]}" >/dev/null
        t1=$(now)
        podman_times[-1]=$(elapsed "$t0" "$t1")
        podman_cpu=$(tail -1 "$TMP/cpu")
    fi

    sync
    t0=$(now)
    skopeo --insecure-policy copy -q --src-tls-verify=false "docker://$image" "oci:$TMP/skopeo-$run:x"
    t1=$(now)
    skopeo_times+=("$(elapsed "$t0" "$t1")")

    data=$USER_HOME/nook-$run
    sync
    t0=$(now)
    "${cpu_time[@]}" runuser -u "$USER_NAME" -- env -i HOME="$USER_HOME" \
        PATH=/usr/bin:/bin XDG_RUNTIME_DIR="$USER_HOME/run" XDG_DATA_HOME="$data" \
        "$NOOK_COPY" pull -q --tls-verify=false "$image" >/dev/null
    t1=$(now)
    nook_times+=("$(elapsed "$t0" "$t1")")
    nook_cpu=$(tail -1 "$TMP/cpu")

    blobs=$data/nook/storage/blobs/sha256
    # The layers the manifest among the blobs lists.
    mapfile -t layers < <(python3 - "$blobs" <<'PY'
import json, os, sys
for name in os.listdir(sys.argv[1]):
    path = os.path.join(sys.argv[1], name)
    if os.path.getsize(path) > 1 << 20:
        continue
    try:
        doc = json.load(open(path))
    except ValueError:
        continue
    if isinstance(doc, dict) and "layers" in doc:
        for layer in doc["layers"]:
            print(layer["digest"][7:])
PY
)
    [ "${#layers[@]}" -gt 0 ] || die "no manifest listing layers in $blobs"
    mkdir -p "$TMP/untar-$run"
    sync
    t0=$(now)
    for l in "${layers[@]}"; do tar -C "$TMP/untar-$run" -xzf "$blobs/$l" 2>/dev/null || true; done
    t1=$(now)
    untar_times+=("$(elapsed "$t0" "$t1")")
    echo "run $run: podman ${podman_times[-1]} s ($podman_cpu), skopeo ${skopeo_times[-1]} s, nook ${nook_times[-1]} s ($nook_cpu), untar ${untar_times[-1]} s"
done

p=$(echo "${podman_times[*]}" | median)
n=$(echo "${nook_times[*]}" | median)
u=$(echo "${untar_times[*]}" | median)
k=$(echo "${skopeo_times[*]}" | median)
printf '\n%-40s %8s\n' "median of $RUNS runs" seconds
[ "$HAVE_PODMAN" = 0 ] || printf '%-40s %8s\n' "podman pull as $PODMAN_AS (+unpack)" "$p"
printf '%-40s %8s\n' "skopeo copy to oci: (download+verify)" "$k"
printf '%-40s %8s\n' "nook pull as $USER_NAME (+unpack)" "$n"
printf '%-40s %8s\n' "tar -xzf of the layers (for scale)" "$u"
[ "$HAVE_PODMAN" = 0 ] || awk -v p="$p" -v n="$n" 'BEGIN { if (n > 0) printf "ratio podman / nook: %.1fx (both download, verify and unpack)\n", p / n }'
summary "pull: Debian image (3 layers), unpacked" nook "$n" s
[ "$HAVE_PODMAN" = 0 ] || summary "pull: Debian image (3 layers), unpacked" podman "$p" s
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
