#!/usr/bin/env bash
# tests/vm/run.sh NOOK_BINARY — the VM suite: what needs a real systemd and a pure cgroup v2
# host (limits, OOM kills, scopes). Builds the image once (tests/vm/image.sh, cached), boots
# it under qemu (TCG here: /dev/kvm on these machines runs only special guests; KVM when it
# is usable, see vm-notes), hands it the binary read-only over 9p, and runs each case over
# ssh as the unprivileged user `tester` (lingering, no graphical session).
# Last line: `vm: N passed, M failed`; exit status non-zero when a case failed or the VM
# could not be started. Needs root. Environment: NOOK_VM_CACHE (image cache), KEEP_VM=1,
# NOOK_VM_CASES=REGEX (only the cases whose names match).
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
NOOK=${1:?usage: run.sh NOOK_BINARY}
IMG=$(bash "$HERE/image.sh") || { echo "vm: image build failed"; echo "vm: 0 passed, 1 failed"; exit 1; }
CACHE=${NOOK_VM_CACHE:-/var/tmp/nook-vm}
WORK=$(mktemp -d /tmp/nook-vm.XXXXXX)
SHARE=$WORK/share
mkdir -p "$SHARE"
install -m 0755 "$NOOK" "$SHARE/nook"
install -m 0755 "$HERE/../../scripts/busybox-rootfs.sh" "$SHARE/busybox-rootfs.sh"
install -m 0755 "$HERE/../../packaging/systemd/nook-user-generator" "$SHARE/nook-user-generator"
install -m 0600 "$CACHE/keys/id_ed25519" "$WORK/key"
chmod -R a+rX "$SHARE"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
accel=(-accel tcg,thread=multi -cpu max)
if [ -w /dev/kvm ] && [ ! -e /sys/module/kvm_pvm ]; then accel=(-accel kvm -cpu host); fi

stop_vm() {
    local pid
    pid=$(cat "$WORK/qemu.pid" 2>/dev/null || true)
    if [ -n "$pid" ] && grep -q qemu "/proc/$pid/cmdline" 2>/dev/null; then
        kill "$pid" 2>/dev/null
        for _ in $(seq 1 50); do
            [ -d "/proc/$pid" ] || break
            [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" = Z ] && break
            sleep 0.1
        done
        kill -9 "$pid" 2>/dev/null
    fi
    ssh -O exit -o ControlPath="$WORK/ssh.sock" tester@127.0.0.1 2>/dev/null
    if [ "${KEEP_VM:-0}" = 1 ]; then echo "vm: kept $WORK"; else rm -rf "$WORK"; fi
}
trap stop_vm EXIT

ssh_() { # ssh_ [OPTIONS...] -- [COMMAND]
    ssh -i "$WORK/key" -p "$PORT" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
        -o LogLevel=ERROR -o BatchMode=yes -o ConnectTimeout=10 \
        -o ControlMaster=auto -o ControlPath="$WORK/ssh.sock" -o ControlPersist=900 \
        tester@127.0.0.1 "$@"
}
# vm CMD: run a shell command in the guest as tester; stdout and stderr come back.
vm() { ssh_ "$1" </dev/null 2>&1; }

start=$(date +%s)
if [ -n "${NOOK_VM_PORT:-}" ]; then
    # Development: a guest already booted from this image with the share at $NOOK_VM_SHARE.
    PORT=$NOOK_VM_PORT
    cp "$SHARE/nook" "$SHARE/busybox-rootfs.sh" "$SHARE/nook-user-generator" "${NOOK_VM_SHARE:?}/"
else
qemu-system-x86_64 -machine q35 "${accel[@]}" -smp 2 -m 2048 -nodefaults -no-user-config \
    -display none -no-reboot -kernel "$IMG/vmlinux" -initrd "$IMG/initrd.img" \
    -append "root=/dev/vda rw console=ttyS0 quiet panic=1 net.ifnames=0 mitigations=off systemd.unified_cgroup_hierarchy=1 cgroup_no_v1=all" \
    -drive "file=$IMG/disk.raw,format=raw,if=virtio,cache=unsafe,snapshot=on" \
    -netdev "user,id=n0,restrict=on,hostfwd=tcp:127.0.0.1:$PORT-:22" -device virtio-net-pci,netdev=n0 \
    -device virtio-rng-pci \
    -virtfs "local,path=$SHARE,mount_tag=hostshare,security_model=none,readonly=on" \
    -serial "file:$WORK/console.log" -pidfile "$WORK/qemu.pid" -daemonize ||
    { echo "vm: qemu did not start"; echo "vm: 0 passed, 1 failed"; exit 1; }
fi

up=0
for _ in $(seq 1 120); do
    if vm true >/dev/null 2>&1; then up=1; break; fi
    sleep 2
done
if [ "$up" = 0 ]; then
    echo "vm: no ssh after 240 s; console:"; tail -n 40 "$WORK/console.log"
    echo "vm: 0 passed, 1 failed"; exit 1
fi
vm 'systemctl --user is-system-running --wait >/dev/null 2>&1; test -x /host/nook && bash /host/busybox-rootfs.sh ~/rootfs >/dev/null' ||
    { echo "vm: guest setup failed"; echo "vm: 0 passed, 1 failed"; exit 1; }
echo "vm: guest up in $(( $(date +%s) - start )) s ($(vm 'uname -r; systemctl --version | head -n 1' | tr '\n' ' '))"

PASSED=0
FAILED=0
# case NAME FUNCTION: run one case; its output is shown only when it fails.
case_() {
    local name=$1 out rc
    # NOOK_VM_CASES=REGEX: only the cases whose names match (development).
    if [ -n "${NOOK_VM_CASES:-}" ] && ! grep -Eq -- "$NOOK_VM_CASES" <<<"$name"; then return 0; fi
    local t0=$SECONDS
    out=$("$2" 2>&1); rc=$?
    if [ "$rc" = 0 ]; then
        PASSED=$((PASSED + 1)); echo "vm case $name ... ok ($((SECONDS - t0)) s)${out:+: $(tail -n 1 <<<"$out")}"
    else
        FAILED=$((FAILED + 1)); echo "vm case $name ... FAILED ($((SECONDS - t0)) s)"; sed 's/^/    /' <<<"$out"
    fi
}
# Flags go before the root file system: every word after it belongs to the command.
RUN='/host/nook run --rm --network none'
ROOT='--rootfs ~/rootfs'
no_units() { # the user manager has no nook unit left (waits up to 10 s for the collection)
    local u
    for _ in $(seq 1 20); do
        u=$(vm "systemctl --user list-units --all --no-legend 'nook-*'")
        [ -z "$u" ] && return 0
        sleep 0.5
    done
    echo "units left: $u"; return 1
}

. "$HERE/cases.sh"

echo "vm: suite took $(( $(date +%s) - start )) s (boot included)"
echo "vm: $PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
