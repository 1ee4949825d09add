# bench/lib.sh — shared parts of the benchmarks (sourced by bench/run.sh and bench/net.sh).
#
#   bench_as_user SCRIPT [VAR...]   as root: re-run bench/SCRIPT as $BENCH_USER (default
#       nooktest, made by `scripts/test.sh --setup-only`) from a world-readable copy in /tmp,
#       passing NOOK (copied too, as NOOK_BASE is when set), KEEP_TMP, BENCH_JSON (copied
#       back) and the named VARs;
#       exits with its status. Returns at once when not root.
#   bench_workdir                   W=/tmp/nook-bench.XXXXXX, removed at exit (podman's storage
#       inside the user namespace) unless KEEP_TMP=1; sets ROOTFS=$W/rootfs (busybox).
#   podman_probe IMAGE DIR          find a podman storage driver and OCI runtime that work for
#       this user (IMAGE imported from DIR); sets the PODMAN command prefix. See bench/run.sh.
#   skip, die, works NAME CMD...    one-line reporting helpers.
#   summary CASE TOOL VALUE UNIT    one row for bench/all.sh's table, appended to $BENCH_SUMMARY
#       (a TSV file) when it is set: TOOL is nook, nook-base, podman or bwrap; UNIT is ms or s
#       (lower is better) or Gbit/s (higher is better). Python parts write the same rows.
# Needs HERE (bench/) and REPO set by the sourcing script.

skip() { printf 'skipped: %s\n' "$*"; }
summary() {
    [ -n "${BENCH_SUMMARY:-}" ] || return 0
    printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$BENCH_SUMMARY"
}
die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }

bench_as_user() {
    [ "$(id -u)" -eq 0 ] || return 0
    local script=$1; shift
    local user=${BENCH_USER:-nooktest} uid home stage nook_path runtime rc=0 v
    local -a pass=()
    id -u "$user" >/dev/null 2>&1 ||
        die "running as root, and user $user does not exist: create it with 'bash scripts/test.sh --setup-only' or set BENCH_USER"
    uid=$(id -u "$user")
    home=$(getent passwd "$user" | cut -d: -f6)
    stage=$(mktemp -d /tmp/nook-bench-stage.XXXXXX)
    # shellcheck disable=SC2064 # expand $stage now
    trap "rm -rf '$stage'" EXIT
    mkdir -p "$stage/bench" "$stage/scripts" "$stage/bin"
    cp "$HERE"/*.sh "$stage/bench/"
    cp "$REPO/scripts/busybox-rootfs.sh" "$REPO/scripts/testimages.py" \
        "$REPO/scripts/registry.sh" "$REPO/scripts/token-issuer.py" "$stage/scripts/"
    nook_path=$NOOK
    if [ -e "$NOOK" ] || command -v "$NOOK" >/dev/null 2>&1; then
        install -m 0755 "$(command -v "$NOOK" || echo "$NOOK")" "$stage/bin/nook"
        nook_path=$stage/bin/nook
    fi
    chmod -R a+rX "$stage"
    install -o "$user" -m 0644 /dev/null "$stage/out.json" # the user writes JSON results here
    install -o "$user" -m 0644 /dev/null "$stage/summary.tsv" # and bench/all.sh's rows here
    runtime=/run/user/$uid
    if [ ! -d "$runtime" ]; then
        mkdir -p "$runtime"; chown "$user:" "$runtime"; chmod 0700 "$runtime"
    fi
    # A login under systemd gets a tmpfs here (pam_systemd); a machine without systemd (CI, a
    # container) leaves a plain directory on disk, where every start's state files cost
    # journaled writes (about 1.5 ms of CPU a start, measured). Benchmark what users have.
    if [ "$(stat -f -c %T "$runtime")" != tmpfs ]; then
        mount -t tmpfs -o "mode=0700,uid=$uid,gid=$(id -g "$user"),size=64m" "nook-bench-runtime" "$runtime" &&
            echo "bench: $runtime was on $(stat -f -c %T "$(dirname "$runtime")"); mounted a tmpfs there, as logind does (left mounted)"
    fi
    # NOOK_BASE (bench/net.sh): a second nook binary to compare with, copied like NOOK.
    if [ -n "${NOOK_BASE:-}" ] && [ -f "$NOOK_BASE" ]; then
        install -m 0755 "$NOOK_BASE" "$stage/bin/nook-base"
        NOOK_BASE=$stage/bin/nook-base
    fi
    for v in "$@"; do pass+=("$v=${!v:-}"); done
    echo "bench: running as $user (uid $uid) from $stage"
    (cd "$stage" && runuser -u "$user" -- env -i HOME="$home" USER="$user" LOGNAME="$user" \
        PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin XDG_RUNTIME_DIR="$runtime" \
        NOOK="$nook_path" KEEP_TMP="${KEEP_TMP:-0}" BENCH_JSON="$stage/out.json" \
        BENCH_SUMMARY="${BENCH_SUMMARY:+$stage/summary.tsv}" "${pass[@]}" \
        bash "$stage/bench/$script" </dev/null) || rc=$?
    if [ -n "${BENCH_JSON:-}" ] && [ -s "$stage/out.json" ]; then cp "$stage/out.json" "$BENCH_JSON"; fi
    if [ -n "${BENCH_SUMMARY:-}" ]; then cat "$stage/summary.tsv" >>"$BENCH_SUMMARY"; fi
    exit "$rc"
}

PODMAN=()   # the podman command prefix, once set up

bench_cleanup() {
    local rc=$?
    if [ -n "${BENCH_ON_EXIT:-}" ]; then eval "$BENCH_ON_EXIT" || true; fi
    if [ "${KEEP_TMP:-0}" = 1 ]; then
        echo "bench: kept $W" >&2
    else
        # Podman's storage holds files owned by subordinate ids: remove it inside the user namespace.
        if [ -d "$W/podman" ] && command -v podman >/dev/null 2>&1; then
            if [ "${#PODMAN[@]}" -gt 0 ]; then
                "${PODMAN[@]}" unshare rm -rf "$W/podman" >/dev/null 2>&1 || true
            else
                podman unshare rm -rf "$W/podman" >/dev/null 2>&1 || true
            fi
        fi
        rm -rf "$W" 2>/dev/null || true
    fi
    exit "$rc"
}

bench_workdir() {
    W=$(mktemp -d /tmp/nook-bench.XXXXXX)
    chmod 0755 "$W"
    trap bench_cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    ROOTFS=$W/rootfs
    bash "$REPO/scripts/busybox-rootfs.sh" "$ROOTFS"
    # End a user-namespace holder left by another build (NOOK_BASE's, an earlier run's): the
    # first run of $NOOK starts the one timed, which keeps spare namespaces ready.
    if [ -x "${NOOK:-}" ]; then "$NOOK" system migrate >/dev/null 2>&1 || true; fi
}

# works NAME CMD...: run CMD once; on failure print why NAME is skipped and return 1.
works() {
    local name=$1; shift
    if "$@" >"$W/probe.out" 2>"$W/probe.err" </dev/null; then return 0; fi
    skip "$name (\`$*\` failed: $(tail -n 3 "$W/probe.err" | tr '\n' ' '))"
    return 1
}

# podman_probe IMAGE DIR: storage driver overlay (native) -> overlay with fuse-overlayfs ->
# vfs; OCI runtime default -> runc -> crun; always --cgroup-manager cgroupfs --events-backend
# file. Sets PODMAN on success; prints why each combination failed.
podman_try() {
    local image=$1 dir=$2 drv runtime
    local -a drvopts rtopts base
    for drv in overlay fuse-overlayfs vfs; do
        case $drv in
            overlay) drvopts=(--storage-driver overlay) ;;
            fuse-overlayfs)
                command -v fuse-overlayfs >/dev/null 2>&1 || continue
                drvopts=(--storage-driver overlay
                         --storage-opt "overlay.mount_program=$(command -v fuse-overlayfs)") ;;
            vfs) drvopts=(--storage-driver vfs) ;;
        esac
        base=(podman --root "$W/podman/$drv/root" --runroot "$W/podman/$drv/run"
              --cgroup-manager cgroupfs --events-backend file "${drvopts[@]}")
        if ! tar -C "$dir" -c . | "${base[@]}" import -q - "$image" \
                >"$W/podman-import.out" 2>"$W/podman-import.err"; then
            echo "bench: podman storage $drv does not work here: $(tail -n 2 "$W/podman-import.err" | tr '\n' ' ')"
            continue
        fi
        for runtime in default runc crun; do
            rtopts=()
            if [ "$runtime" != default ]; then
                command -v "$runtime" >/dev/null 2>&1 || continue
                rtopts=(--runtime "$runtime")
            fi
            if "${base[@]}" "${rtopts[@]}" run --rm --network none "$image" true \
                    >"$W/podman-run.out" 2>"$W/podman-run.err" </dev/null; then
                PODMAN=("${base[@]}" "${rtopts[@]}")
                return 0
            fi
            echo "bench: podman ($drv, runtime $runtime) does not work here: $(tail -n 2 "$W/podman-run.err" | tr '\n' ' ')"
        done
    done
    return 1
}

podman_probe() {
    if ! command -v podman >/dev/null 2>&1; then
        skip "podman (not installed: apt-get install podman)"
        return 1
    fi
    if podman_try "$@" || { echo "bench: retrying after 'podman system migrate'";
                            podman system migrate >/dev/null 2>&1; podman_try "$@"; }; then
        echo "bench: podman command: ${PODMAN[*]}"
        if [ -s "$W/podman-run.err" ]; then
            echo "bench: podman warnings:"; sed 's/^/    /' "$W/podman-run.err"
        fi
        return 0
    fi
    skip "podman (no storage driver / OCI runtime combination works for $(id -un) here; see the lines above)"
    return 1
}
