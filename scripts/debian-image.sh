#!/usr/bin/env bash
# debian-image.sh OUT [--cache-dir DIR] [--tag TAG] [--variant TAG2] — a multi-layer Debian bookworm image as an
# OCI image layout in OUT (for the pull bench and, when cheap, tests). Needs root (debootstrap).
#
# Layers (gzip):
#   1. base: `debootstrap --variant=minbase bookworm` plus a few packages (python3, perl, git,
#      curl, ca-certificates: about 95 MB compressed), /dev /proc /sys empty, apt lists dropped;
#   2. deletions: whiteouts (`.wh.NAME`) removing /usr/share/doc/{git,perl,curl} and
#      /etc/motd, plus a new file /etc/nook-layer2;
#   3. an opaque directory: /usr/share/locale replaced by one file (`.wh..wh..opq`).
# --variant TAG2 adds a second image to the layout, tag TAG2: layer 1 (the same blob) plus one
# small layer of its own (/etc/nook-variant), for tests of a base layer shared by two images.
# --cache-dir DIR keeps debootstrap's .debs and the base rootfs tarball, so a second run takes
# seconds. MIRROR (default http://deb.debian.org/debian) selects the mirror.
# Push with: skopeo copy oci:OUT:TAG docker://HOST/REPO:TAG (TAG default bookworm).
set -euo pipefail

die() { echo "debian-image.sh: $*" >&2; exit 1; }
[ "$#" -ge 1 ] || die "usage: $0 OUT [--cache-dir DIR] [--tag TAG]"
out=$1
shift
cache=""
tag=bookworm
variant=""
while [ "$#" -gt 0 ]; do
    case "$1" in
        --cache-dir) cache=$2; shift ;;
        --tag) tag=$2; shift ;;
        --variant) variant=$2; shift ;;
        *) die "unknown argument $1" ;;
    esac
    shift
done
[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap)"
command -v debootstrap >/dev/null || die "debootstrap not found: apt-get install debootstrap"
mirror=${MIRROR:-http://deb.debian.org/debian}
include=python3,perl,git,curl,ca-certificates

work=$(mktemp -d /tmp/debian-image.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

base_tar=$work/base.tar
if [ -n "$cache" ] && [ -f "$cache/base.tar" ]; then
    base_tar=$cache/base.tar
else
    root=$work/rootfs
    cache_args=()
    if [ -n "$cache" ]; then mkdir -p "$cache/debs"; cache_args=(--cache-dir="$(cd "$cache/debs" && pwd -P)"); fi
    debootstrap --variant=minbase --include="$include" "${cache_args[@]}" bookworm "$root" "$mirror" \
        >"$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log" >&2; die "debootstrap failed"; }
    rm -rf "$root"/dev/* "$root"/proc/* "$root"/sys/* "$root"/var/lib/apt/lists/* \
        "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb "$root"/var/log/*.log
    echo "nook test image" >"$root/etc/motd"
    tar --numeric-owner --xattrs --sort=name --mtime=@0 -C "$root" -cf "$base_tar" .
    if [ -n "$cache" ]; then cp "$base_tar" "$cache/base.tar.tmp" && mv "$cache/base.tar.tmp" "$cache/base.tar"; fi
fi

python3 - "$base_tar" "$out" "$tag" "$variant" <<'EOF'
import gzip, hashlib, io, json, os, shutil, subprocess, sys, tarfile
base_tar, out, tag, variant = sys.argv[1:5]
blobs = os.path.join(out, "blobs", "sha256")
os.makedirs(blobs, exist_ok=True)

def put(data, mt):
    h = hashlib.sha256(data).hexdigest()
    with open(os.path.join(blobs, h), "wb") as f:
        f.write(data)
    return {"mediaType": mt, "digest": "sha256:" + h, "size": len(data)}

def entry(tar, name, data=None, kind=tarfile.REGTYPE, mode=0o644):
    i = tarfile.TarInfo(name); i.type = kind; i.mode = mode; i.mtime = 0
    if data is not None:
        i.size = len(data); tar.addfile(i, io.BytesIO(data))
    else:
        tar.addfile(i)

def layer(build):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as t:
        build(t)
    return buf.getvalue()

def l2(t):
    entry(t, "etc/.wh.motd", b"")
    for p in ("git", "perl", "curl"):
        entry(t, "usr/share/doc/.wh." + p, b"")
    entry(t, "etc/nook-layer2", b"layer 2\n")

def l3(t):
    entry(t, "usr/share/locale", kind=tarfile.DIRTYPE, mode=0o755)
    entry(t, "usr/share/locale/.wh..wh..opq", b"")
    entry(t, "usr/share/locale/nook.txt", b"opaque\n")

# gzip -n of the big base layer through the gzip binary (faster than the module).
with open(base_tar, "rb") as f:
    base_gz = subprocess.run(["gzip", "-n", "-6"], stdin=f, capture_output=True, check=True).stdout
h = hashlib.sha256()
with open(base_tar, "rb") as f:
    for chunk in iter(lambda: f.read(1 << 20), b""):
        h.update(chunk)
diff_ids = ["sha256:" + h.hexdigest()]
LAYER = "application/vnd.oci.image.layer.v1.tar+gzip"
base = put(base_gz, LAYER)

def image(name, tops):
    layers, ids = [base], list(diff_ids)
    for build in tops:
        raw = layer(build)
        ids.append("sha256:" + hashlib.sha256(raw).hexdigest())
        layers.append(put(gzip.compress(raw, mtime=0), LAYER))
    config = {"created": "2026-01-01T00:00:00Z", "architecture": "amd64", "os": "linux",
              "config": {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
                         "Cmd": ["bash"]},
              "rootfs": {"type": "layers", "diff_ids": ids},
              "history": [{"created": "2026-01-01T00:00:00Z", "created_by": "debian-image.sh"}]}
    cfg = put(json.dumps(config).encode(), "application/vnd.oci.image.config.v1+json")
    man = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
           "config": cfg, "layers": layers}
    md = put(json.dumps(man).encode(), man["mediaType"])
    md["annotations"] = {"org.opencontainers.image.ref.name": name}
    total = sum(l["size"] for l in layers)
    print(f"{out}:{name} manifest {md['digest']} layers {len(layers)} compressed {total/1e6:.1f} MB")
    return md

def lv(t):
    entry(t, "etc/nook-variant", b"variant\n")

manifests = [image(tag, (l2, l3))]
if variant:
    manifests.append(image(variant, (lv,)))
with open(os.path.join(out, "oci-layout"), "w") as f:
    json.dump({"imageLayoutVersion": "1.0.0"}, f)
with open(os.path.join(out, "index.json"), "w") as f:
    json.dump({"schemaVersion": 2, "manifests": manifests}, f)
EOF
