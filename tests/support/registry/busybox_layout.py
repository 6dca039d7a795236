#!/usr/bin/python3
"""Writes a multi-arch busybox OCI image layout (an index over linux/amd64, linux/arm64 and
linux/arm/v7) from Debian's busybox-static .debs, without manifold: python's own tar and gzip,
so what manifold reads in the tests was made by somebody else.

usage: busybox_layout.py OUT_DIR amd64=DIR arm64=DIR armhf=DIR   (DIR: a .deb extracted by dpkg-deb -x)
"""
import gzip, hashlib, io, json, os, sys, tarfile

APPLETS = ["sh", "ls", "cat", "echo", "uname", "env", "mkdir", "rm", "cp", "mv", "true", "false",
           "test", "[", "id", "whoami", "sleep", "touch", "grep", "sed", "head", "tail", "wc", "chmod"]
PLATFORMS = {"amd64": ("amd64", None), "arm64": ("arm64", None), "armhf": ("arm", "v7")}
EPOCH = 1700000000


def blob(out, data):
    digest = hashlib.sha256(data).hexdigest()
    path = os.path.join(out, "blobs", "sha256", digest)
    with open(path, "wb") as f:
        f.write(data)
    return "sha256:" + digest, len(data)


def add(tar, name, data=None, mode=0o644, kind=tarfile.REGTYPE, link=""):
    info = tarfile.TarInfo(name)
    info.mtime, info.mode, info.type, info.linkname = EPOCH, mode, kind, link
    info.uname = info.gname = "root"
    if data is not None:
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    else:
        tar.addfile(info)


def layer(deb_dir):
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for d in ["bin", "etc", "tmp", "root", "home", "home/app"]:
            add(tar, d, mode=0o1777 if d == "tmp" else 0o755, kind=tarfile.DIRTYPE)
        with open(os.path.join(deb_dir, "bin", "busybox"), "rb") as f:
            add(tar, "bin/busybox", f.read(), mode=0o755)
        for applet in APPLETS:
            add(tar, "bin/" + applet, kind=tarfile.SYMTYPE, link="busybox")
        add(tar, "etc/passwd", b"root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\n")
        add(tar, "etc/group", b"root:x:0:\napp:x:1000:\n")
    tar_bytes = raw.getvalue()
    gz = io.BytesIO()
    with gzip.GzipFile(fileobj=gz, mode="wb", mtime=0) as g:
        g.write(tar_bytes)
    return tar_bytes, gz.getvalue()


def rootfs_tars(out, sources):
    """Writes busybox-<arch><variant>.tar per platform (the ADD sources of the manifold-built fixture)."""
    os.makedirs(out, exist_ok=True)
    for deb_arch, deb_dir in sources.items():
        arch, variant = PLATFORMS[deb_arch]
        tar_bytes, _ = layer(deb_dir)
        with open(os.path.join(out, "busybox-%s%s.tar" % (arch, variant or "")), "wb") as f:
            f.write(tar_bytes)


def main():
    if sys.argv[1] == "--rootfs-tars":
        rootfs_tars(sys.argv[2], dict(arg.split("=", 1) for arg in sys.argv[3:]))
        return
    out = sys.argv[1]
    sources = dict(arg.split("=", 1) for arg in sys.argv[2:])
    os.makedirs(os.path.join(out, "blobs", "sha256"), exist_ok=True)
    entries = []
    for deb_arch, deb_dir in sources.items():
        arch, variant = PLATFORMS[deb_arch]
        tar_bytes, gz_bytes = layer(deb_dir)
        layer_digest, layer_size = blob(out, gz_bytes)
        config = {
            "architecture": arch, "os": "linux",
            "config": {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], "Cmd": ["sh"]},
            "rootfs": {"type": "layers", "diff_ids": ["sha256:" + hashlib.sha256(tar_bytes).hexdigest()]},
            "history": [{"created_by": "busybox-static from Debian", "created": "2023-11-14T22:13:20Z"}],
            "created": "2023-11-14T22:13:20Z",
        }
        platform = {"architecture": arch, "os": "linux"}
        if variant:
            config["variant"] = platform["variant"] = variant
        config_digest, config_size = blob(out, json.dumps(config, sort_keys=True).encode())
        manifest = {
            "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config_digest, "size": config_size},
            "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": layer_digest, "size": layer_size}],
        }
        m_digest, m_size = blob(out, json.dumps(manifest, sort_keys=True).encode())
        entries.append({"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": m_digest,
                        "size": m_size, "platform": platform})
    index = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": entries}
    i_digest, i_size = blob(out, json.dumps(index, sort_keys=True).encode())
    with open(os.path.join(out, "oci-layout"), "w") as f:
        json.dump({"imageLayoutVersion": "1.0.0"}, f)
    with open(os.path.join(out, "index.json"), "w") as f:
        json.dump({"schemaVersion": 2, "manifests": [{
            "mediaType": "application/vnd.oci.image.index.v1+json", "digest": i_digest, "size": i_size,
            "annotations": {"org.opencontainers.image.ref.name": "latest"}}]}, f)


if __name__ == "__main__":
    main()
