#!/usr/bin/env python3
"""testimages.py OUT [--sentinel DIR] [--busybox-only] [--many-layers N] -- build nook's test
images locally (python3 standard library only; --busybox-only writes busybox.oci.tar alone;
--many-layers N writes many-N.oci.tar alone).

Writes, into OUT:
  busybox.docker.tar      docker-archive (as `docker save`), RepoTags busybox:latest
  busybox.docker.tar.gz   the same, gzip'd
  busybox.oci.tar         oci-archive (gzip layers), named docker.io/library/busybox:latest
  busybox-oci/            the same as an OCI layout directory
  entry.oci.tar           localhost/entry:1  - busybox layer + Entrypoint/Cmd/Env/WorkingDir/User
  layers.oci.tar          localhost/layers:1 - busybox + a layer of files + a layer that
                          deletes some (whiteouts) and makes a directory opaque
  many-N.oci.tar          localhost/many:N - busybox + N-1 tiny layers, layer K adding
                          /many/K (K = 1..N-1) and the top one also /many/top
  hostile-N.oci.tar       localhost/hostile-N:1 - one traversal attempt each, aimed at the
                          sentinel directory (absolute path given with --sentinel), or (9, 10)
                          a whiteout of `..` or `.` (the directory above the layer's own, itself)
The busybox layer is the tree scripts/busybox-rootfs.sh builds, plus /etc/os-release,
/home/owned42 (uid 42, gid 42), /bin/suid-marker (4755) and /etc/xattr-file (user.nook). Times are fixed, so the digests are stable.
"""
import gzip
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile

MTIME = 1700000000
HERE = os.path.dirname(os.path.abspath(__file__))
PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def sha(b):
    return "sha256:" + hashlib.sha256(b).hexdigest()


def info(name, kind=tarfile.REGTYPE, mode=0o644, uid=0, gid=0, size=0, link=""):
    t = tarfile.TarInfo(name)
    t.type, t.mode, t.uid, t.gid, t.size, t.linkname, t.mtime = kind, mode, uid, gid, size, link, MTIME
    t.uname = t.gname = ""
    return t


class Layer:
    def __init__(self):
        self.buf = io.BytesIO()
        self.tar = tarfile.open(fileobj=self.buf, mode="w", format=tarfile.PAX_FORMAT)

    def file(self, name, data=b"", mode=0o644, uid=0, gid=0, xattrs=None):
        t = info(name, mode=mode, uid=uid, gid=gid, size=len(data))
        if xattrs:
            t.pax_headers = {"SCHILY.xattr." + k: v for k, v in xattrs.items()}
        self.tar.addfile(t, io.BytesIO(data))

    def dir(self, name, mode=0o755, uid=0, gid=0):
        self.tar.addfile(info(name, tarfile.DIRTYPE, mode, uid, gid))

    def symlink(self, name, target):
        self.tar.addfile(info(name, tarfile.SYMTYPE, 0o777, link=target))

    def hardlink(self, name, target):
        self.tar.addfile(info(name, tarfile.LNKTYPE, link=target))

    def tree(self, root):
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            rel = os.path.relpath(dirpath, root)
            for n in sorted(dirnames + filenames):
                path = os.path.join(dirpath, n)
                name = n if rel == "." else os.path.join(rel, n)
                st = os.lstat(path)
                if os.path.islink(path):
                    self.symlink(name, os.readlink(path))
                elif os.path.isdir(path):
                    self.dir(name, st.st_mode & 0o7777)
                else:
                    with open(path, "rb") as f:
                        self.file(name, f.read(), st.st_mode & 0o7777)

    def done(self):
        self.tar.close()
        return self.buf.getvalue()


def gz(data):
    return gzip.compress(data, compresslevel=6, mtime=0)


def config(diff_ids, cfg):
    return json.dumps({
        "created": "2023-11-14T22:13:20Z", "architecture": "amd64", "os": "linux",
        "config": cfg, "rootfs": {"type": "layers", "diff_ids": diff_ids},
    }, sort_keys=True).encode()


class Image:
    def __init__(self, name, layers, cfg):
        self.name, self.layers = name, layers  # uncompressed tars
        self.config = config([sha(t) for t in layers], cfg)

    def oci(self):
        """(index.json, {digest: bytes}) with gzip'd layers."""
        blobs = {}
        descs = []
        for t in self.layers:
            z = gz(t)
            blobs[sha(z)] = z
            descs.append({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": sha(z), "size": len(z)})
        blobs[sha(self.config)] = self.config
        manifest = json.dumps({
            "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": sha(self.config), "size": len(self.config)},
            "layers": descs}).encode()
        blobs[sha(manifest)] = manifest
        index = json.dumps({"schemaVersion": 2, "manifests": [{
            "mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": sha(manifest), "size": len(manifest),
            "annotations": {"org.opencontainers.image.ref.name": self.name}}]}).encode()
        return index, blobs

    def oci_dir(self, path):
        index, blobs = self.oci()
        os.makedirs(os.path.join(path, "blobs", "sha256"), exist_ok=True)
        for name, data in [("index.json", index), ("oci-layout", b'{"imageLayoutVersion":"1.0.0"}')] + \
                [("blobs/sha256/" + d[7:], b) for d, b in blobs.items()]:
            with open(os.path.join(path, name), "wb") as f:
                f.write(data)

    def oci_archive(self, path):
        index, blobs = self.oci()
        files = [("oci-layout", b'{"imageLayoutVersion":"1.0.0"}'), ("index.json", index)]
        files += [("blobs/sha256/" + d[7:], b) for d, b in blobs.items()]
        write_tar(path, files, dirs=["blobs", "blobs/sha256"])

    def docker_archive(self, path, compress=False):
        cid = sha(self.config)[7:]
        files = [(cid + ".json", self.config)]
        names = []
        for t in self.layers:
            d = sha(t)[7:]
            files.append((d + "/layer.tar", t))
            names.append(d + "/layer.tar")
        tag = self.name.split("/", 2)[-1] if self.name.startswith("docker.io/library/") else self.name
        files.insert(0, ("manifest.json", json.dumps([{"Config": cid + ".json", "RepoTags": [tag], "Layers": names}]).encode()))
        write_tar(path, files, compress=compress)


def write_tar(path, files, dirs=(), compress=False):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as t:
        for d in dirs:
            t.addfile(info(d, tarfile.DIRTYPE, 0o755))
        for name, data in files:
            t.addfile(info(name, size=len(data)), io.BytesIO(data))
    data = buf.getvalue()
    with open(path, "wb") as f:
        f.write(gz(data) if compress else data)


def busybox_layer():
    with tempfile.TemporaryDirectory() as tmp:
        root = os.path.join(tmp, "rootfs")
        subprocess.run(["bash", os.path.join(HERE, "busybox-rootfs.sh"), root], check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(root, "etc", "os-release"), "w") as f:
            f.write('NAME="nook busybox"\nID=nook-busybox\n')
        os.makedirs(os.path.join(root, "srv"), exist_ok=True)
        layer = Layer()
        layer.tree(root)
        layer.file("home/owned42", b"forty-two\n", 0o640, uid=42, gid=42)
        layer.file("bin/suid-marker", b"", 0o4755)
        layer.file("etc/xattr-file", b"x\n", xattrs={"user.nook": "from-the-layer"})
        return layer.done()


def main():
    args = sys.argv[1:]
    if not args or args[0].startswith("-"):
        sys.exit(__doc__)
    out = args[0]
    sentinel = args[args.index("--sentinel") + 1] if "--sentinel" in args else "/tmp/nook-sentinel"
    os.makedirs(out, exist_ok=True)
    base = busybox_layer()
    bb = Image("docker.io/library/busybox:latest", [base], {"Env": [PATH], "Cmd": ["sh"]})
    if "--many-layers" in args:
        n = int(args[args.index("--many-layers") + 1])
        layers = [base]
        for k in range(1, n):
            tiny = Layer()
            if k == 1:
                tiny.dir("many")
            tiny.file(f"many/{k}", f"layer {k}\n".encode())
            if k == n - 1:
                tiny.file("many/top", b"top\n")
            layers.append(tiny.done())
        path = os.path.join(out, f"many-{n}.oci.tar")
        Image(f"localhost/many:{n}", layers, {"Env": [PATH], "Cmd": ["sh"]}).oci_archive(path)
        print(path)
        return
    if "--busybox-only" in args:
        bb.oci_archive(os.path.join(out, "busybox.oci.tar"))
        print(os.path.join(out, "busybox.oci.tar"))
        return
    bb.docker_archive(os.path.join(out, "busybox.docker.tar"))
    bb.docker_archive(os.path.join(out, "busybox.docker.tar.gz"), compress=True)
    bb.oci_archive(os.path.join(out, "busybox.oci.tar"))
    bb.oci_dir(os.path.join(out, "busybox-oci"))
    Image("localhost/entry:1", [base], {
        "Env": [PATH, "GREETING=hello from the image", "OVERRIDE=image"],
        "Entrypoint": ["/bin/echo", "entry:"], "Cmd": ["default-cmd"],
        "WorkingDir": "/srv", "User": "42:42",
        "ExposedPorts": {"8080/tcp": {}}}).oci_archive(os.path.join(out, "entry.oci.tar"))
    files = Layer()
    for d in ["data", "opq", "opq/sub"]:
        files.dir(d)
    for f in ["data/keep", "data/gone", "opq/old", "opq/sub/old"]:
        files.file(f, f.encode() + b"\n")
    files.dir("olddir")
    files.file("olddir/inside", b"x\n")
    delete = Layer()
    delete.file("data/.wh.gone")
    delete.file(".wh.olddir")
    delete.dir("opq")
    delete.file("opq/.wh..wh..opq")
    delete.file("opq/new", b"new\n")
    delete.file("etc/.wh.os-release")
    Image("localhost/layers:1", [base, files.done(), delete.done()], {"Env": [PATH], "Cmd": ["sh"]}).oci_archive(
        os.path.join(out, "layers.oci.tar"))
    s = sentinel.strip("/")
    hostile = []
    for build in [
        lambda l: l.file("../" * 12 + s + "/pwned", b"dotdot\n"),
        lambda l: l.file("/" + s + "/pwned", b"absolute\n"),
        lambda l: (l.symlink("evil", "/" + s), l.file("evil/pwned", b"via absolute symlink\n")),
        lambda l: (l.symlink("evil", "../" * 12 + s), l.file("evil/pwned", b"via relative symlink\n")),
        lambda l: (l.symlink("evil", "/" + s + "/file"), l.file("evil", b"through a symlink to a file\n")),
        lambda l: l.hardlink("hl", "../" * 12 + s + "/file"),
        lambda l: (l.symlink("evil", "/" + s + "/file"), l.hardlink("hl", "evil"), l.file("hl", b"through a hard link\n")),
        lambda l: (l.dir("d"), l.symlink("d/up", "../../../../../../.."), l.file("d/up/" + s + "/pwned", b"via ..\n")),
        # Whiteouts of the directory above the layer's own (the store's tmp/) and of itself.
        lambda l: (l.file("f", b"f\n"), l.file(".wh...")),
        lambda l: (l.file("f", b"f\n"), l.file(".wh..")),
        # A whiteout of the sentinel through a symlink to the directory holding it.
        lambda l: (l.symlink("evil", "/" + os.path.dirname(s)), l.file("evil/.wh." + os.path.basename(s))),
    ]:
        layer = Layer()
        build(layer)
        hostile.append(layer.done())
    for n, layer in enumerate(hostile, 1):
        Image(f"localhost/hostile-{n}:1", [layer], {"Cmd": ["sh"]}).oci_archive(os.path.join(out, f"hostile-{n}.oci.tar"))
    print(out)


if __name__ == "__main__":
    main()
