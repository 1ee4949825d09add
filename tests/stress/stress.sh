#!/usr/bin/env bash
# stress.sh — nook's store under concurrency and SIGKILL (issue 23).
#
#   stress.sh [--seed N] [--workers N] [--seconds T] [--nook PATH] [--dir DIR] [--keep]
#
# In a fresh home of its own (HOME and every XDG directory under DIR), with a local registry
# (scripts/registry.sh: bb:v1, a small two-layer busybox, and big:v1 with an 8 MiB layer more)
# and archives from scripts/testimages.py, WORKERS shells run for T seconds a random mix of
# `pull`, `run --rm`, `tag`, `rmi`, `image prune`, `load`, `volume create` and `volume rm`
# (and, with STRESS_LIFECYCLE=1, `run -d`, `stop` and `rm`), while a killer sends SIGKILL to a
# random process of this nook (a command, a `nook __init`, a helper it started, a container's
# process) every 0.1 to 0.6 s. Then:
#   1. nothing of this nook may be left running, and nothing mounted under DIR;
#   2. `nook system check --max 0s` (full) must find no damaged image, layer or index and no
#      wrong size: what a SIGKILL may leave is leftovers (temporaries, partial downloads,
#      lock files, unused layers and blobs, a killed --rm container's record, a half-made or
#      half-removed volume), which `--repair` removes, said as such; after it the check must
#      be clean;
#   3. every image left must run.
# The seed (printed first) fixes each worker's sequence of operations and the killer's
# choices; the timing still differs between runs. Exit 0 when all holds, 1 otherwise.
# CI runs a short round (tests/stress.rs: seed 42, 3 workers, 20 s); by hand, a longer one:
#   bash tests/stress/stress.sh --seed $RANDOM --workers 6 --seconds 300
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
scripts=$(cd "$here/../../scripts" && pwd -P)
seed=${STRESS_SEED:-$(( $(date +%s) % 100000 ))}
workers=4
seconds=30
nook_src=${NOOK_BIN:-$(command -v nook || echo "$here/../../target/release/nook")}
dir=""
keep=0
while [ "$#" -gt 0 ]; do
    case "$1" in
        --seed) seed=$2; shift ;;
        --workers) workers=$2; shift ;;
        --seconds) seconds=$2; shift ;;
        --nook) nook_src=$2; shift ;;
        --dir) dir=$2; shift ;;
        --keep) keep=1 ;;
        *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
    esac
    shift
done
echo "stress: seed $seed, $workers workers, $seconds s (replay: $0 --seed $seed --workers $workers --seconds $seconds)"

[ -n "$dir" ] || dir=$(mktemp -d "${TMPDIR:-/tmp}/nook-stress-XXXXXX")
mkdir -p "$dir"
dir=$(cd "$dir" && pwd -P)
# A copy of its own: this run's processes are those whose executable it is.
mkdir -p "$dir/bin"
cp "$nook_src" "$dir/bin/nook"
NOOK=$dir/bin/nook
home=$dir/home
mkdir -p "$home/run" "$dir/logs"
chmod 700 "$home/run"
export HOME=$home XDG_DATA_HOME=$home/.local/share XDG_CONFIG_HOME=$home/.config \
    XDG_CACHE_HOME=$home/.cache XDG_STATE_HOME=$home/.local/state XDG_RUNTIME_DIR=$home/run
unset NOOK_STORAGE NOOK_STORAGE_DRIVER
nook() { "$NOOK" "$@"; }

failed=0
fail() { echo "stress: FAIL: $*"; failed=1; }

cleanup() {
    [ -n "${killer:-}" ] && kill "$killer" 2>/dev/null || true
    REGISTRY_PARENT_PID= bash "$scripts/registry.sh" stop "$dir/reg" >/dev/null 2>&1 || true
    if [ "$keep" = 0 ]; then
        nook system reset -f >/dev/null 2>&1 || true
        rm -rf "$dir" 2>/dev/null || true
    fi
}
trap cleanup EXIT

# Images: archives to load, a registry to pull from.
python3 "$scripts/testimages.py" "$dir/images" --sentinel "$dir/no-sentinel" >/dev/null
bash "$scripts/busybox-rootfs.sh" "$dir/rootfs" >/dev/null
python3 "$scripts/oci-busybox.py" "$dir/rootfs" "$dir/layout-bb" --tag v1 >/dev/null
python3 "$scripts/oci-busybox.py" "$dir/rootfs" "$dir/layout-big" --tag v1 --big 8 >/dev/null
reg=$(bash "$scripts/registry.sh" start "$dir/reg" plain)
bash "$scripts/registry.sh" push "$dir/reg" "oci:$dir/layout-bb:v1" bb:v1 >/dev/null
bash "$scripts/registry.sh" push "$dir/reg" "oci:$dir/layout-big:v1" big:v1 >/dev/null
pulls=("$reg/bb:v1" "$reg/big:v1")
loads=("$dir/images/busybox.oci.tar" "$dir/images/layers.oci.tar")
names=(busybox localhost/layers:1 "${pulls[@]}")

# The pids of this run's nook commands (argv[0] is this run's copy: nook makes itself
# non-dumpable, so /proc/PID/exe cannot be read), and two generations below them: `nook
# __init` (argv[0] /proc/self/exe), helpers, and containers' processes.
ours() {
    local p arg0
    for p in /proc/[0-9]*; do
        arg0=""
        { IFS= read -r -d '' arg0 < "$p/cmdline"; } 2>/dev/null || true
        if [ "$arg0" = "$NOOK" ]; then echo "${p#/proc/}"; fi
    done
    return 0
}
children() {
    [ "$#" -gt 0 ] || return 0
    ps -o pid= --ppid "$(IFS=,; echo "$*")" 2>/dev/null | tr -d ' ' || true
}
family() {
    local -a top kids
    mapfile -t top < <(ours)
    [ "${#top[@]}" -gt 0 ] || return 0
    mapfile -t kids < <(children "${top[@]}")
    printf '%s\n' "${top[@]}" "${kids[@]}"
    children "${kids[@]}"
}

worker() {
    local w=$1 deadline=$2 n=0 op img log="$dir/logs/worker-$1.log"
    RANDOM=$((seed * 100 + w))
    while [ "$(date +%s)" -lt "$deadline" ]; do
        n=$((n + 1))
        op=$((RANDOM % 20))
        img=${names[RANDOM % ${#names[@]}]}
        {
            case $op in
                0|1|2) echo "== pull"; nook pull -q --tls-verify=false "${pulls[RANDOM % ${#pulls[@]}]}" ;;
                3|4|5|6) echo "== run $img"; nook run --rm --pull=never --network none "$img" sh -c 'echo x > /tmp/f; ls / >/dev/null' ;;
                7) echo "== tag"; nook tag "$img" "localhost/t$w:$((RANDOM % 3))" ;;
                8|9) echo "== rmi"; nook rmi -f "$img" "localhost/t$w:$((RANDOM % 3))" ;;
                10) echo "== prune"; nook image prune -f ;;
                11) echo "== prune -a"; nook image prune -a -f ;;
                12|13|14) echo "== load"; nook load -i "${loads[RANDOM % ${#loads[@]}]}" ;;
                15|16) echo "== volume create"; nook volume create "v$w-$((RANDOM % 3))" ;;
                17) echo "== volume rm"; nook volume rm -f "v$w-$((RANDOM % 3))" ;;
                *)
                    if [ "${STRESS_LIFECYCLE:-0}" = 1 ]; then
                        # The lifecycle's commands (issue: run -d, stop, rm).
                        echo "== run -d/stop/rm"
                        nook run -d --name "d$w" --network none "$img" sleep 30 &&
                            nook stop -t 1 "d$w"; nook rm -f "d$w"
                    else
                        echo "== run --rm (volume)"
                        nook run --rm --pull=never --network none -v "v$w-0:/data" "$img" sh -c 'date > /data/d'
                    fi ;;
            esac
        } >>"$log" 2>&1 || true
        if grep -q "panicked" "$log"; then
            echo "stress: worker $w: nook panicked (see $log)"
            return 1
        fi
    done
}

killer() {
    RANDOM=$((seed * 100 + 99))
    local victims v what kills=0
    while :; do
        sleep "0.$((1 + RANDOM % 6))"
        mapfile -t victims < <(family)
        [ "${#victims[@]}" -gt 0 ] || continue
        v=${victims[RANDOM % ${#victims[@]}]}
        what=$({ tr '\0' ' ' < "/proc/$v/cmdline"; } 2>/dev/null | cut -c1-100) || true
        if kill -KILL "$v" 2>/dev/null; then
            kills=$((kills + 1))
            echo "$kills $v $what" >> "$dir/logs/kills.log"
        fi
    done
}

deadline=$(( $(date +%s) + seconds ))
killer & killer=$!
pids=()
for w in $(seq 1 "$workers"); do
    worker "$w" "$deadline" & pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || fail "a worker failed"; done
kill "$killer" 2>/dev/null || true
wait "$killer" 2>/dev/null || true
killer=""
ops=$(cat "$dir"/logs/worker-*.log | grep -c '^== ' || true)
touch "$dir/logs/kills.log"
kills=$(wc -l < "$dir/logs/kills.log")
echo "stress: $ops operations, $kills processes killed ($(grep -c ' __init' "$dir/logs/kills.log" || true) of them nook __init)"
[ "$kills" -gt 0 ] || fail "the killer killed nothing"

# 1. Nothing left running or mounted.
for _ in $(seq 1 50); do
    [ -z "$(family)" ] && break
    sleep 0.2
done
if [ -n "$(family)" ]; then
    fail "left running: $(family | xargs -r ps -o pid=,args= -p | tr '\n' ';')"
fi
if grep -F " $dir/" /proc/self/mountinfo; then
    fail "left mounted (above)"
fi

# 2. The store: damage is a failure, leftovers are what --repair removes.
report=$(nook system check --max 0s 2>&1) && rc=0 || rc=$?
if [ "$rc" != 0 ]; then
    echo "$report" | sed 's/^/  check: /'
    if echo "$report" | grep -E '^(Damaged image|Damaged layer|Wrong sizes)'; then
        fail "system check found damage (above)"
    fi
    repaired=$(nook system check --repair --max 0s 2>&1) || fail "system check --repair failed"
    echo "$repaired" | sed 's/^/  repair: /'
    again=$(nook system check --max 0s 2>&1) || fail "system check after --repair: $again"
    echo "stress: the leftovers above were removed by system check --repair"
else
    echo "stress: system check: clean"
fi

# 3. Every image left runs.
for id in $(nook images -q --no-trunc 2>/dev/null || nook images -q); do
    nook run --rm --pull=never --network none "$id" true || fail "image $id does not run"
done
echo "stress: $(nook images -q | wc -l) images left, each runs"
[ -z "$(family)" ] || fail "left running after the checks"

if [ "$failed" = 0 ]; then
    echo "stress: PASS (seed $seed)"
else
    echo "stress: FAILED (seed $seed; logs in $dir/logs, kept with --keep)"
fi
exit "$failed"
