#!/usr/bin/env bash
# bench/pull.sh — time pulling the multi-layer Debian test image from a local registry:
# `podman pull` against `nook pull`, into empty stores, in the same run.
#
#   image     scripts/debian-image.sh (debootstrap minbase bookworm + packages, 3 gzip layers,
#             about 100 MB compressed), cached in $BENCH_CACHE (default /var/tmp/nook-bench-pull)
#   registry  scripts/registry.sh start (Debian's docker-registry, plain HTTP on 127.0.0.1)
#   podman    podman --root/--runroot in a temp dir (overlay driver, vfs if overlay fails)
#             pull --tls-verify=false: download, verify, decompress and unpack
#   nook      ${NOOK:-target/release/nook} pull --tls-verify=false with XDG_DATA_HOME in a temp
#             dir: download and verify (sha256 + size) of every blob, 3 layers at once. The
#             unpack belongs to the store (another part of nook), so it is NOT in this figure;
#   skopeo    skopeo copy docker://IMAGE oci:DIR: the same containers/image code as podman,
#             download and verify only (no unpack), the fair comparison for `nook pull` today
#   untar     for scale: `tar -xzf` of the three layer blobs one after the other (what a
#             single-threaded gunzip + file creation costs on this machine)
# Each measurement is repeated RUNS times (default 3) with empty stores; the median is printed
# with the ratios podman / nook and skopeo / nook; the load average is printed too (a busy
# machine skews every figure). Needs root (debootstrap, and podman's storage as root).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$HERE/.." && pwd -P)
RUNS=${RUNS:-3}
NOOK=${NOOK:-$REPO/target/release/nook}
CACHE=${BENCH_CACHE:-/var/tmp/nook-bench-pull}

die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "run as root (debootstrap builds the image)"
[ -x "$NOOK" ] || die "no nook binary at $NOOK (cargo build --release)"
command -v podman >/dev/null || die "podman not found: apt-get install podman"

TMP=$(mktemp -d /tmp/nook-bench-pull.XXXXXX)
cleanup() {
    bash "$REPO/scripts/registry.sh" stop "$TMP/registry" 2>/dev/null || true
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

driver=overlay
if ! podman --root "$TMP/probe" --runroot "$TMP/probe-run" --storage-driver overlay info >/dev/null 2>&1; then
    driver=vfs
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "podman $(podman --version | awk '{ print $3 }'), storage driver $driver; nook $NOOK"

podman_times=() nook_times=() untar_times=() skopeo_times=()
for run in $(seq 1 "$RUNS"); do
    root=$TMP/podman-$run
    t0=$(now)
    podman --root "$root" --runroot "$root-run" --storage-driver "$driver" \
        pull -q --tls-verify=false "$image" >/dev/null
    t1=$(now)
    podman_times+=("$(elapsed "$t0" "$t1")")
    podman --root "$root" --runroot "$root-run" --storage-driver "$driver" system reset -f >/dev/null 2>&1 || true
    rm -rf "$root" "$root-run"

    t0=$(now)
    skopeo --insecure-policy copy -q --src-tls-verify=false "docker://$image" "oci:$TMP/skopeo-$run:x"
    t1=$(now)
    skopeo_times+=("$(elapsed "$t0" "$t1")")
    rm -rf "$TMP/skopeo-$run"

    data=$TMP/nook-$run
    t0=$(now)
    XDG_DATA_HOME=$data "$NOOK" pull -q --tls-verify=false "$image" >"$TMP/digest"
    t1=$(now)
    nook_times+=("$(elapsed "$t0" "$t1")")

    blobs=$data/nook/storage/blobs/sha256
    mapfile -t layers < <(python3 -c 'import json,sys; [print(l["digest"][7:]) for l in json.load(open(sys.argv[1]))["layers"]]' "$blobs/$(cut -c8- "$TMP/digest")")
    mkdir -p "$TMP/untar-$run"
    t0=$(now)
    for l in "${layers[@]}"; do tar -C "$TMP/untar-$run" -xzf "$blobs/$l" 2>/dev/null || true; done
    t1=$(now)
    untar_times+=("$(elapsed "$t0" "$t1")")
    rm -rf "$data" "$TMP/untar-$run"
    echo "run $run: podman ${podman_times[-1]} s, skopeo ${skopeo_times[-1]} s, nook ${nook_times[-1]} s, untar ${untar_times[-1]} s"
done

p=$(echo "${podman_times[*]}" | median)
n=$(echo "${nook_times[*]}" | median)
u=$(echo "${untar_times[*]}" | median)
k=$(echo "${skopeo_times[*]}" | median)
printf '\n%-40s %8s\n' "median of $RUNS runs" seconds
printf '%-40s %8s\n' "podman pull (download+verify+unpack)" "$p"
printf '%-40s %8s\n' "skopeo copy to oci: (download+verify)" "$k"
printf '%-40s %8s\n' "nook pull (download+verify, no unpack)" "$n"
printf '%-40s %8s\n' "tar -xzf of the layers (for scale)" "$u"
awk -v p="$p" -v k="$k" -v n="$n" 'BEGIN { if (n > 0) printf "ratio podman / nook: %.1fx (unpack not in nook yet); skopeo / nook: %.1fx\n", p / n, k / n }'
