#!/usr/bin/env bash
# busybox-rootfs.sh DIR — build a minimal root file system for nook in DIR.
#
# Uses Debian's busybox-static (/bin/busybox, override with BUSYBOX=/path):
#   DIR/bin/busybox plus one relative symlink per applet (`busybox --list`) in DIR/bin;
#   DIR/sbin -> bin, DIR/usr/bin -> ../bin, DIR/usr/sbin -> ../bin, so every applet
#   resolves with PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin;
#   /etc/passwd, /etc/group (root, nobody, tester 1000, ...), and the empty directories
#   proc sys dev tmp(1777) etc root home/tester run var/tmp(1777).
# Idempotent (re-running only fixes what is missing or different) and fast (< 1 s).
# Everything is created world-readable (umask 022) so another user can use the tree.
set -euo pipefail

usage() { echo "usage: $0 DIR" >&2; exit 2; }
[ "$#" -eq 1 ] || usage
[ -n "$1" ] || usage

umask 022
dir=$1
busybox=${BUSYBOX:-/bin/busybox}

if [ ! -x "$busybox" ]; then
    echo "busybox-rootfs: $busybox not found; install it: apt-get install busybox-static" >&2
    exit 1
fi
# The rootfs must not depend on host libraries: insist on a static binary when we can tell.
if command -v file >/dev/null 2>&1; then
    case "$(file -L "$busybox")" in
        *"dynamically linked"*)
            echo "busybox-rootfs: $busybox is dynamically linked; install busybox-static" >&2
            exit 1 ;;
    esac
fi

mkdir -p "$dir"
dir=$(cd "$dir" && pwd -P)

# Directories. tmp and var/tmp are sticky and world-writable like on any Linux system.
mkdir -p "$dir"/{bin,usr,etc,proc,sys,dev,tmp,root,home/tester,run,var/tmp,usr/local/bin,usr/local/sbin}
chmod 1777 "$dir/tmp" "$dir/var/tmp"
chmod 0755 "$dir" "$dir/bin" "$dir/etc" "$dir/home" "$dir/home/tester"
# /root stays 0755: a rootfs built by host root and used by another user maps host root to
# nobody inside the container, and a 0700 /root would then be unreadable even for uid 0 there.
chmod 0755 "$dir/root"

# The binary: copy only when missing or different (keeps re-runs cheap).
if ! cmp -s "$busybox" "$dir/bin/busybox"; then
    cp -f "$busybox" "$dir/bin/busybox.tmp.$$"
    chmod 0755 "$dir/bin/busybox.tmp.$$"
    mv -f "$dir/bin/busybox.tmp.$$" "$dir/bin/busybox"
fi

# Compatibility links: sbin, usr/bin, usr/sbin all point at bin (relative, so they resolve
# the same inside the container and on the host). A real directory left by someone else is
# kept as it is.
link_dir() { # link_dir TARGET NAME
    if [ -L "$2" ]; then
        [ "$(readlink "$2")" = "$1" ] || ln -sfn "$1" "$2"
    elif [ ! -e "$2" ]; then
        ln -s "$1" "$2"
    fi
}
link_dir bin "$dir/sbin"
link_dir ../bin "$dir/usr/bin"
link_dir ../bin "$dir/usr/sbin"

# One symlink per applet. The [ -L ] test is a builtin, so a re-run forks nothing here
# (an existing symlink is trusted; delete DIR/bin to rebuild the links from scratch).
applets=$("$dir/bin/busybox" --list)
(
    set -f # applet names such as `[` and `[[` must not be globbed
    cd "$dir/bin"
    for a in $applets; do
        case "$a" in busybox|*/*|'') continue ;; esac
        [ -L "$a" ] || ln -sfn busybox "$a"
    done
)

# write_file PATH MODE: write stdin to PATH unless it already has exactly that content.
write_file() {
    local content
    content=$(cat)
    if [ ! -f "$1" ] || [ "$(cat "$1")" != "$content" ]; then
        printf '%s\n' "$content" >"$1.tmp.$$"
        chmod "$2" "$1.tmp.$$"
        mv -f "$1.tmp.$$" "$1"
    fi
}

write_file "$dir/etc/passwd" 0644 <<'EOF'
root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
tester:x:1000:1000::/home/tester:/bin/sh
EOF

write_file "$dir/etc/group" 0644 <<'EOF'
root:x:0:
tty:x:5:
wheel:x:10:tester
tester:x:1000:
nogroup:x:65534:
EOF
