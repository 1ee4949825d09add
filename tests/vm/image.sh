#!/usr/bin/env bash
# tests/vm/image.sh — build (once) the Debian 12 VM image the VM suite boots: pure cgroup v2,
# systemd, an unprivileged user `tester` (uid 1000) with subordinate ids, lingering and
# delegation of cpu cpuset io memory pids, key-only sshd, the host's share on /host (9p),
# /usr/bin/nook and nook's user generator as links into that share, and a one-node Slurm
# (munge, slurmctld, slurmd started by systemd; proctrack/cgroup, task/cgroup on cgroup v2).
# Everything is cached under $NOOK_VM_CACHE (default /var/tmp/nook-vm): the .debs, the ssh
# keys and the image (disk.raw, vmlinux, initrd.img); a second run does nothing.
# Needs root, debootstrap, xz-utils, e2fsprogs, openssh-client. Prints the image directory.
set -euo pipefail

CACHE=${NOOK_VM_CACHE:-/var/tmp/nook-vm}
VERSION=6 # bump when what goes into the image changes
IMG=$CACHE/image-v$VERSION
MIRROR=${NOOK_VM_MIRROR:-$(awk '/^deb / && /debian/ {print $2; exit}' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null || true)}
if [ -z "$MIRROR" ]; then
    MIRROR=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1 || true)
fi
MIRROR=${MIRROR:-http://deb.debian.org/debian}

if [ -f "$IMG/ready" ]; then
    echo "$IMG"
    exit 0
fi
[ "$(id -u)" -eq 0 ] || { echo "image.sh: needs root (debootstrap)" >&2; exit 1; }
mkdir -p "$CACHE/debs" "$CACHE/keys"
WORK=$(mktemp -d "$CACHE/build.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
ROOT=$WORK/root

[ -f "$CACHE/keys/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -f "$CACHE/keys/id_ed25519" -C nook-vm
[ -f "$CACHE/keys/host_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -f "$CACHE/keys/host_ed25519" -C nook-vm-host

echo "image.sh: debootstrap bookworm from $MIRROR (log: $WORK/debootstrap.log)" >&2
if ! debootstrap --variant=minbase --cache-dir="$CACHE/debs" \
    --include=systemd,systemd-sysv,dbus,dbus-user-session,libpam-systemd,udev,kmod,procps,iproute2,uidmap,fuse-overlayfs,fuse3,slirp4netns,openssh-server,linux-image-amd64,zstd,busybox-static,munge,slurmd,slurmctld,slurm-client \
    bookworm "$ROOT" "$MIRROR" >"$WORK/debootstrap.log" 2>&1; then
    tail -n 30 "$WORK/debootstrap.log" >&2
    echo "image.sh: debootstrap failed" >&2
    exit 1
fi

echo nook-vm >"$ROOT/etc/hostname"
chroot "$ROOT" useradd -m -u 1000 -s /bin/bash tester
echo "tester:100000:65536" >"$ROOT/etc/subuid"
echo "tester:100000:65536" >"$ROOT/etc/subgid"
mkdir -p "$ROOT/var/lib/systemd/linger"
touch "$ROOT/var/lib/systemd/linger/tester"
mkdir -p "$ROOT/etc/systemd/system/user@.service.d"
printf '[Service]\nDelegate=cpu cpuset io memory pids\n' \
    >"$ROOT/etc/systemd/system/user@.service.d/delegate.conf"
# A static address without a network manager (faster than systemd-networkd under emulation).
cat >"$ROOT/etc/systemd/system/static-net.service" <<'UNIT'
[Unit]
Description=static address for the test VM
Before=ssh.service
[Service]
Type=oneshot
ExecStartPre=/bin/sh -c 'modprobe virtio_net; for i in $$(seq 1 300); do [ -e /sys/class/net/eth0 ] && exit 0; sleep 0.1; done; exit 1'
ExecStart=/sbin/ip link set lo up
ExecStart=/sbin/ip link set eth0 up
ExecStart=/sbin/ip addr add 10.0.2.15/24 dev eth0
ExecStart=/sbin/ip route add default via 10.0.2.2
RemainAfterExit=yes
[Install]
WantedBy=multi-user.target
UNIT
ln -sf /etc/systemd/system/static-net.service \
    "$ROOT/etc/systemd/system/multi-user.target.wants/static-net.service"
# sshd: the host key we made, the user's key, no passwords.
rm -f "$ROOT"/etc/ssh/ssh_host_*
install -m 0600 "$CACHE/keys/host_ed25519" "$ROOT/etc/ssh/ssh_host_ed25519_key"
install -m 0644 "$CACHE/keys/host_ed25519.pub" "$ROOT/etc/ssh/ssh_host_ed25519_key.pub"
cat >"$ROOT/etc/ssh/sshd_config.d/nook.conf" <<'CONF'
HostKey /etc/ssh/ssh_host_ed25519_key
PasswordAuthentication no
KbdInteractiveAuthentication no
UseDNS no
CONF
install -d -m 0700 -o 1000 -g 1000 "$ROOT/home/tester/.ssh"
install -m 0600 -o 1000 -g 1000 "$CACHE/keys/id_ed25519.pub" "$ROOT/home/tester/.ssh/authorized_keys"
# The host's share (the nook binary and the suite).
mkdir -p "$ROOT/host"
echo 'hostshare /host 9p trans=virtio,version=9p2000.L,msize=512000,ro,nofail,x-systemd.automount 0 0' \
    >>"$ROOT/etc/fstab"
echo '/dev/vda / ext4 rw,relatime 0 1' >>"$ROOT/etc/fstab"
printf '9pnet_virtio\n9p\nvirtio_net\n' >"$ROOT/etc/modules-load.d/9p.conf"
# nook as the package installs it, pointing into the share: /usr/bin/nook and the systemd
# user generator (resolved when used, so each boot runs the binary under test).
ln -s /host/nook "$ROOT/usr/bin/nook"
mkdir -p "$ROOT/usr/lib/systemd/user-generators"
ln -s /host/nook-user-generator "$ROOT/usr/lib/systemd/user-generators/nook-user-generator"
# Slurm on one node, as a site with cgroup v2 runs it: the daemons under systemd (Debian's
# units: slurmd.service has Delegate=yes), processes tracked and memory constrained by cgroups.
grep -q nook-vm "$ROOT/etc/hosts" 2>/dev/null || echo '127.0.1.1 nook-vm' >>"$ROOT/etc/hosts"
grep -q localhost "$ROOT/etc/hosts" 2>/dev/null || echo '127.0.0.1 localhost' >>"$ROOT/etc/hosts"
[ -s "$ROOT/etc/munge/munge.key" ] || {
    head -c 1024 /dev/urandom >"$ROOT/etc/munge/munge.key"
    chroot "$ROOT" chown munge:munge /etc/munge/munge.key
    chmod 0400 "$ROOT/etc/munge/munge.key"
}
chroot "$ROOT" install -d -o slurm -g slurm /var/lib/slurm/slurmctld /var/lib/slurm/slurmd /var/log/slurm
cat >"$ROOT/etc/slurm/slurm.conf" <<'CONF'
ClusterName=nookvm
SlurmctldHost=nook-vm(127.0.0.1)
AuthType=auth/munge
CredType=cred/munge
ProctrackType=proctrack/cgroup
TaskPlugin=task/cgroup
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerNode=512
MpiDefault=none
ReturnToService=2
SlurmUser=slurm
StateSaveLocation=/var/lib/slurm/slurmctld
SlurmdSpoolDir=/var/lib/slurm/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
NodeName=nook-vm NodeAddr=127.0.0.1 CPUs=2 RealMemory=1500
PartitionName=main Nodes=nook-vm Default=YES MaxTime=INFINITE State=UP
CONF
cat >"$ROOT/etc/slurm/cgroup.conf" <<'CONF'
CgroupPlugin=cgroup/v2
ConstrainCores=yes
ConstrainRAMSpace=yes
CONF
for u in munge slurmctld slurmd; do
    ln -sf "/lib/systemd/system/$u.service" "$ROOT/etc/systemd/system/multi-user.target.wants/$u.service"
done
# Faster boots: nothing that waits on a network or a clock.
for u in systemd-timesyncd.service apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer fstrim.timer man-db.timer; do
    chroot "$ROOT" systemctl mask "$u" >/dev/null 2>&1 || true
done
# A small initrd: only what mounts the root disk.
sed -i 's/^MODULES=.*/MODULES=list/' "$ROOT/etc/initramfs-tools/initramfs.conf"
printf 'virtio_pci\nvirtio_blk\next4\ncrc32c_generic\n' >>"$ROOT/etc/initramfs-tools/modules"
chroot "$ROOT" update-initramfs -u >"$WORK/initramfs.log" 2>&1 || { cat "$WORK/initramfs.log" >&2; exit 1; }

mkdir -p "$WORK/out"
kernel=$(ls "$ROOT"/boot/vmlinuz-* | tail -n 1)
initrd=$(ls "$ROOT"/boot/initrd.img-* | tail -n 1)
cp "$initrd" "$WORK/out/initrd.img"
# The uncompressed kernel boots about 5 s faster under emulation than the bzImage.
off=$(LC_ALL=C grep -abo $'\xfd7zXZ' "$kernel" | head -n 1 | cut -d: -f1 || true)
if [ -n "$off" ] && xz --single-stream -dc < <(tail -c +"$((off + 1))" "$kernel") >"$WORK/out/vmlinux" 2>/dev/null; then
    :
else
    cp "$kernel" "$WORK/out/vmlinux"
fi
apt_clean() { rm -rf "$ROOT"/var/cache/apt/archives/*.deb "$ROOT"/var/lib/apt/lists/*; }
apt_clean
truncate -s 3G "$WORK/out/disk.raw"
mkfs.ext4 -q -F -d "$ROOT" "$WORK/out/disk.raw"
touch "$WORK/out/ready"
rm -rf "$IMG"
mv "$WORK/out" "$IMG"
echo "$IMG"
