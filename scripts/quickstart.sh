#!/usr/bin/env bash
# quickstart.sh — from a fresh Debian/Ubuntu checkout to a first nook container, in one command.
#
#   bash scripts/quickstart.sh
#
# 1. installs the missing system packages (apt-get, through sudo when not root): uidmap,
#    busybox-static, slirp4netns, fuse-overlayfs and the build dependencies;
# 2. makes sure the user who will run nook has /etc/subuid and /etc/subgid ranges
#    (sudo usermod --add-subuids/--add-subgids with a free range when missing);
# 3. builds nook (cargo build --release; Rust itself is not installed for you);
# 4. builds a busybox image archive locally (scripts/testimages.py --busybox-only, from
#    busybox-static) and loads it: nook load -i busybox.oci.tar;
# 5. runs: nook run --rm busybox sh -c 'id; echo "pid $$"; hostname; cat /proc/self/uid_map'
#
# Run it as your ordinary user. Under `sudo bash scripts/quickstart.sh` it builds as root and
# loads the image and runs the container as $SUDO_USER (into that user's image store, with
# the binary run from a world-readable copy). As plain root it runs the container as root
# and says that nook is meant for ordinary users.
# Environment: NOOK=/path/to/nook skips the build and uses that binary.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$REPO"

PACKAGES=(uidmap busybox-static slirp4netns fuse-overlayfs build-essential pkg-config libseccomp-dev python3)
SUBID_COUNT=65536

say() { printf '==> %s\n' "$*"; }
die() { printf 'quickstart: %s\n' "$*" >&2; exit 1; }

# Who builds and who runs the container.
if [ "$(id -u)" -eq 0 ]; then
    if [ -n "${SUDO_USER:-}" ] && [ "$SUDO_USER" != root ] && id -u "$SUDO_USER" >/dev/null 2>&1; then
        MODE=sudo; RUN_USER=$SUDO_USER
    else
        MODE=root; RUN_USER=root
    fi
    SUDO=()
else
    MODE=user; RUN_USER=$(id -un)
    if command -v sudo >/dev/null 2>&1; then SUDO=(sudo); else SUDO=(); fi
fi
RUN_UID=$(id -u "$RUN_USER")
RUN_HOME=$(getent passwd "$RUN_USER" | cut -d: -f6)

# as_root CMD...: run CMD as root (directly, or through sudo), or explain what to run.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif [ "${#SUDO[@]}" -gt 0 ]; then say "sudo $*"; "${SUDO[@]}" "$@"
    else die "this step needs root and sudo is not installed; run as root: $*"
    fi
}

# ---------------------------------------------------------------- 1. packages
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
    for p in "${PACKAGES[@]}"; do
        st=$(dpkg-query -W -f '${Status}' "$p" 2>/dev/null || true)
        [ "$st" = "install ok installed" ] || missing+=("$p")
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        say "installing: ${missing[*]}"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
    else
        say "system packages already installed"
    fi
else
    say "not a Debian/Ubuntu system: make sure these (or your distribution's equivalents) are installed: ${PACKAGES[*]}"
fi
[ -x /bin/busybox ] || die "/bin/busybox is missing (package busybox-static)"

# ---------------------------------------------------------------- 2. subordinate ids
has_range() { # has_range FILE
    [ -r "$1" ] && awk -F: -v u="$RUN_USER" -v id="$RUN_UID" '$1 == u || $1 == id { f = 1 } END { exit !f }' "$1"
}
if [ "$RUN_USER" = root ]; then
    say "running as root: no subordinate id range needed"
elif has_range /etc/subuid && has_range /etc/subgid; then
    say "$RUN_USER has subordinate ids: $(awk -F: -v u="$RUN_USER" -v id="$RUN_UID" '$1 == u || $1 == id { print; exit }' /etc/subuid)"
else
    # First multiple of 65536 at or above 100000 past every range already given out.
    files=()
    for f in /etc/subuid /etc/subgid; do [ -r "$f" ] && files+=("$f"); done
    start=$(awk -F: '
        $2 ~ /^[0-9]+$/ && $3 ~ /^[0-9]+$/ { e = $2 + $3; if (e > max) max = e }
        END { if (max < 100000) max = 100000; print int((max + 65535) / 65536) * 65536 }' "${files[@]}" /dev/null)
    end=$((start + SUBID_COUNT - 1))
    say "giving $RUN_USER the subordinate ids $start-$end"
    as_root usermod --add-subuids "$start-$end" --add-subgids "$start-$end" "$RUN_USER"
fi
if [ -r /proc/sys/kernel/apparmor_restrict_unprivileged_userns ] &&
   [ "$(cat /proc/sys/kernel/apparmor_restrict_unprivileged_userns)" = 1 ]; then
    say "note: AppArmor restricts unprivileged user namespaces here (Ubuntu >= 23.10); nook will say what to do if that stops it"
fi

# ---------------------------------------------------------------- 3. build
if [ -n "${NOOK:-}" ]; then
    say "using NOOK=$NOOK (no build)"
    nook=$NOOK
else
    if ! command -v cargo >/dev/null 2>&1; then
        [ -x "$HOME/.cargo/bin/cargo" ] && PATH=$HOME/.cargo/bin:$PATH
    fi
    if ! command -v cargo >/dev/null 2>&1; then
        die "cargo is not installed. Install Rust (a recent one: see rust-version in Cargo.toml) with your distribution's cargo package (apt-get install cargo) if it is new enough, or with rustup (https://rustup.rs), then run this script again."
    fi
    say "cargo build --release"
    cargo build --release
    nook=$REPO/target/release/nook
fi
[ -x "$nook" ] || die "no nook binary at $nook"

# ---------------------------------------------------------------- 4. image and 5. run
script='id; echo "pid $$"; hostname; cat /proc/self/uid_map'
demo=(run --rm busybox sh -c "$script")
# The archive is built in a world-readable scratch directory, then loaded into the store of
# the user who runs the container.
stage=$(mktemp -d /tmp/nook-quickstart.XXXXXX)
trap 'rm -rf "$stage"' EXIT
chmod 0755 "$stage"
say "building the busybox image archive (scripts/testimages.py --busybox-only)"
python3 "$REPO/scripts/testimages.py" "$stage/images" --busybox-only >/dev/null
chmod -R a+rX "$stage/images"
archive=$stage/images/busybox.oci.tar

if [ "$MODE" = sudo ]; then
    # The checkout (and so the binary) may be unreadable for $RUN_USER (under /root): run a
    # world-readable copy.
    install -m 0755 "$nook" "$stage/nook"
    envv=(HOME="$RUN_HOME" USER="$RUN_USER" LOGNAME="$RUN_USER" PATH=/usr/local/bin:/usr/bin:/bin)
    if [ -d "/run/user/$RUN_UID" ] && [ "$(stat -c %u "/run/user/$RUN_UID")" = "$RUN_UID" ]; then
        envv+=(XDG_RUNTIME_DIR="/run/user/$RUN_UID")
    fi
    say "as $RUN_USER: nook load -i busybox.oci.tar"
    (cd / && runuser -u "$RUN_USER" -- env -i "${envv[@]}" "$stage/nook" load -i "$archive")
    say "as $RUN_USER: nook run --rm busybox sh -c '$script'"
    (cd / && runuser -u "$RUN_USER" -- env -i "${envv[@]}" "$stage/nook" "${demo[@]}")
    say "done. As $RUN_USER, install the binary with: sudo install -m 0755 $nook /usr/local/bin/nook"
else
    say "nook load -i busybox.oci.tar"
    "$nook" load -i "$archive"
    say "nook run --rm busybox sh -c '$script'"
    "$nook" "${demo[@]}"
    if [ "$MODE" = root ]; then
        say "note: you ran this as root. nook is meant for ordinary users: run it as one (with subordinate ids in /etc/subuid and /etc/subgid) to get a rootless container."
    fi
    say "done. Next: $nook run --rm -it busybox sh   (and: $nook images)"
fi
