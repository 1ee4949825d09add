#!/usr/bin/env bash
# tests/subid/run.sh NOOK USER — subordinate ids from a libsubid NSS plugin, end to end.
# Where /etc/nsswitch.conf has `subid: NAME`, shadow's newuidmap/newgidmap and getsubids take a
# user's ranges from the plugin libsubid_NAME.so (shadow's lib/nss.c; Debian 12's shadow 4.13
# has it), and /etc/subuid is not read; nook reads them with getsubids.
# This builds the test plugin tests/subid/libsubid_nooktest.c with cc: it gives USER the ids
# START..START+COUNT-1 (NOOK_TEST_SUBID_START+1000, 5000 of them: inside USER's own range, and
# not its /etc/subuid line, so a map of them can only come from the plugin). Then, in a private
# mount and PID namespace (unshare: no other process on the machine sees the change, and it
# and its processes, the user-namespace holder included, go away on every exit path), it
# binds over /etc/nsswitch.conf a copy with `subid: nooktest`, and over /etc/ld.so.cache one
# that also finds the plugin (the setuid newuidmap ignores LD_LIBRARY_PATH), and as USER, with
# a fresh HOME and XDG_RUNTIME_DIR (no holder of earlier runs is joined), checks:
#   - getsubids USER and getsubids -g USER answer the plugin's range;
#   - `nook info` shows that range for subuid and subgid;
#   - a container (a busybox --rootfs of USER's) maps 1.. to that range (uid_map, gid_map).
# Needs root, cc, ldconfig, unshare. Outside root it prints a SKIPPED line and exits 0 (under
# CI=true: a failure). Last line: `subid: N passed, M failed`.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$HERE/../.." && pwd -P)

if [ "${1:-}" = --inside ]; then
    # In the private namespaces: $2 the work directory, $3 the user, $4 START, $5 COUNT.
    T=$2 U=$3 START=$4 COUNT=$5
    mount --bind "$T/ld.so.cache" /etc/ld.so.cache || exit 1
    mount --bind "$T/nsswitch.conf" /etc/nsswitch.conf || exit 1
    cd /
    as_user() {
        runuser -u "$U" -- env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$T/home" \
            XDG_RUNTIME_DIR="$T/run" "$@"
    }
    passed=0 failed=0
    check() { # NAME WANT GOT
        if [ "$2" = "$3" ]; then
            echo "ok: $1"
            passed=$((passed + 1))
        else
            printf 'FAILED: %s\n  want: %s\n  got:  %s\n' "$1" "$2" "$3"
            failed=$((failed + 1))
        fi
    }
    check "getsubids $U answers the plugin" "0: $U $START $COUNT" \
        "$(as_user getsubids "$U" 2>&1)"
    check "getsubids -g $U answers the plugin" "0: $U $START $COUNT" \
        "$(as_user getsubids -g "$U" 2>&1)"
    info=$(as_user "$T/nook" info 2>&1)
    check "nook info: the plugin's ranges" "subuid $START+$COUNT, subgid $START+$COUNT" \
        "$(grep -o "subuid [0-9+]*, subgid [0-9+]*" <<<"$info" || echo "$info")"
    maps=$(as_user "$T/nook" run --rm --network none --rootfs "$T/rootfs" \
        sh -c 'cat /proc/self/uid_map /proc/self/gid_map' 2>&1)
    uid=$(id -u "$U") gid=$(id -g "$U")
    check "a container maps 1.. to the plugin's range" \
        "0 $uid 1|1 $START $COUNT|0 $gid 1|1 $START $COUNT" \
        "$(awk '{ printf "%s%s %s %s", (NR > 1 ? "|" : ""), $1, $2, $3 }' <<<"$maps")"
    echo "inside: $passed passed, $failed failed"
    exit 0
fi

skip() {
    echo "!!!!!!!! subid suite: SKIPPED ($1) !!!!!!!!"
    if [ "${CI:-}" = true ]; then echo "subid: 0 passed, 1 failed"; exit 1; fi
    exit 0
}
[ "$#" -eq 2 ] || { echo "usage: $0 NOOK USER" >&2; exit 2; }
NOOK=$1 U=$2
[ "$(id -u)" = 0 ] || skip "needs root"
for p in cc ldconfig unshare runuser getsubids; do
    command -v "$p" >/dev/null 2>&1 || skip "$p not installed"
done
id "$U" >/dev/null 2>&1 || skip "no user $U"
START=$((${NOOK_TEST_SUBID_START:-100000} + 1000)) COUNT=5000

T=$(mktemp -d /tmp/nook-subid.XXXXXX)
trap 'rm -rf "$T"' EXIT
chmod 0755 "$T"
fail() { echo "subid: $1"; echo "subid: 0 passed, 1 failed"; exit 1; }
cc -shared -fPIC -Wall -Wextra -Werror -DOWNER="\"$U\"" -DSTART="${START}UL" -DCOUNT="${COUNT}UL" \
    -Wl,-soname,libsubid_nooktest.so -o "$T/libsubid_nooktest.so" "$HERE/libsubid_nooktest.c" ||
    fail "cc could not build the plugin"
printf '%s\ninclude /etc/ld.so.conf.d/*.conf\n' "$T" >"$T/ld.so.conf"
# -X: no links made or changed anywhere; -C: the cache goes to $T only.
ldconfig -X -C "$T/ld.so.cache" -f "$T/ld.so.conf" || fail "ldconfig could not make the cache"
{ grep -v '^subid:' /etc/nsswitch.conf; echo "subid: nooktest"; } >"$T/nsswitch.conf"
install -m 0755 "$NOOK" "$T/nook"
bash "$REPO/scripts/busybox-rootfs.sh" "$T/rootfs" >/dev/null || fail "no busybox rootfs"
mkdir -p "$T/home" "$T/run"
chown -R "$U:" "$T/rootfs" "$T/home" "$T/run"
chmod 0700 "$T/run"
chmod 0644 "$T/ld.so.cache" "$T/nsswitch.conf" "$T/libsubid_nooktest.so"

out=$(unshare -m -p -f --mount-proc --propagation private \
    bash "$HERE/run.sh" --inside "$T" "$U" "$START" "$COUNT" 2>&1)
echo "$out"
line=$(grep -E '^inside: [0-9]+ passed, [0-9]+ failed$' <<<"$out" | tail -n 1)
[ -n "$line" ] || fail "the namespace part did not finish"
passed=$(awk '{ print $2 }' <<<"$line") failed=$(awk '{ print $4 }' <<<"$line")
echo "subid: $passed passed, $failed failed"
[ "$failed" = 0 ]
