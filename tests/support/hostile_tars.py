#!/usr/bin/python3
"""A corpus of malicious layer tarballs, generated at test time with python's tarfile (no binary
tars in the tree), and the checker of what each one may leave in a build's output.

Every attack aims at WATCHED, a host directory outside the build's root holding `victim` and
`host-only`. The images also carry a benign lower layer with an *inside* copy of WATCHED (the
same absolute path, inside the root) holding `victim` but not `host-only`, and an /etc/passwd:
an entry resolved inside the root finds those, one that escapes finds the host's.

usage:
  hostile_tars.py generate OUT_DIR WATCHED ARCH   tars (plain and gzip), cases.tsv, and an OCI
                                                 layout OUT_DIR/layout tagged lower and CASE
                                                 (lower layer + the case's layer)
  hostile_tars.py check CASE MODE OUT_ROOT WATCHED  MODE: add (the tar ADDed: `.wh.` names are
                                                 literal files) or layer (a base image layer:
                                                 `.wh.` names are whiteouts); OUT_ROOT is the
                                                 image's filesystem (--output type=local)

cases.tsv: one line per case: NAME, then per mode (add, layer) either "ok" or "error:TEXT"
(the build must fail with an error line saying TEXT, which names the entry), then a description.
"""
import gzip, hashlib, io, json, os, stat, sys, tarfile

EPOCH = 1700000000
UP = "../" * 40  # more than any root is deep: an unconfined resolver would reach the host's /
INSIDE_VICTIM = "the image's own copy of victim\n"
INSIDE_PASSWD = "root:x:0:0:inside-the-image:/root:/bin/sh\n"


class Tar:
    """Entries in archive order; the helpers mirror src/snapshot/apply_test_support.hpp."""

    def __init__(self):
        self.raw = io.BytesIO()
        self.t = tarfile.open(fileobj=self.raw, mode="w", format=tarfile.PAX_FORMAT)

    def _add(self, ti, data=b"", **kw):
        ti.mtime = EPOCH
        for k, v in kw.items():
            setattr(ti, k, v)
        ti.size = len(data) if ti.type in (tarfile.REGTYPE, tarfile.AREGTYPE) else 0
        self.t.addfile(ti, io.BytesIO(data) if ti.size else None)

    def f(self, name, data="PWNED\n", mode=0o644, **kw):
        ti = tarfile.TarInfo(name)
        ti.mode = mode
        self._add(ti, data.encode(), **kw)

    def d(self, name, mode=0o755, **kw):
        ti = tarfile.TarInfo(name)
        ti.type, ti.mode = tarfile.DIRTYPE, mode
        self._add(ti, **kw)

    def sym(self, name, target):
        ti = tarfile.TarInfo(name)
        ti.type, ti.linkname, ti.mode = tarfile.SYMTYPE, target, 0o777
        self._add(ti)

    def hard(self, name, target):
        ti = tarfile.TarInfo(name)
        ti.type, ti.linkname = tarfile.LNKTYPE, target
        self._add(ti)

    def node(self, name, kind, major=0, minor=0, mode=0o644):
        ti = tarfile.TarInfo(name)
        ti.type, ti.devmajor, ti.devminor, ti.mode = kind, major, minor, mode
        self._add(ti)

    def bytes(self):
        self.t.close()
        return self.raw.getvalue()


def cases(W):
    """(name, description, build(tar), expectations) for the watched dir W (absolute).

    An expectation per mode is either ("error", TEXT) or ("ok", [checks]), a check being
    (path inside the root, kind, detail): file CONTENT, link TARGET, dir MODE|None, mode MODE,
    chr "MAJ:MIN", blk "MAJ:MIN", fifo, absent."""
    Wr = W.lstrip("/")
    out = []

    def case(name, desc, add, layer=None):
        def register(build):
            out.append((name, desc, build, {"add": add, "layer": layer if layer is not None else add}))
            return build
        return register

    @case("traversal", "a ../../ name climbing out of the root",
          ("error", 'archive entry "../../pwned-traversal" leads outside the root'))
    def _(t):
        t.f("benign", "fine\n")
        t.f("../../pwned-traversal")

    @case("traversal-nested", "a name whose .. components leave the root after a descent",
          ("error", 'archive entry "a/b/../../../pwned-nested" leads outside the root'))
    def _(t):
        t.f("a/b/../../../pwned-nested")

    @case("absolute", "absolute names: the root is /, an absolute name's .. stops at it",
          ("ok", [(Wr + "/pwned-absolute", "file", "PWNED\n"), ("pwned-abs-dotdot", "file", "PWNED\n"),
                  (Wr + "/victim", "file", INSIDE_VICTIM)]))
    def _(t):
        t.f(W + "/pwned-absolute")
        t.f("/../../pwned-abs-dotdot")

    @case("abs-symlink", "link -> WATCHED (absolute), then files and a dir written through it",
          ("ok", [("link", "link", W), (Wr + "/pwned-abs-symlink", "file", "PWNED\n"),
                  (Wr + "/newdir/pwned-deep", "file", "PWNED\n"), (Wr + "/victim", "file", INSIDE_VICTIM)]))
    def _(t):
        t.sym("link", W)
        t.f("link/pwned-abs-symlink")
        t.d("link/newdir")
        t.f("link/newdir/pwned-deep")

    @case("rel-symlink", "relative links climbing out (../ x40 + WATCHED), then files through them",
          ("ok", [("l", "link", UP + Wr), (Wr + "/pwned-rel-symlink", "file", "PWNED\n"),
                  (Wr + "/pwned-rel-nested", "file", "PWNED\n")]))
    def _(t):
        t.sym("l", UP + Wr)
        t.f("l/pwned-rel-symlink")
        t.sym("sub/dir/l2", UP + Wr)
        t.f("sub/dir/l2/pwned-rel-nested")

    @case("symlink-chain", "c1 -> c2 -> c3 -> ../ x40 + WATCHED, then c1/pwned-chain",
          ("ok", [("c1", "link", "c2"), (Wr + "/pwned-chain", "file", "PWNED\n")]))
    def _(t):
        t.sym("c3", UP + Wr)
        t.sym("c2", "c3/.")
        t.sym("c1", "c2")
        t.f("c1/pwned-chain")

    @case("symlink-loop", "loop1 -> loop2 -> loop1, then loop1/pwned-loop",
          ("error", 'archive entry "loop1/pwned-loop"'))
    def _(t):
        t.sym("loop1", "loop2")
        t.sym("loop2", "loop1")
        t.f("loop1/pwned-loop")

    @case("hardlink-passwd", "a hard link to /etc/passwd, then a file of that name (overwrite through it)",
          ("ok", [("passwd-link", "file", "PWNED\n"), ("etc/passwd", "file", INSIDE_PASSWD)]),
          # A layer is unpacked into a diff dir of its own: lower layers' files are not there.
          ("error", 'archive entry "passwd-link"'))
    def _(t):
        t.hard("passwd-link", "/etc/passwd")
        t.f("passwd-link")

    @case("hardlink-watched", "hard links to WATCHED/victim (directly and through link -> WATCHED)",
          ("ok", [("victim-link", "file", "PWNED\n"), ("via-symlink", "file", INSIDE_VICTIM),
                  (Wr + "/victim", "file", INSIDE_VICTIM)]),
          ("error", 'archive entry "victim-link"'))
    def _(t):
        t.hard("victim-link", W + "/victim")
        t.f("victim-link")
        t.sym("link", W)
        t.hard("via-symlink", "link/victim")

    @case("hardlink-host-only", "a hard link to a file only the host has (WATCHED/host-only)",
          ("error", 'archive entry "stolen"'))
    def _(t):
        t.hard("stolen", W + "/host-only")

    @case("hardlink-dotdot", "a hard link to ../outside",
          ("error", 'archive entry "h"'))
    def _(t):
        t.f("benign", "fine\n")
        t.hard("h", "../outside")

    @case("hardlink-symlink", "a hard link of link -> WATCHED, then a file through the hard link",
          ("ok", [("h", "link", W), (Wr + "/pwned-hardsym", "file", "PWNED\n")]))
    def _(t):
        t.sym("s", W)
        t.hard("h", "s")
        t.f("h/pwned-hardsym")

    @case("whiteout-dotdot", "whiteouts named ../.wh.victim and ../.wh..wh..opq",
          ("error", 'archive entry "../.wh.victim" leads outside the root'))
    def _(t):
        t.f("benign", "fine\n")
        t.f("../.wh.victim", "")
        t.f("../.wh..wh..opq", "")

    @case("whiteout-symlink", "link -> WATCHED, then link/.wh.victim and link/.wh.host-only",
          ("ok", [(Wr + "/.wh.victim", "file", ""), (Wr + "/victim", "file", INSIDE_VICTIM)]),
          ("ok", [(Wr + "/victim", "absent", None), (Wr + "/.wh.victim", "absent", None),
                  (Wr + "/host-only", "absent", None), ("link", "link", W)]))
    def _(t):
        t.sym("link", W)
        t.f("link/.wh.victim", "")
        t.f("link/.wh.host-only", "")

    @case("whiteout-opaque-symlink", "link -> WATCHED, then link/.wh..wh..opq (an opaque WATCHED)",
          ("ok", [(Wr + "/.wh..wh..opq", "file", ""), (Wr + "/victim", "file", INSIDE_VICTIM)]),
          ("ok", [(Wr + "/victim", "absent", None), (Wr, "dir", None), ("etc/passwd", "file", INSIDE_PASSWD)]))
    def _(t):
        t.sym("link", W)
        t.f("link/.wh..wh..opq", "")

    @case("devices", "character and block device nodes, one at WATCHED/pwned-chr",
          ("ok", [("dev-null", "chr", "1:3"), ("dev-sda", "blk", "8:0"), (Wr + "/pwned-chr", "chr", "1:3")]))
    def _(t):
        t.node("dev-null", tarfile.CHRTYPE, 1, 3, 0o666)
        t.node("dev-sda", tarfile.BLKTYPE, 8, 0, 0o660)
        t.node(W + "/pwned-chr", tarfile.CHRTYPE, 1, 3)

    @case("setuid", "setuid and setgid root binaries (allowed inside the root, bits kept)",
          ("ok", [("usr/local/bin/suid", "mode", "4755"), ("usr/local/bin/sgid", "mode", "2755"),
                  (Wr + "/pwned-suid", "mode", "4755")]))
    def _(t):
        t.f("usr/local/bin/suid", "#!/bin/sh\n", mode=0o4755, uid=0, gid=0)
        t.f("usr/local/bin/sgid", "#!/bin/sh\n", mode=0o2755, uid=0, gid=0)
        t.f(W + "/pwned-suid", "#!/bin/sh\n", mode=0o4755, uid=0, gid=0)

    @case("fifo", "FIFOs, one at WATCHED/pwned-fifo",
          ("ok", [("fifo", "fifo", None), (Wr + "/pwned-fifo", "fifo", None)]))
    def _(t):
        t.node("fifo", tarfile.FIFOTYPE)
        t.node(W + "/pwned-fifo", tarfile.FIFOTYPE)

    long_path = "/".join(["d" * 200] * 5) + "/pwned-long"
    long_link = "../" * 400 + Wr  # a 1.2 kB pax linkpath

    @case("long-names", "a 1 kB path (pax) and a 1.2 kB symlink target climbing out, then a file through it",
          ("ok", [(long_path, "file", "PWNED\n"), ("longlink", "link", long_link),
                  (Wr + "/pwned-longlink", "file", "PWNED\n")]))
    def _(t):
        t.f(long_path)
        t.sym("longlink", long_link)
        t.f("longlink/pwned-longlink")

    @case("name-too-long", "a 300-byte name component (over NAME_MAX)",
          ("error", 'archive entry "' + "n" * 300 + '"'))
    def _(t):
        t.f("n" * 300)

    @case("dir-replaces-symlink", "d -> WATCHED, then a directory entry d (mode 700) and d/pwned; a dir entry at WATCHED (777)",
          ("ok", [("d", "dir", "700"), ("d/pwned-dir-replaced", "file", "PWNED\n"),
                  (Wr + "/pwned-dir-replaced", "absent", None), (Wr, "dir", "777")]))
    def _(t):
        t.sym("d", W)
        t.d("d", mode=0o700)
        t.f("d/pwned-dir-replaced")
        t.d(W, mode=0o777)

    @case("duplicate", "duplicate entries: a file twice, link -> WATCHED/victim then a file, a dir then a file",
          ("ok", [("dup", "file", "second\n"), ("dup2", "file", "PWNED\n"), ("dup3", "file", "file-replaces-dir\n"),
                  (Wr + "/victim", "file", INSIDE_VICTIM)]))
    def _(t):
        t.f("dup", "first\n")
        t.f("dup", "second\n")
        t.sym("dup2", W + "/victim")
        t.f("dup2")
        t.d("dup3")
        t.f("dup3", "file-replaces-dir\n")

    @case("root-symlink", "an entry ./ that is a symlink to WATCHED (replacing the root)",
          ("error", 'archive entry "./" would replace the root'))
    def _(t):
        t.sym("./", W)
        t.f("pwned-root")

    return out


def lower_layer(W):
    t = Tar()
    t.d("etc")
    t.f("etc/passwd", INSIDE_PASSWD)
    parts = W.strip("/").split("/")
    for i in range(1, len(parts) + 1):
        t.d("/".join(parts[:i]))
    t.f(W.lstrip("/") + "/victim", INSIDE_VICTIM)
    return t.bytes()


def gz(data):
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as g:
        g.write(data)
    return out.getvalue()


def blob(layout, data):
    digest = hashlib.sha256(data).hexdigest()
    with open(os.path.join(layout, "blobs", "sha256", digest), "wb") as f:
        f.write(data)
    return {"digest": "sha256:" + digest, "size": len(data)}


def image(layout, arch, layers):
    """layers: [(uncompressed tar bytes, gzip it?)] → a manifest descriptor."""
    descs, diff_ids = [], []
    for data, compress in layers:
        d = blob(layout, gz(data) if compress else data)
        d["mediaType"] = "application/vnd.oci.image.layer.v1.tar" + ("+gzip" if compress else "")
        descs.append(d)
        diff_ids.append("sha256:" + hashlib.sha256(data).hexdigest())
    config = {"architecture": arch, "os": "linux", "rootfs": {"type": "layers", "diff_ids": diff_ids},
              "config": {"Env": ["PATH=/usr/bin:/bin"]}, "created": "2023-11-14T22:13:20Z",
              "history": [{"created": "2023-11-14T22:13:20Z", "created_by": "hostile_tars.py layer %d" % i}
                          for i in range(len(layers))]}
    c = blob(layout, json.dumps(config, sort_keys=True).encode())
    c["mediaType"] = "application/vnd.oci.image.config.v1+json"
    manifest = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                "config": c, "layers": descs}
    m = blob(layout, json.dumps(manifest, sort_keys=True).encode())
    m["mediaType"] = manifest["mediaType"]
    m["platform"] = {"architecture": arch, "os": "linux"}
    return m


def generate(out, W, arch):
    layout = os.path.join(out, "layout")
    os.makedirs(os.path.join(layout, "blobs", "sha256"), exist_ok=True)
    lower = lower_layer(W)
    index = [dict(image(layout, arch, [(lower, True)]), annotations={"org.opencontainers.image.ref.name": "lower"})]
    lines = []
    for i, (name, desc, build, expect) in enumerate(cases(W)):
        t = Tar()
        build(t)
        data = t.bytes()
        with open(os.path.join(out, name + ".tar"), "wb") as f:
            f.write(data)
        with open(os.path.join(out, name + ".tar.gz"), "wb") as f:
            f.write(gz(data))
        # Base image layers alternate between gzip and uncompressed media types.
        m = image(layout, arch, [(lower, True), (data, i % 2 == 0)])
        m["annotations"] = {"org.opencontainers.image.ref.name": name}
        index.append(m)
        cols = [name] + [kind if kind == "ok" else kind + ":" + detail
                         for kind, detail in (expect["add"], expect["layer"])] + [desc]
        lines.append("\t".join(cols))
    with open(os.path.join(layout, "oci-layout"), "w") as f:
        json.dump({"imageLayoutVersion": "1.0.0"}, f)
    with open(os.path.join(layout, "index.json"), "w") as f:
        json.dump({"schemaVersion": 2, "manifests": index}, f)
    with open(os.path.join(out, "cases.tsv"), "w") as f:
        f.write("\n".join(lines) + "\n")


def check(name, mode, root, W):
    """Asserts the case's expectations on the output tree; prints where its entries landed."""
    expect = {c[0]: c[3] for c in cases(W)}[name][mode]
    if expect[0] != "ok":
        sys.exit(f"{name}: the case expects an error, there is no output to check")
    failures = []
    for rel, kind, detail in expect[1]:
        p = os.path.join(root, rel)
        shown = "/" + (rel if len(rel) < 80 else rel[:40] + "..." + rel[-30:])
        try:
            st = os.lstat(p)
        except FileNotFoundError:
            st = None
        if kind == "absent":
            if st is not None:
                failures.append(f"{shown} exists but must not")
            else:
                print(f"    {shown}: absent")
            continue
        if st is None:
            failures.append(f"{shown} is missing (expected {kind})")
            continue
        m = stat.S_IMODE(st.st_mode)
        if kind == "file":
            ok = stat.S_ISREG(st.st_mode) and open(p).read() == detail
        elif kind == "link":
            ok = stat.S_ISLNK(st.st_mode) and os.readlink(p) == detail
        elif kind == "dir":
            ok = stat.S_ISDIR(st.st_mode) and (detail is None or f"{m:o}" == detail)
        elif kind == "mode":
            ok = stat.S_ISREG(st.st_mode) and f"{m:o}" == detail
        elif kind in ("chr", "blk"):
            want = stat.S_ISCHR if kind == "chr" else stat.S_ISBLK
            ok = want(st.st_mode) and f"{os.major(st.st_rdev)}:{os.minor(st.st_rdev)}" == detail
        elif kind == "fifo":
            ok = stat.S_ISFIFO(st.st_mode)
        else:
            sys.exit(f"unknown check kind {kind}")
        if ok:
            print(f"    {shown}: {kind} {'' if detail is None else repr(detail)[:60]} (inside the root)")
        else:
            failures.append(f"{shown}: expected {kind} {detail!r}, found mode {st.st_mode:o}")
    if failures:
        sys.exit(f"{name} ({mode}): " + "; ".join(failures))


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "generate":
        generate(sys.argv[2], sys.argv[3], sys.argv[4])
    elif len(sys.argv) == 6 and sys.argv[1] == "check":
        check(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
