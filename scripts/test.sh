#!/usr/bin/env bash
# test.sh — THE test command of nook (README: `bash scripts/test.sh`; CI: `.ci/run`).
#
# As root (CI: fresh Debian 12, CI=true, no stdin):
#   1. apt-get update + install the helpers the tests need (log in a file, printed on failure);
#   2. create the unprivileged test user `nooktest` with /etc/subuid and /etc/subgid ranges, a
#      supplementary group `nooktest-proj` (a project group, for --group-add keep-groups) and
#      a home of mode 0755 (a shared machine's: other users can enter it), and a second
#      unprivileged user `nookother` with no rights at all, whom only the test user may act as
#      (`sudo -n -u nookother`, a sudoers drop-in: the tests of what other users can reach);
#      chmod 0666 /dev/fuse and /dev/net/tun, create its XDG_RUNTIME_DIR (/run/user/UID, 0700);
#   3. cargo build --release, unit tests (cargo test --release --lib --bins);
#   4. build the integration test executables, copy them, target/release/nook and the source
#      tree (minus target/ and .git/) into a world-readable temp dir (the clone may live under /root, mode 0700), and
#      run each one AS nooktest with a clean environment;
#      The tests' temporary files go to $TMP/tmp (TMPDIR), removed at the end: files that
#      containers chowned to subordinate ids cannot be removed by the test user itself.
# As an ordinary user: steps 1 and 2 are skipped (each says so); the tests run as you.
#
# Then, as root, the subid suite (tests/subid/run.sh: the test user's ranges from a libsubid NSS
# plugin built with cc, nsswitch.conf changed only in a private mount namespace), which prints
# `subid: N passed, M failed`, or `subid suite: SKIPPED (reason)` (a failure under CI=true).
# Then, as root, the Slurm suite (tests/slurm/run.sh: a 3-node Slurm cluster on this machine,
# the cases submitted as the test user), which prints `slurm: N passed, M failed`, or
# `Slurm suite: SKIPPED (reason)` when it cannot run (a failure under CI=true).
# Then, as root, the VM suite (tests/vm/run.sh: limits, OOM and scopes under a real systemd and
# pure cgroup v2 in a qemu guest; image cached in /var/tmp/nook-vm), which prints its own
# `vm: N passed, M failed` line, or `VM suite: SKIPPED (reason)` when it cannot run.
# Then, as root, the package suite (tests/package/run.sh: packaging/build.sh's .deb, .rpm and
# vendored tarball, lintian, `apt install ./nook_*.deb` into a fresh Debian 12 root where a new
# user runs containers; cache in /var/tmp/nook-package), which prints `package: N passed, M
# failed`, or `package suite: SKIPPED (reason)` when it cannot run (a failure under CI=true).
# Last line of output: `integration: N passed, M failed`. Exit status is non-zero if anything
# failed (build, unit tests, an integration test executable, or the system check).
#
# Options:
#   --no-apt       do not run apt-get (packages already installed)
#   --setup-only   stop after the root setup (step 2)
#   --no-vm        skip the VM suite (tests/vm/run.sh; said loudly)
#   --no-slurm     skip the Slurm suite (tests/slurm/run.sh; said loudly)
#   --no-package   skip the package suite (tests/package/run.sh; said loudly)
#   -- ARGS...     extra arguments for every integration test executable (e.g. a test filter)
# Environment: NOOK_TEST_USER (default nooktest), NOOK_TEST_SUBID_START (default 200000),
#   NOOK_TEST_OTHER (the second user, default nookother; as an ordinary user: one you may run
#   commands as with `sudo -n -u`), NOOK_TEST_EXTRA_PACKAGES (more apt packages), KEEP_TMP=1
#   (keep the temp dir).
#
# The integration tests get: HOME USER LOGNAME PATH XDG_RUNTIME_DIR RUST_BACKTRACE=1
#   NOOK_BIN        the release binary (world-readable copy)
#   NOOK_REPO       copy of the source tree: read it instead of env!("CARGO_MANIFEST_DIR"),
#                   which the test user cannot read when the clone is under /root
#   NOOK_SCRIPTS    $NOOK_REPO/scripts (busybox-rootfs.sh ...)
#   NOOK_TESTS_DIR  $NOOK_REPO/tests (fixtures)
#   NOOK_TEST_ROOTFS a ready busybox rootfs built by scripts/busybox-rootfs.sh (owned by the runner
#                   of this script; read-only for the test user when that is root)
#   NOOK_TEST_DEBIAN the multi-layer Debian image of scripts/debian-image.sh (tags bookworm and
#                   bookworm-variant) as an OCI layout, read-only for the test user. As root it is
#                   built once into $NOOK_TEST_DEBIAN_CACHE (default /var/tmp/nook-debian; a few
#                   minutes on a fresh machine, seconds after) and rebuilt when the script changes;
#                   as an ordinary user it is taken from the environment.
#   NOOK_TEST_SMALLFS a 160 MiB tmpfs owned by the test user (mode 0700), mounted as root for the
#                   full-disk test (the Debian image's blobs fit, its base layer unpacked does not;
#                   the test fills it further to fail the download) and unmounted at the end; from
#                   the environment otherwise.
#   NOOK_TEST_OTHER the second user, whom the test user can run commands as (`sudo -n -u`).
#   NOOK_TEST_PROJECT_DIR a directory of root's, of the test user's project group, mode 2770
#                   (the --group-add keep-groups test), made as root; from the environment
#                   otherwise.
#   Without them the tests that need them (names containing `debian_`, `smallfs_`,
#   `two_users_`, `project_`) are filtered out with a loud `SKIPPED` line; under CI=true a missing image,
#   tmpfs or second user is a failure.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$REPO"

TEST_USER=${NOOK_TEST_USER:-nooktest}
OTHER_USER=${NOOK_TEST_OTHER:-nookother}
SUBID_START=${NOOK_TEST_SUBID_START:-200000}
SUBID_COUNT=65536
# shellcheck disable=SC2206 # NOOK_TEST_EXTRA_PACKAGES is a space-separated list
PACKAGES=(uidmap busybox-static slirp4netns passt socat iperf3 fuse-overlayfs bubblewrap procps bind9-dnsutils iptables
          iproute2 libseccomp-dev libc6-dev gcc python3 docker-registry skopeo apache2-utils openssl
          qemu-system-x86 debootstrap xz-utils e2fsprogs openssh-client sudo podman runc
           slurmd slurmctld slurm-client munge lintian rpm
           xvfb xauth x11-apps x11-xserver-utils weston wayland-utils
          ${NOOK_TEST_EXTRA_PACKAGES:-})

do_apt=1
setup_only=0
do_vm=1
do_slurm=1
do_package=1
test_args=()
while [ "$#" -gt 0 ]; do
    case "$1" in
        --no-apt) do_apt=0 ;;
        --setup-only) setup_only=1 ;;
        --no-vm) do_vm=0 ;;
        --no-slurm) do_slurm=0 ;;
        --no-package) do_package=0 ;;
        --) shift; test_args=("$@"); break ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "test.sh: unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

log() { printf '==> %s\n' "$*"; }
skip() { printf 'skipped: %s\n' "$*"; }
die() { printf 'test.sh: error: %s\n' "$*" >&2; exit 1; }

IS_ROOT=0
[ "$(id -u)" -eq 0 ] && IS_ROOT=1

TMP=$(mktemp -d /tmp/nook-test.XXXXXX)
chmod 0755 "$TMP"

cleanup() {
    local rc=$?
    if [ -n "${SMALLFS:-}" ] && mountpoint -q "$SMALLFS"; then umount "$SMALLFS" || true; fi
    if [ "${KEEP_TMP:-0}" = 1 ]; then
        echo "test.sh: kept $TMP" >&2
    else
        rm -rf "$TMP" 2>/dev/null || true
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- toolchain
find_cargo() {
    command -v cargo >/dev/null 2>&1 && return 0
    local d
    for d in "${CARGO_HOME:-}/bin" "$HOME/.cargo/bin" /usr/local/cargo/bin; do
        if [ -x "$d/cargo" ]; then
            PATH="$d:$PATH"
            export PATH
            return 0
        fi
    done
    die "cargo not found (install Rust >= the crate's rust-version, e.g. with rustup)"
}

python() {
    if [ -x /usr/bin/python3 ]; then /usr/bin/python3 "$@"; else python3 "$@"; fi
}

# ---------------------------------------------------------------- root setup
apt_install() {
    local aptlog=$TMP/apt.log
    export DEBIAN_FRONTEND=noninteractive
    log "apt-get update && apt-get install ${PACKAGES[*]} (log: $aptlog)"
    if ! { apt-get update -q &&
           apt-get install -y -q --no-install-recommends -o Dpkg::Use-Pty=0 "${PACKAGES[@]}"
         } </dev/null >"$aptlog" 2>&1; then
        cat "$aptlog" >&2
        die "apt-get failed (log above)"
    fi
}

# free_subid_start FILE: $SUBID_START if [start, start+count) overlaps no line of FILE, else the
# first multiple of 65536 after the highest range in FILE.
free_subid_start() {
    awk -F: -v want="$SUBID_START" -v count="$SUBID_COUNT" '
        NF >= 3 && $2 ~ /^[0-9]+$/ && $3 ~ /^[0-9]+$/ {
            s = $2 + 0; e = s + $3
            if (want < e && s < want + count) clash = 1
            if (e > max) max = e
        }
        END {
            if (!clash) { print want; exit }
            n = int((max + 65535) / 65536) * 65536
            print n
        }' "$1"
}

ensure_subids() { # ensure_subids FILE
    local f=$1 start
    touch "$f"
    if grep -q "^${TEST_USER}:" "$f" || grep -q "^$(id -u "$TEST_USER"):" "$f"; then
        log "$f already has a range for $TEST_USER: $(grep -E "^(${TEST_USER}|$(id -u "$TEST_USER")):" "$f" | tr '\n' ' ')"
        return 0
    fi
    start=$(free_subid_start "$f")
    echo "${TEST_USER}:${start}:${SUBID_COUNT}" >>"$f"
    log "added ${TEST_USER}:${start}:${SUBID_COUNT} to $f"
}

root_setup() {
    if [ "$do_apt" = 1 ]; then apt_install; else skip "apt-get (--no-apt)"; fi

    if ! id -u "$TEST_USER" >/dev/null 2>&1; then
        # SUB_*_COUNT=0: no automatic subordinate range, we choose it below.
        useradd -m -s /bin/bash -K SUB_UID_COUNT=0 -K SUB_GID_COUNT=0 "$TEST_USER"
        log "created user $TEST_USER"
    fi
    ensure_subids /etc/subuid
    ensure_subids /etc/subgid
    project_group_setup
    other_user_setup

    local dev
    for dev in /dev/fuse /dev/net/tun; do
        if [ -e "$dev" ]; then chmod 0666 "$dev"; log "chmod 0666 $dev"
        else skip "chmod $dev (does not exist)"; fi
    done

    TEST_UID=$(id -u "$TEST_USER")
    TEST_HOME=$(getent passwd "$TEST_USER" | cut -d: -f6)
    # A shared machine's home (Debian's default; useradd may have made it 0700): only nook's
    # own modes keep other users out of the store and the volumes in it.
    chmod 0755 "$TEST_HOME"
    log "chmod 0755 $TEST_HOME"
    RUNTIME_DIR=/run/user/$TEST_UID
    mkdir -p /run/user
    chmod 0755 /run/user
    mkdir -p "$RUNTIME_DIR"
    chown "$TEST_USER:" "$RUNTIME_DIR"
    chmod 0700 "$RUNTIME_DIR"
    log "XDG_RUNTIME_DIR for $TEST_USER: $RUNTIME_DIR"
}

# A supplementary group of the test user, as a shared machine's project group (the
# --group-add keep-groups test: a directory of that group, mode 2770). Idempotent.
project_group_setup() {
    local group
    group=$(printf '%s' "${TEST_USER}-proj" | cut -c1-32)
    if ! getent group "$group" >/dev/null; then
        groupadd "$group"
        log "created group $group (a project group of $TEST_USER)"
    fi
    if ! id -nG "$TEST_USER" | tr ' ' '\n' | grep -qx "$group"; then
        usermod -aG "$group" "$TEST_USER"
        log "added $TEST_USER to group $group"
    fi
}

# The second user: no subordinate ids, no groups, no rights; a sudoers drop-in lets the test
# user (and nobody else) run commands as it without a password, and nothing more.
other_user_setup() {
    if ! id -u "$OTHER_USER" >/dev/null 2>&1; then
        useradd -m -s /bin/bash -K SUB_UID_COUNT=0 -K SUB_GID_COUNT=0 "$OTHER_USER"
        log "created user $OTHER_USER (the other local user)"
    fi
    if ! command -v visudo >/dev/null 2>&1; then
        skip "sudoers drop-in for $TEST_USER as $OTHER_USER (sudo is not installed)"
        return 0
    fi
    # sudo ignores drop-ins whose names hold a '.' or end in '~'.
    local name drop tmp
    name=nook-test-$(printf '%s' "$TEST_USER" | tr -c 'A-Za-z0-9_-' '_')
    drop=/etc/sudoers.d/$name
    tmp=$(mktemp /etc/sudoers.d/.nook-test.XXXXXX)
    printf '# scripts/test.sh: %s may run commands as %s (tests of what other users can reach)\n%s ALL=(%s) NOPASSWD: ALL\n' \
        "$TEST_USER" "$OTHER_USER" "$TEST_USER" "$OTHER_USER" >"$tmp"
    chmod 0440 "$tmp"
    if ! visudo -cqf "$tmp" >/dev/null; then
        rm -f "$tmp"
        die "visudo refused the sudoers drop-in for $TEST_USER as $OTHER_USER"
    fi
    mv -f "$tmp" "$drop"
    log "$drop: $TEST_USER may run commands as $OTHER_USER (sudo -n -u $OTHER_USER)"
}

user_setup() {
    skip "apt-get install (not root; needs: ${PACKAGES[*]})"
    skip "creating user $TEST_USER and /etc/subuid, /etc/subgid ranges (not root; tests run as $(id -un))"
    skip "chmod 0666 /dev/fuse /dev/net/tun (not root)"
    skip "creating user $OTHER_USER and its sudoers drop-in (not root; NOOK_TEST_OTHER names one you may sudo -n -u to)"
    TEST_USER=$(id -un)
    TEST_UID=$(id -u)
    TEST_HOME=$HOME
    RUNTIME_DIR=${XDG_RUNTIME_DIR:-}
    if [ -z "$RUNTIME_DIR" ] && [ -d "/run/user/$TEST_UID" ]; then RUNTIME_DIR=/run/user/$TEST_UID; fi
    grep -q "^${TEST_USER}:" /etc/subuid 2>/dev/null ||
        echo "test.sh: note: no /etc/subuid range for $TEST_USER; tests needing one may fail" >&2
}

# ---------------------------------------------------------------- build
# artifacts JSONFILE KIND: executables of compiler artifacts whose target kind is KIND.
artifacts() {
    python - "$1" "$2" <<'EOF'
import json, sys
path, kind = sys.argv[1], sys.argv[2]
seen = []
with open(path) as f:
    for line in f:
        line = line.strip()
        if not line.startswith("{"):
            continue
        m = json.loads(line)
        if m.get("reason") != "compiler-artifact" or not m.get("executable"):
            continue
        if m["target"]["kind"] == [kind] and m["executable"] not in seen:
            seen.append(m["executable"])
for e in seen:
    print(e)
EOF
}

build() {
    python -c 'import json' 2>/dev/null || die "python3 is needed to read cargo's JSON (apt-get install python3)"
    local locked=()
    if [ -f Cargo.lock ]; then locked=(--locked); fi
    log "cargo build --release ${locked[*]}"
    cargo build --release "${locked[@]}" --message-format=json-render-diagnostics >"$TMP/build.json" ||
        die "cargo build failed"
    NOOK_BUILT=$(artifacts "$TMP/build.json" bin | awk '/\/nook$/' | tail -n 1)
    [ -n "$NOOK_BUILT" ] || NOOK_BUILT=${CARGO_TARGET_DIR:-$REPO/target}/release/nook
    [ -x "$NOOK_BUILT" ] || die "no nook binary at $NOOK_BUILT"

    log "cargo test --release --lib --bins (unit tests)"
    cargo test --release "${locked[@]}" --lib --bins </dev/null || die "unit tests failed"

    log "cargo test --release --no-run --tests (integration test executables)"
    cargo test --release "${locked[@]}" --no-run --tests --message-format=json-render-diagnostics \
        >"$TMP/tests.json" || die "building the integration tests failed"
    mapfile -t TEST_EXES < <(artifacts "$TMP/tests.json" test)
}

# Copy what the test user runs to the world-readable $TMP.
stage() {
    mkdir -p "$TMP/bin" "$TMP/tests-bin"
    install -m 0755 "$NOOK_BUILT" "$TMP/bin/nook"
    NOOK=$TMP/bin/nook
    # A copy of the source tree (without target/ and .git/): tests must not read
    # CARGO_MANIFEST_DIR, which the test user cannot reach when the clone is under /root.
    mkdir -p "$TMP/repo"
    tar -C "$REPO" --exclude=./target --exclude=./.git -cf - . | tar -C "$TMP/repo" -xf -
    mkdir -p "$TMP/repo/scripts" "$TMP/repo/tests"
    STAGED_TESTS=()
    local exe
    for exe in "${TEST_EXES[@]}"; do
        install -m 0755 "$exe" "$TMP/tests-bin/$(basename "$exe")"
        STAGED_TESTS+=("$TMP/tests-bin/$(basename "$exe")")
    done
    ROOTFS=$TMP/rootfs/busybox
    bash "$TMP/repo/scripts/busybox-rootfs.sh" "$ROOTFS"
    chmod -R a+rX "$TMP/bin" "$TMP/repo" "$TMP/tests-bin"
    chmod 0755 "$TMP/rootfs"
    mkdir -p "$TMP/tmp"
    chmod 1777 "$TMP/tmp"
}

# ---------------------------------------------------------------- Debian image, small fs
SKIP_ARGS=()
SKIPPED=()
# unavailable WHAT FILTER REASON: under CI a failure, else a loud skip of the tests named FILTER.
unavailable() {
    if [ "${CI:-}" = true ]; then
        echo "test.sh: $1 unavailable under CI=true ($3): the tests that need it will fail" >&2
        STATUS=1
        return 0
    fi
    local line="!!!!!!!! $1 tests: SKIPPED ($3) !!!!!!!!"
    echo "$line"
    SKIPPED+=("$line")
    SKIP_ARGS+=(--skip "$2")
}

debian_image() {
    DEBIAN=
    if [ "$IS_ROOT" = 0 ]; then
        if [ -f "${NOOK_TEST_DEBIAN:-/nonexistent}/index.json" ]; then
            DEBIAN=$NOOK_TEST_DEBIAN
            log "Debian image from the environment: $DEBIAN"
        else
            unavailable "Debian image" debian_ "not root and NOOK_TEST_DEBIAN is not set: build it with scripts/debian-image.sh"
        fi
        return 0
    fi
    local cache=${NOOK_TEST_DEBIAN_CACHE:-/var/tmp/nook-debian} stamp start
    stamp=$(sha256sum "$REPO/scripts/debian-image.sh" | cut -d' ' -f1)
    mkdir -p "$cache"
    chmod 0755 "$cache"
    if [ -f "$cache/image/index.json" ] && [ "$(cat "$cache/image.stamp" 2>/dev/null)" = "$stamp" ]; then
        log "Debian image: cached in $cache/image"
    else
        start=$(date +%s)
        log "building the Debian image into $cache/image (once; log: $TMP/debian-image.log)"
        rm -rf "$cache/image.new"
        if bash "$REPO/scripts/debian-image.sh" "$cache/image.new" --cache-dir "$cache/cache" \
                --variant bookworm-variant </dev/null >"$TMP/debian-image.log" 2>&1; then
            rm -rf "$cache/image"
            mv "$cache/image.new" "$cache/image"
            echo "$stamp" >"$cache/image.stamp"
            log "Debian image built in $(( $(date +%s) - start )) s"
        else
            cat "$TMP/debian-image.log" >&2
            unavailable "Debian image" debian_ "scripts/debian-image.sh failed (log above)"
            return 0
        fi
    fi
    chmod -R a+rX "$cache/image"
    DEBIAN=$cache/image
}

small_fs() {
    SMALLFS=
    if [ "$IS_ROOT" = 0 ]; then
        if [ -d "${NOOK_TEST_SMALLFS:-/nonexistent}" ]; then
            SMALLFS_ENV=$NOOK_TEST_SMALLFS
        else
            unavailable "full disk" smallfs_ "not root (mounts a tmpfs) and NOOK_TEST_SMALLFS is not set"
        fi
        return 0
    fi
    mkdir -p "$TMP/smallfs"
    if mount -t tmpfs -o "size=160m,mode=0700,uid=$TEST_UID,gid=$(id -g "$TEST_USER")" nook-smallfs "$TMP/smallfs"; then
        SMALLFS=$TMP/smallfs
        SMALLFS_ENV=$SMALLFS
        log "full disk: 160 MiB tmpfs on $SMALLFS"
    else
        unavailable "full disk" smallfs_ "mount -t tmpfs failed"
    fi
}

# A project directory as a shared machine has them: root's, of the test user's project group,
# mode 2770 (the keep-groups test: only the group's rights let the container in).
project_dir() {
    PROJECT_ENV=
    if [ "$IS_ROOT" = 0 ]; then
        if [ -d "${NOOK_TEST_PROJECT_DIR:-/nonexistent}" ]; then
            PROJECT_ENV=$NOOK_TEST_PROJECT_DIR
        else
            unavailable "project directory" project_ "not root and NOOK_TEST_PROJECT_DIR (a directory of one of your groups, not yours, mode 2770) is not set"
        fi
        return 0
    fi
    local group
    group=$(printf '%s' "${TEST_USER}-proj" | cut -c1-32)
    mkdir -p "$TMP/project"
    chown "root:$group" "$TMP/project"
    chmod 2770 "$TMP/project"
    PROJECT_ENV=$TMP/project
    log "project directory: $PROJECT_ENV (root:$group, 2770)"
}

# The second user, if the test user can act as it: else the two_users_ tests are skipped
# (a failure under CI).
other_user() {
    OTHER_ENV=
    if ! command -v sudo >/dev/null 2>&1; then
        unavailable "second user" two_users_ "sudo is not installed"
    elif ! id -u "$OTHER_USER" >/dev/null 2>&1; then
        unavailable "second user" two_users_ "no user $OTHER_USER (NOOK_TEST_OTHER)"
    elif ! as_test_user sudo -n -u "$OTHER_USER" -- true >/dev/null 2>&1; then
        unavailable "second user" two_users_ "$TEST_USER cannot run commands as $OTHER_USER with sudo -n -u"
    else
        OTHER_ENV=$OTHER_USER
        log "second user: $OTHER_USER ($TEST_USER runs commands as it with sudo -n -u)"
    fi
}

# as_test_user CMD...: run CMD as the test user, in a clean environment, from $TMP, no stdin.
as_test_user() {
    local envv=(HOME="$TEST_HOME" PATH=/usr/local/bin:/usr/bin:/bin USER="$TEST_USER"
                LOGNAME="$TEST_USER" NOOK_BIN="$NOOK" NOOK_REPO="$TMP/repo"
                NOOK_SCRIPTS="$TMP/repo/scripts" NOOK_TESTS_DIR="$TMP/repo/tests"
                NOOK_TEST_ROOTFS="$ROOTFS" TMPDIR="$TMP/tmp" RUST_BACKTRACE=1)
    [ -n "$RUNTIME_DIR" ] && envv+=(XDG_RUNTIME_DIR="$RUNTIME_DIR")
    [ -n "${DEBIAN:-}" ] && envv+=(NOOK_TEST_DEBIAN="$DEBIAN")
    [ -n "${SMALLFS_ENV:-}" ] && envv+=(NOOK_TEST_SMALLFS="$SMALLFS_ENV")
    [ -n "${OTHER_ENV:-}" ] && envv+=(NOOK_TEST_OTHER="$OTHER_ENV")
    [ -n "${PROJECT_ENV:-}" ] && envv+=(NOOK_TEST_PROJECT_DIR="$PROJECT_ENV")
    [ -n "${CI:-}" ] && envv+=(CI="$CI")
    if [ "$IS_ROOT" = 1 ]; then
        (cd "$TMP" && runuser -u "$TEST_USER" -- env -i "${envv[@]}" "$@" </dev/null)
    else
        (cd "$TMP" && env -i "${envv[@]}" "$@" </dev/null)
    fi
}

# ---------------------------------------------------------------- integration tests
PASSED=0
FAILED=0
run_integration() {
    local exe name out rc line seen
    if [ "${#STAGED_TESTS[@]}" -eq 0 ]; then
        echo "test.sh: note: no integration test executables (tests/*.rs) were built"
    fi
    for exe in "${STAGED_TESTS[@]}"; do
        name=$(basename "$exe")
        out=$TMP/$name.log
        log "integration: $name as $TEST_USER"
        rc=0
        as_test_user "$exe" --test-threads=2 "${SKIP_ARGS[@]}" "${test_args[@]}" 2>&1 | tee "$out" || rc=$?
        seen=0
        while IFS= read -r line; do
            if [[ $line =~ test\ result:\ [A-Za-z]+\.\ ([0-9]+)\ passed\;\ ([0-9]+)\ failed ]]; then
                PASSED=$((PASSED + BASH_REMATCH[1]))
                FAILED=$((FAILED + BASH_REMATCH[2]))
                seen=1
            fi
        done <"$out"
        if [ "$rc" -ne 0 ]; then
            echo "test.sh: $name exited with status $rc"
            # A crash (signal, abort) prints no result line: count it as one failure.
            if [ "$seen" = 0 ]; then FAILED=$((FAILED + 1)); fi
            STATUS=1
        fi
    done
}

# ---------------------------------------------------------------- subid suite
SUBID_LINE=
run_subid() {
    local out=$TMP/subid.log rc=0
    log "subid suite (tests/subid/run.sh: ranges from a libsubid plugin, log: $out)"
    # Outside root it says SKIPPED itself (and fails under CI=true).
    NOOK_TEST_SUBID_START=$SUBID_START bash "$REPO/tests/subid/run.sh" "$NOOK" "$TEST_USER" 2>&1 |
        tee "$out" || rc=$?
    SUBID_LINE=$(grep -E '^subid: [0-9]+ passed, [0-9]+ failed$' "$out" | tail -n 1)
    if [ "$rc" -ne 0 ]; then
        [ -n "$SUBID_LINE" ] || SUBID_LINE="subid: 0 passed, 1 failed"
        STATUS=1
    fi
}

# ---------------------------------------------------------------- Slurm suite
SLURM_LINE=
run_slurm() {
    local out=$TMP/slurm.log rc=0
    if [ "$do_slurm" = 0 ]; then
        echo "!!!!!!!! Slurm suite: SKIPPED (--no-slurm) !!!!!!!!"
        return 0
    fi
    log "Slurm suite (tests/slurm/run.sh, log: $out)"
    # Outside root it says SKIPPED itself (and fails under CI=true).
    SLURM_NO_APT=$((1 - do_apt)) bash "$REPO/tests/slurm/run.sh" "$NOOK" "$TEST_USER" 2>&1 | tee "$out" || rc=$?
    SLURM_LINE=$(grep -E '^slurm: [0-9]+ passed, [0-9]+ failed$' "$out" | tail -n 1)
    if [ "$rc" -ne 0 ]; then
        [ -n "$SLURM_LINE" ] || SLURM_LINE="slurm: 0 passed, 1 failed"
        STATUS=1
    fi
}

# ---------------------------------------------------------------- VM suite
VM_LINE=
run_vm() {
    local why= out=$TMP/vm.log rc=0
    if [ "$do_vm" = 0 ]; then why="--no-vm"
    elif [ "$IS_ROOT" = 0 ]; then why="needs root (debootstrap, the image)"
    elif ! command -v qemu-system-x86_64 >/dev/null 2>&1; then why="qemu-system-x86_64 not installed"
    elif ! command -v debootstrap >/dev/null 2>&1; then why="debootstrap not installed"
    elif ! qemu-system-x86_64 -machine q35 -accel tcg -display none -nodefaults -S \
            -no-user-config -monitor none -serial none -daemonize -pidfile "$TMP/qemu-probe.pid" \
            >/dev/null 2>&1; then why="qemu cannot start here"
    fi
    if [ -s "$TMP/qemu-probe.pid" ]; then kill "$(cat "$TMP/qemu-probe.pid")" 2>/dev/null || true; fi
    if [ -n "$why" ]; then
        echo "!!!!!!!! VM suite: SKIPPED ($why) !!!!!!!!"
        return 0
    fi
    log "VM suite (tests/vm/run.sh, log: $out)"
    bash "$REPO/tests/vm/run.sh" "$NOOK" 2>&1 | tee "$out" || rc=$?
    VM_LINE=$(grep -E '^vm: [0-9]+ passed, [0-9]+ failed$' "$out" | tail -n 1)
    if [ "$rc" -ne 0 ] || [ -z "$VM_LINE" ]; then
        [ -n "$VM_LINE" ] || VM_LINE="vm: 0 passed, 1 failed"
        STATUS=1
    fi
}

# ---------------------------------------------------------------- package suite
PACKAGE_LINE=
run_package() {
    local out=$TMP/package.log rc=0
    if [ "$do_package" = 0 ]; then
        echo "!!!!!!!! package suite: SKIPPED (--no-package) !!!!!!!!"
        return 0
    fi
    log "package suite (tests/package/run.sh, log: $out)"
    # Outside root it says SKIPPED itself (and fails under CI=true).
    # The release binary just built and tested goes into the packages (no second, dist build).
    NOOK_TEST_SUBID_START=$SUBID_START PACKAGE_NO_APT=$((1 - do_apt)) \
        NOOK_PACKAGE_BINARY=$REPO/target/release/nook \
        bash "$REPO/tests/package/run.sh" 2>&1 | tee "$out" || rc=$?
    PACKAGE_LINE=$(grep -E '^package: [0-9]+ passed, [0-9]+ failed$' "$out" | tail -n 1)
    if [ "$rc" -ne 0 ]; then
        [ -n "$PACKAGE_LINE" ] || PACKAGE_LINE="package: 0 passed, 1 failed"
        STATUS=1
    fi
}

# ---------------------------------------------------------------- main
STATUS=0
if [ "$IS_ROOT" = 1 ]; then root_setup; else user_setup; fi
if [ "$setup_only" = 1 ]; then
    log "setup done (--setup-only): user $TEST_USER uid $TEST_UID, XDG_RUNTIME_DIR=$RUNTIME_DIR"
    exit 0
fi

find_cargo
build
stage
debian_image
small_fs
project_dir
other_user
run_integration
# The suites after this one start without the test user's namespace holder: it lives on for
# its idle time, and replaces on its own clock a spare that a killed run had claimed.
as_test_user "$NOOK" system migrate >/dev/null 2>&1 || true
run_subid
run_slurm
run_vm
run_package

for line in "${SKIPPED[@]}"; do echo "$line"; done
[ -z "$SUBID_LINE" ] || echo "$SUBID_LINE"
[ -z "$SLURM_LINE" ] || echo "$SLURM_LINE"
[ -z "$VM_LINE" ] || echo "$VM_LINE"
[ -z "$PACKAGE_LINE" ] || echo "$PACKAGE_LINE"
echo "integration: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ] || STATUS=1
exit "$STATUS"
