#!/usr/bin/env bash
# bench/build.sh — `nook build` against `podman build` on the same machine, one run each:
#
#   cold      a multi-stage Containerfile (a busybox base stage, a builder stage that COPYs a
#             context of FILES (default 3000) small files and RUNs over them, a final stage
#             that COPYs --from the builder and RUNs) into empty stores
#   rebuild   the same build again, nothing changed (podman: its layer cache; nook: its build
#             cache, which does no container work)
#   push      the Debian test image ($NOOK_TEST_DEBIAN, default /var/tmp/nook-debian/image,
#             made by scripts/test.sh) pushed to a fresh local registry (scripts/registry.sh)
#             by each, from their own stores (nook load / podman pull oci:)
# Prints each time and the ratio podman / nook (> 1: nook is faster). As root it re-runs
# itself as $BENCH_USER (default nooktest); podman is set up by bench/lib.sh's podman_probe
# (its own --root in the temp dir). NOOK: the binary (default target/release/nook).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$HERE/.." && pwd -P)
[ -f "$REPO/scripts/busybox-rootfs.sh" ] || REPO=$(cd "$HERE/.." && pwd -P)
NOOK=${NOOK:-$REPO/target/release/nook}
FILES=${FILES:-3000}
DEBIAN=${NOOK_TEST_DEBIAN:-/var/tmp/nook-debian/image}
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"

if [ "$(id -u)" -eq 0 ]; then
    [ -d "$DEBIAN" ] && chmod -R a+rX "$DEBIAN" 2>/dev/null || true
    bench_as_user build.sh FILES NOOK_TEST_DEBIAN
fi
REGISTRY_SH=$REPO/scripts/registry.sh

bench_workdir
export XDG_DATA_HOME=$W/nook-data XDG_CONFIG_HOME=$W/nook-config
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME"

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
ratio() { awk -v p="$1" -v n="$2" 'BEGIN { if (n > 0) printf "%.1fx", p / n; else print "-" }'; }

# The context: the busybox root file system and FILES small files in 30 directories.
CTX=$W/ctx
mkdir -p "$CTX/src"
cp -a "$ROOTFS" "$CTX/rootfs"
for ((i = 0; i < FILES; i++)); do
    d=$CTX/src/d$((i % 30))
    [ -d "$d" ] || mkdir "$d"
    printf 'file %d\n%s\n' "$i" "$RANDOM$RANDOM" >"$d/f$i.txt"
done
cat >"$CTX/Containerfile" <<'EOF'
FROM scratch AS base
COPY rootfs/ /
ENV PATH=/bin:/usr/bin

FROM base AS builder
COPY src/ /src/
RUN find /src -type f | wc -l > /count && tar -cf /src.tar -C /src . && rm -rf /src/d0

FROM base
COPY --from=builder /src.tar /opt/src.tar
COPY --from=builder /count /opt/count
RUN mkdir /opt/out && tar -xf /opt/src.tar -C /opt/out && rm /opt/src.tar
CMD ["cat", "/opt/count"]
EOF
echo "bench: context of $FILES files ($(du -sh "$CTX" | cut -f1)), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

declare -A T
measure() { # NAME CMD...
    local name=$1 t0 t1; shift
    sync
    t0=$(now)
    "$@" >"$W/$name.out" 2>"$W/$name.err" </dev/null || {
        echo "bench: $name failed:"; tail -n 5 "$W/$name.err"; return 1; }
    t1=$(now)
    T[$name]=$(secs "$t0" "$t1")
    printf '  %-16s %6ss\n' "$name" "${T[$name]}"
}

measure nook-cold "$NOOK" build -q -t localhost/bench "$CTX"
measure nook-rebuild "$NOOK" build -q -t localhost/bench "$CTX"
[ "$(tail -n 1 "$W/nook-cold.out")" = "$(tail -n 1 "$W/nook-rebuild.out")" ] ||
    echo "bench: WARNING: nook's unchanged rebuild made another image"

HAVE_PODMAN=0
if podman_probe localhost/busybox "$ROOTFS"; then
    HAVE_PODMAN=1
    measure podman-cold "${PODMAN[@]}" build --layers -q -t localhost/bench "$CTX"
    measure podman-rebuild "${PODMAN[@]}" build --layers -q -t localhost/bench "$CTX"
fi

# Push of the Debian test image.
if [ -f "$DEBIAN/index.json" ]; then
    "$NOOK" load -i "$DEBIAN" >/dev/null
    nid=$("$NOOK" images -q | sed -n 1p)
    "$NOOK" tag "$nid" localhost/debian:bench
    REG=$W/registry
    addr=$(bash "$REGISTRY_SH" start "$REG" plain)
    BENCH_ON_EXIT="bash '$REGISTRY_SH' stop '$REG'"
    measure nook-push "$NOOK" push --tls-verify=false localhost/debian:bench "$addr/nook/debian:bench"
    if [ "$HAVE_PODMAN" = 1 ]; then
        "${PODMAN[@]}" pull -q "oci:$DEBIAN:bookworm" >/dev/null 2>&1 ||
            "${PODMAN[@]}" pull -q "oci:$DEBIAN" >/dev/null
        pid=$("${PODMAN[@]}" images -q | sed -n 1p)
        measure podman-push "${PODMAN[@]}" push --tls-verify=false "$pid" "docker://$addr/podman/debian:bench"
    fi
else
    skip "push (no Debian test image at $DEBIAN: scripts/test.sh builds it as root)"
fi

echo "bench: results (podman / nook; > 1 means nook is faster)"
for k in cold rebuild push; do
    n=${T[nook-$k]:-}
    p=${T[podman-$k]:-}
    [ -n "$n" ] || continue
    printf '  %-8s nook %6ss  podman %6ss  ratio %s\n' "$k" "$n" "${p:--}" "$([ -n "$p" ] && ratio "$p" "$n" || echo -)"
    summary "build: $k" nook "$n" s
    [ -z "$p" ] || summary "build: $k" podman "$p" s
done
