#!/usr/bin/env bash
# tests/package/run.sh — the package suite: nook as a distribution installs it.
# Builds the packages (packaging/build.sh: .deb, .rpm, vendored tarball), then:
#   - lintian on the .deb: no errors (warnings printed, each explained in packaging/README.md);
#   - the .rpm: its Requires (shadow-utils) and files (rpm -qp, when rpm is installed);
#   - the vendored tarball builds with `cargo build --offline --frozen` with an EMPTY CARGO_HOME
#     (no registry, no cache: only vendor/);
#   - a FRESH Debian 12 root (debootstrap --variant=minbase from deb.debian.org; the .debs are
#     cached as a debootstrap tarball in $NOOK_PACKAGE_CACHE, default /var/tmp/nook-package, so a
#     rerun only unpacks and configures them), `apt-get install ./nook_*.deb` in it, and checks:
#     the dependencies came in (uidmap with a setuid newuidmap, the recommends), every man page
#     of man/, the completions, the systemd user generator, the docs, the AppArmor profile parses
#     (with apparmor_parser 4, which knows `userns,`: Debian 12's 3.0 does not, see below);
#   - a new ordinary user of that root, given subordinate ids the Debian way
#     (usermod --add-subuids), runs containers right away: a busybox rootfs, and an image loaded
#     with `nook load` from an OCI archive (no registry).
# The root is entered through a private mount and PID namespace (unshare) and pivot_root, not
# chroot: the kernel refuses CLONE_NEWUSER to a chrooted process, and rootless nook needs it.
# /proc, /sys, /dev and /run are mounted inside that namespace only, so they go away with it on
# every exit path, and so do the processes (the user-namespace holder) when its PID 1 exits.
# The root shares the host's kernel: user namespaces must be allowed there
# (user.max_user_namespaces > 0), and /dev/fuse and /dev/net/tun are the host's (bind-mounted).
# Needs root, debootstrap, lintian, unshare and pivot_root (util-linux); installs the missing
# ones with apt unless PACKAGE_NO_APT=1. Outside root it prints a SKIPPED line and exits 0
# (under CI=true: a failure). Last line: `package: N passed, M failed`. KEEP_PACKAGE=1 keeps
# the work directory.
# Debian 12's apparmor_parser (3.0.8) cannot parse `userns,` (Ubuntu 24.04's 4.0 rule), so the
# profile is parsed with Debian 13's apparmor_parser run on Debian 13's libc (apt-get download of
# apparmor and libc6 from trixie into the cache, run through that libc's ld.so): no install.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$HERE/../.." && pwd -P)
MIRROR=${NOOK_PACKAGE_MIRROR:-http://deb.debian.org/debian}
CACHE=${NOOK_PACKAGE_CACHE:-/var/tmp/nook-package}
# The ordinary user of the fresh root: a uid no host user is likely to have (its processes are
# found by it). Its subordinate ids are given explicitly (useradd would pick 100000, which
# the host's own test users may have): NOOK_TEST_SUBID_START, 65536 of them.
PUSER=nookpkg
PUID=${NOOK_PACKAGE_UID:-46001}
SUBID_START=${NOOK_TEST_SUBID_START:-400000}

skip() {
    echo "!!!!!!!! package suite: SKIPPED ($1) !!!!!!!!"
    if [ "${CI:-}" = true ]; then echo "package: 0 passed, 1 failed"; exit 1; fi
    exit 0
}
[ "$(id -u)" = 0 ] || skip "needs root (debootstrap, mount namespaces)"
[ "$(cat /proc/sys/user/max_user_namespaces 2>/dev/null || echo 0)" -gt 0 ] ||
    skip "user namespaces are disabled on this kernel (user.max_user_namespaces=0)"
if [ "$(cat /proc/sys/kernel/unprivileged_userns_clone 2>/dev/null || echo 1)" != 1 ]; then
    skip "unprivileged user namespaces are disabled (kernel.unprivileged_userns_clone=0)"
fi
PKGS=(debootstrap lintian util-linux rpm python3)
missing=()
for p in "${PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
    [ "${PACKAGE_NO_APT:-0}" = 1 ] && skip "packages missing: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" \
        >/tmp/nook-package-apt.log 2>&1 ||
        skip "apt-get install ${missing[*]} failed (log: /tmp/nook-package-apt.log)"
fi
for c in debootstrap lintian unshare pivot_root python3; do
    command -v "$c" >/dev/null 2>&1 || skip "$c not found"
done

start=$(date +%s)
mkdir -p "$CACHE"
WORK=$(mktemp -d /var/tmp/nook-pkgtest.XXXXXX)
chmod 0755 "$WORK"
ROOT=$WORK/root
LOG=$WORK/log
mkdir -p "$LOG"

finish() {
    local rc=$? pids
    # Processes of the root's user (uid $PUID): none should outlive their PID namespace.
    pids=$(pgrep -U "$PUID" 2>/dev/null | tr '\n' ' ')
    if [ -n "$pids" ]; then
        echo "package: processes of uid $PUID left behind: $pids (killed)" >&2
        # shellcheck disable=SC2086
        kill -9 $pids 2>/dev/null
    fi
    if grep -q " $WORK" /proc/self/mountinfo; then
        echo "package: mounts under $WORK left behind (unmounting):" >&2
        grep " $WORK" /proc/self/mountinfo >&2
        umount -R -l "$ROOT" 2>/dev/null
    fi
    if [ "${KEEP_PACKAGE:-0}" = 1 ]; then echo "package: kept $WORK"; else rm -rf "$WORK"; fi
    exit "$rc"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

PASSED=0
FAILED=0
ok() { PASSED=$((PASSED + 1)); echo "ok: $*"; }
bad() { FAILED=$((FAILED + 1)); echo "FAILED: $*"; }
# check NAME CMD...: one case; its output goes to $LOG/NAME.log, shown when it fails.
check() {
    local name=$1; shift
    if "$@" >"$LOG/$name.log" 2>&1; then ok "$name"
    else bad "$name"; sed 's/^/    /' "$LOG/$name.log" | tail -n 40; fi
}
the_end() {
    echo "package suite: $(( $(date +%s) - start )) s"
    echo "package: $PASSED passed, $FAILED failed"
    [ "$FAILED" -eq 0 ]
    exit $?
}

# in_root CMD...: run CMD (as root) in the Debian root, in a private mount and PID namespace
# with /proc, /sys, /dev, /run and the apt cache mounted, after pivot_root. Everything it
# mounted and started ends with it.
in_root() {
    ROOT=$ROOT CACHE=$CACHE unshare --mount --pid --fork --propagation private -- \
        /bin/sh -euc '
            mount --bind "$ROOT" "$ROOT"
            mount -t proc proc "$ROOT/proc"
            mount -t sysfs sysfs "$ROOT/sys"
            mount --rbind /dev "$ROOT/dev"
            mount -t tmpfs -o mode=0755,nosuid,nodev tmpfs "$ROOT/run"
            mkdir -p "$CACHE/apt-archives/partial" "$ROOT/var/cache/apt/archives"
            mount --bind "$CACHE/apt-archives" "$ROOT/var/cache/apt/archives"
            cd "$ROOT"
            mkdir -p .oldroot
            pivot_root . .oldroot
            umount -l /.oldroot
            rmdir /.oldroot
            cd /
            exec env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
                DEBIAN_FRONTEND=noninteractive "$@"' in_root "$@"
}

# ---------------------------------------------------------------- build
if [ "${NOOK_PACKAGE_PREBUILT:-0}" = 1 ]; then
    # For working on this script: the packages already in target/packages (no case counted).
    echo "!!!!!!!! package suite: build SKIPPED (NOOK_PACKAGE_PREBUILT=1): target/packages as it is !!!!!!!!"
else
    echo "==> packaging/build.sh (log: $LOG/build.log)"
    if bash "$REPO/packaging/build.sh" >"$LOG/build.log" 2>&1; then ok build
    else bad build; tail -n 40 "$LOG/build.log"; the_end; fi
fi
PKG=$REPO/target/packages
DEB=$(ls "$PKG"/nook_*.deb 2>/dev/null | head -n 1)
RPM=$(ls "$PKG"/nook-*.rpm 2>/dev/null | head -n 1)
TARBALL=$(ls "$PKG"/nook-*-vendored.tar.gz 2>/dev/null | head -n 1)
VERSION=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$REPO/Cargo.toml" | head -n 1)
check artifacts test -f "$DEB" -a -f "$RPM" -a -f "$TARBALL"

# ---------------------------------------------------------------- the .deb, the .rpm, the spec
lintian_clean() {
    lintian --tag-display-limit 0 --info --fail-on error "$DEB" | tee "$LOG/lintian.out"
    local rc=${PIPESTATUS[0]}
    ! grep -q '^E: ' "$LOG/lintian.out" && [ "$rc" = 0 ]
}
check lintian lintian_clean
grep -E '^[WI]: ' "$LOG/lintian.out" 2>/dev/null | sed 's/^/    lintian /'

deb_fields() {
    local f
    f=$(dpkg-deb -f "$DEB" Depends Recommends)
    echo "$f"
    echo "$f" | grep -q '^Depends: .*\buidmap\b' &&
        echo "$f" | grep -q '^Recommends: .*slirp4netns | passt' &&
        echo "$f" | grep -q 'fuse-overlayfs' && echo "$f" | grep -q 'dbus-user-session'
}
check deb-fields deb_fields

rpm_contents() {
    command -v rpm >/dev/null || { echo "rpm is not installed"; return 1; }
    [ -f "$RPM" ] || { echo "no nook-*.rpm in target/packages"; return 1; }
    rpm -qp --requires "$RPM" | tee "$LOG/rpm-requires"
    grep -q '^shadow-utils' "$LOG/rpm-requires" || { echo "no Requires: shadow-utils"; return 1; }
    rpm -qpl "$RPM" >"$LOG/rpm-files"
    local want
    for want in /usr/bin/nook /usr/lib/systemd/user-generators/nook-user-generator \
            /etc/apparmor.d/nook /usr/share/bash-completion/completions/nook \
            /usr/share/zsh/site-functions/_nook /usr/share/fish/vendor_completions.d/nook.fish; do
        grep -qx "$want" "$LOG/rpm-files" || { echo "the rpm lacks $want"; return 1; }
    done
    for m in "$REPO"/man/*.1; do
        grep -q "/usr/share/man/man1/$(basename "$m")" "$LOG/rpm-files" ||
            { echo "the rpm lacks the man page $(basename "$m")"; return 1; }
    done
}
check rpm rpm_contents

spec_version() {
    grep -Eq "^Version: +$VERSION$" "$REPO/packaging/rpm/nook.spec" &&
        grep -q "^Source0: .*nook-%{version}-vendored.tar.gz" "$REPO/packaging/rpm/nook.spec"
}
check spec-version spec_version

# The vendored tarball, unpacked where the cache keeps its target dir (a rerun is incremental),
# built with a CARGO_HOME that has nothing in it: only vendor/ can satisfy the build.
vendored_build() {
    local src=$CACHE/src
    [ -f "$TARBALL" ] || { echo "no nook-*-vendored.tar.gz in target/packages"; return 1; }
    rm -rf "$src" "$WORK/cargo-home"
    mkdir -p "$src" "$WORK/cargo-home"
    tar -C "$src" -xzf "$TARBALL"
    (cd "$src/nook-$VERSION" && CARGO_HOME=$WORK/cargo-home CARGO_TARGET_DIR=$CACHE/vendored-target \
        cargo build --offline --frozen) || return 1
    "$CACHE/vendored-target/debug/nook" --version
}
echo "==> building the vendored tarball offline (log: $LOG/vendored-offline-build.log)"
check vendored-offline-build vendored_build

# ---------------------------------------------------------------- a fresh Debian 12
TGZ=$CACHE/bookworm-minbase.tgz
if [ ! -s "$TGZ" ]; then
    echo "==> debootstrap --make-tarball (once; cached in $TGZ)"
    rm -rf "$WORK/mk"
    if debootstrap --variant=minbase --make-tarball="$TGZ.new" bookworm "$WORK/mk" "$MIRROR" \
            >"$LOG/make-tarball.log" 2>&1; then
        mv "$TGZ.new" "$TGZ"
    else
        tail -n 20 "$LOG/make-tarball.log"
        bad "debootstrap --make-tarball (mirror $MIRROR)"
        the_end
    fi
fi
echo "==> debootstrap --variant=minbase bookworm (from $TGZ; log: $LOG/debootstrap.log)"
if debootstrap --variant=minbase --unpack-tarball="$TGZ" bookworm "$ROOT" "$MIRROR" \
        >"$LOG/debootstrap.log" 2>&1; then ok debootstrap
else bad debootstrap; tail -n 20 "$LOG/debootstrap.log"; the_end; fi
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
# No daemon starts from a package's maintainer script in this root (dbus, the usual chroot rule).
printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"
chmod 0755 "$ROOT/usr/sbin/policy-rc.d"
echo "deb $MIRROR bookworm main" >"$ROOT/etc/apt/sources.list"
cp "$DEB" "$ROOT/tmp/"
echo "==> apt-get install ./$(basename "$DEB") in the fresh root (log: $LOG/apt-install.log)"
check apt-install in_root sh -c 'apt-get update -q && apt-get install -y -q ./tmp/nook_*.deb'

installed() {
    in_root sh -c '
        set -e
        dpkg -s uidmap | grep -q "^Status: install ok installed"
        test -u /usr/bin/newuidmap || { echo "newuidmap is not setuid"; exit 1; }
        test -u /usr/bin/newgidmap || { echo "newgidmap is not setuid"; exit 1; }
        dpkg -s fuse-overlayfs dbus-user-session >/dev/null
        dpkg -s slirp4netns >/dev/null 2>&1 || dpkg -s passt >/dev/null
        /usr/bin/nook --version'
}
check dependencies installed

files_in_place() {
    local m f
    for m in "$REPO"/man/*.1; do
        f=$ROOT/usr/share/man/man1/$(basename "$m").gz
        [ -s "$f" ] || { echo "missing man page $f"; return 1; }
        cmp -s <(gzip -dc "$f") "$m" || { echo "$f differs from man/$(basename "$m")"; return 1; }
    done
    for f in usr/share/bash-completion/completions/nook usr/share/zsh/vendor-completions/_nook \
            usr/share/fish/vendor_completions.d/nook.fish usr/share/doc/nook/copyright \
            usr/share/doc/nook/changelog.Debian.gz usr/share/doc/nook/README.md \
            etc/apparmor.d/nook; do
        [ -s "$ROOT/$f" ] || { echo "missing /$f"; return 1; }
    done
    f=$ROOT/usr/lib/systemd/user-generators/nook-user-generator
    [ -x "$f" ] && cmp -s "$f" "$REPO/packaging/systemd/nook-user-generator" ||
        { echo "missing or different /usr/lib/systemd/user-generators/nook-user-generator"; return 1; }
    echo "$(ls "$ROOT/usr/share/man/man1" | grep -c '^nook') man pages, completions, generator, docs"
}
check files files_in_place

# apparmor_parser 4 (Debian 13's, on Debian 13's libc), cached: parses the installed profile,
# and refuses a broken one (the check can fail).
apparmor_parses() {
    local aa=$CACHE/apparmor-4 lib
    if [ ! -x "$aa/x/usr/sbin/apparmor_parser" ]; then
        rm -rf "$aa"; mkdir -p "$aa/lists/partial" "$aa/cache/archives/partial" "$aa/x"
        echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $MIRROR trixie main" \
            >"$aa/sources.list"
        local A=(-o Dir::Etc::SourceList="$aa/sources.list" -o Dir::Etc::SourceParts=/nonexistent
                 -o Dir::State::Lists="$aa/lists" -o Dir::Cache="$aa/cache"
                 -o Dir::State::status=/dev/null -o APT::Sandbox::User=root)
        apt-get "${A[@]}" update -q && (cd "$aa" && apt-get "${A[@]}" download apparmor libc6) ||
            return 1
        dpkg-deb -x "$aa"/apparmor_*.deb "$aa/x" && dpkg-deb -x "$aa"/libc6_*.deb "$aa/x" || return 1
    fi
    lib=$aa/x/usr/lib/x86_64-linux-gnu
    aa_parse() { "$lib/ld-linux-x86-64.so.2" --library-path "$lib" "$aa/x/usr/sbin/apparmor_parser" \
        --base "$aa/x/etc/apparmor.d" -QT "$1"; }
    aa_parse "$ROOT/etc/apparmor.d/nook" || return 1
    printf 'profile broken /usr/bin/nook {\n  userns\n}\n' >"$WORK/broken.aa"
    if aa_parse "$WORK/broken.aa" 2>/dev/null; then echo "the parser accepted a broken profile"; return 1; fi
    grep -q '^ *userns,' "$ROOT/etc/apparmor.d/nook"
}
check apparmor-parse apparmor_parses

# ---------------------------------------------------------------- a new user runs containers
# The busybox rootfs and an OCI archive of it (a one-layer image, made here with python: no
# registry, no other tool).
bash "$REPO/scripts/busybox-rootfs.sh" "$WORK/busybox" >/dev/null
python3 - "$WORK/busybox" "$ROOT/tmp/busybox-oci.tar" <<'EOF'
import hashlib, io, json, sys, tarfile
rootfs, out = sys.argv[1], sys.argv[2]
buf = io.BytesIO()
with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as t:
    t.add(rootfs, arcname=".")
layer = buf.getvalue()
def blob(data):
    return "sha256:" + hashlib.sha256(data).hexdigest(), data
ld, _ = blob(layer)
config = json.dumps({"architecture": "amd64", "os": "linux",
    "config": {"Cmd": ["/bin/sh"], "Env": ["PATH=/usr/sbin:/usr/bin:/sbin:/bin"]},
    "rootfs": {"type": "layers", "diff_ids": [ld]}}).encode()
cd, _ = blob(config)
manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
    "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": cd, "size": len(config)},
    "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": ld, "size": len(layer)}]}).encode()
md, _ = blob(manifest)
index = json.dumps({"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json",
    "digest": md, "size": len(manifest),
    "annotations": {"org.opencontainers.image.ref.name": "localhost/pkgtest/busybox:1"}}]}).encode()
with tarfile.open(out, "w") as t:
    for name, data in [("oci-layout", b'{"imageLayoutVersion":"1.0.0"}'), ("index.json", index),
                       ("blobs/sha256/" + ld[7:], layer), ("blobs/sha256/" + cd[7:], config),
                       ("blobs/sha256/" + md[7:], manifest)]:
        info = tarfile.TarInfo(name); info.size = len(data); info.mode = 0o644
        t.addfile(info, io.BytesIO(data))
EOF
chmod 0644 "$ROOT/tmp/busybox-oci.tar"

new_user() {
    in_root sh -c "
        set -e
        useradd -m -u $PUID -s /bin/sh -K SUB_UID_COUNT=0 -K SUB_GID_COUNT=0 $PUSER
        usermod --add-subuids $SUBID_START-$((SUBID_START + 65535)) \
            --add-subgids $SUBID_START-$((SUBID_START + 65535)) $PUSER
        grep '^$PUSER:' /etc/subuid /etc/subgid"
}
check new-user new_user
cp -a "$WORK/busybox" "$ROOT/home/$PUSER/rootfs"
chown -R "$PUID:$PUID" "$ROOT/home/$PUSER/rootfs"

# as_user SCRIPT: SCRIPT run by sh as the new user, in a login-like environment (its own
# XDG_RUNTIME_DIR, as pam_systemd would make it), from its home.
as_user() {
    in_root sh -c '
        mkdir -p -m 0755 /run/user && install -d -o "$1" -g "$1" -m 0700 "/run/user/$1"
        cd "/home/$2"
        exec setpriv --reuid="$1" --regid="$1" --init-groups env -i HOME="/home/$2" USER="$2" \
            LOGNAME="$2" PATH=/usr/local/bin:/usr/bin:/bin XDG_RUNTIME_DIR="/run/user/$1" \
            sh -euc "$3"' as_user "$PUID" "$PUSER" "$1"
}

check run-rootfs as_user '
    out=$(nook run --rm --rootfs "$HOME/rootfs" /bin/sh -c "echo hello from \$(id -u):\$(cat /proc/self/uid_map | tr -s \" \" | head -n 1)")
    echo "$out"
    case $out in "hello from 0: 0 '"$PUID"' 1") ;; *) exit 1 ;; esac
    nook run --rm --rootfs "$HOME/rootfs" true
    test -z "$(nook ps -aq)"'

check load-and-run as_user '
    nook load -i /tmp/busybox-oci.tar
    nook images
    out=$(nook run --rm localhost/pkgtest/busybox:1 /bin/sh -c "echo image ok as \$(id -u)")
    echo "$out"
    test "$out" = "image ok as 0"
    test -z "$(nook ps -aq)"'

the_end
