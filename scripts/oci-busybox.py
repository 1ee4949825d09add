#!/usr/bin/env python3
"""oci-busybox.py — write a tiny busybox OCI image layout (stdlib only) for nook's tests.

usage: oci-busybox.py ROOTFS OUT [--tag TAG] [--multiarch] [--big MIB]

ROOTFS is the output of scripts/busybox-rootfs.sh. OUT becomes an OCI image layout
(oci-layout, index.json, blobs/sha256/) with TAG (default latest) naming:
  - a single linux/amd64 image manifest, or
  - with --multiarch, an image index of two manifests, linux/amd64 and linux/arm64/v8.
Every image has two gzip layers: the rootfs (shared) and one file /etc/nook-arch holding the
architecture, so each platform's manifest has its own digest. OUT/digests.json records
{"tag": T, "index": digest|null, "manifests": {"amd64": digest, "arm64": digest}}.
--big MIB adds a third, uncompressed layer holding /big.bin, MIB MiB of random bytes (for
tests that interrupt a download).
Push it with `skopeo copy [--all] oci:OUT:TAG docker://...`.
"""
import argparse
import gzip
import hashlib
import io
import json
import os
import tarfile

OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OCI_INDEX = "application/vnd.oci.image.index.v1+json"
OCI_CONFIG = "application/vnd.oci.image.config.v1+json"
OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip"


class Layout:
    def __init__(self, out):
        self.out = out
        os.makedirs(os.path.join(out, "blobs", "sha256"), exist_ok=True)

    def blob(self, data: bytes, media_type: str, **extra):
        hexd = hashlib.sha256(data).hexdigest()
        with open(os.path.join(self.out, "blobs", "sha256", hexd), "wb") as f:
            f.write(data)
        desc = {"mediaType": media_type, "digest": "sha256:" + hexd, "size": len(data)}
        desc.update(extra)
        return desc

    def json_blob(self, obj, media_type, **extra):
        return self.blob(json.dumps(obj, sort_keys=True).encode(), media_type, **extra)


def reset(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    info.mtime = 0
    return info


def tar_dir(root: str) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name in sorted(os.listdir(root)):
            tar.add(os.path.join(root, name), arcname=name, filter=reset)
    return buf.getvalue()


def tar_file(path: str, data: bytes) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        info = reset(tarfile.TarInfo(path))
        info.size = len(data)
        info.mode = 0o644
        tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def gz(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=6, mtime=0)


def image(lay: Layout, base_tar: bytes, arch: str, variant=None, big=0):
    arch_tar = tar_file("etc/nook-arch", (arch + "\n").encode())
    layers = [lay.blob(gz(base_tar), OCI_LAYER), lay.blob(gz(arch_tar), OCI_LAYER)]
    diff_ids = ["sha256:" + hashlib.sha256(t).hexdigest() for t in (base_tar, arch_tar)]
    if big:
        big_tar = tar_file("big.bin", os.urandom(big << 20))
        layers.append(lay.blob(big_tar, "application/vnd.oci.image.layer.v1.tar"))
        diff_ids.append("sha256:" + hashlib.sha256(big_tar).hexdigest())
    config = {
        "created": "2026-01-01T00:00:00Z",
        "architecture": arch,
        "os": "linux",
        "config": {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
                   "Cmd": ["sh"]},
        "rootfs": {"type": "layers", "diff_ids": diff_ids},
        "history": [{"created": "2026-01-01T00:00:00Z", "created_by": "oci-busybox.py"}],
    }
    if variant:
        config["variant"] = variant
    cfg = lay.json_blob(config, OCI_CONFIG)
    manifest = {"schemaVersion": 2, "mediaType": OCI_MANIFEST, "config": cfg, "layers": layers}
    platform = {"architecture": arch, "os": "linux"}
    if variant:
        platform["variant"] = variant
    return lay.json_blob(manifest, OCI_MANIFEST, platform=platform)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("rootfs")
    ap.add_argument("out")
    ap.add_argument("--tag", default="latest")
    ap.add_argument("--multiarch", action="store_true")
    ap.add_argument("--big", type=int, default=0)
    a = ap.parse_args()
    lay = Layout(a.out)
    base = tar_dir(a.rootfs)
    amd64 = image(lay, base, "amd64", big=a.big)
    ref = {"org.opencontainers.image.ref.name": a.tag}
    digests = {"tag": a.tag, "index": None, "manifests": {"amd64": amd64["digest"]},
               "layers": [l["digest"] for l in json.load(open(os.path.join(
                   a.out, "blobs", "sha256", amd64["digest"][7:])))["layers"]]}
    if a.multiarch:
        arm64 = image(lay, base, "arm64", "v8")
        digests["manifests"]["arm64"] = arm64["digest"]
        idx = lay.json_blob({"schemaVersion": 2, "mediaType": OCI_INDEX,
                             "manifests": [amd64, arm64]}, OCI_INDEX, annotations=ref)
        digests["index"] = idx["digest"]
        top = idx
    else:
        top = dict(amd64)
        top.pop("platform")
        top["annotations"] = ref
    with open(os.path.join(a.out, "oci-layout"), "w") as f:
        json.dump({"imageLayoutVersion": "1.0.0"}, f)
    with open(os.path.join(a.out, "index.json"), "w") as f:
        json.dump({"schemaVersion": 2, "mediaType": OCI_INDEX, "manifests": [top]}, f)
    with open(os.path.join(a.out, "digests.json"), "w") as f:
        json.dump(digests, f)
    print(json.dumps(digests))


if __name__ == "__main__":
    main()
