#!/usr/bin/env python3
"""Writes the committed hand-made seeds under fuzz/corpus/<target>/: the deep and exploding shapes
the conformance data lacks. Run it after changing a seed here; commit what it writes (< 1 MB).

usage: fuzz/make_corpus.py
"""
import bz2, gzip, io, json, pathlib, tarfile

HERE = pathlib.Path(__file__).resolve().parent / "corpus"
EPOCH = 1700000000


def put(target, name, data):
    d = HERE / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data if isinstance(data, bytes) else data.encode())


def name36(i):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    s = ""
    while True:
        s = digits[i % 36] + s
        i //= 36
        if not i:
            return "s" + s


def dockerfiles():
    put("dockerfile", "env-doubling", "FROM scratch\nENV a=x\n" + "ENV a=$a$a\n" * 64 + "RUN echo $a\n")
    put("dockerfile", "arg-doubling", "ARG a=x\nFROM scratch\nARG a\n" + "ARG a=${a}${a}\n" * 64 + "LABEL l=$a\n")
    put("dockerfile", "label-doubling", "FROM scratch\nENV a=xy\n" + "LABEL a$a=$a$a$a\nENV a=$a$a\n" * 40)
    # Found by fuzzing: ${a//?/$a} writes len(a)^2 bytes (3,000 chars: 9 MB, 27 s under ASan).
    put("dockerfile", "replace-quadratic", "FROM scratch\nENV a=" + "x" * 3000 + "\nENV b=${a//?/$a}\n")
    nested = "".join("${v%d:-" % i for i in range(150)) + "end" + "}" * 150
    put("dockerfile", "nested-defaults", "FROM scratch\nENV x=" + nested + "\nRUN echo " + nested[:2000] + "\n")
    # 10,000 stages, each FROM the previous one (known stack overflow in the stage walk).
    lines = ["FROM scratch AS " + name36(0)] + [
        "FROM %s AS %s" % (name36(i - 1), name36(i)) for i in range(1, 10000)]
    put("dockerfile", "stage-chain-10000", "\n".join(lines) + "\nRUN true\n")
    put("dockerfile", "copy-from-chain",
        "FROM scratch AS s0\n" + "".join("FROM scratch AS s%d\nCOPY --from=s%d / /\n" % (i, i - 1) for i in range(1, 800)))
    put("dockerfile", "self-dependency", "FROM scratch AS a\nCOPY --from=b / /\nFROM a AS b\nCOPY --from=a / /\n")
    put("dockerfile", "long-continuation", "FROM scratch\nRUN a \\\n" + "  b \\\n" * 8000 + "  c\n")
    put("dockerfile", "continuation-comments", "FROM scratch\nRUN a \\\n" + "# c\n\n" * 3000 + "  b\n")
    put("dockerfile", "long-line", "FROM scratch\nRUN " + "x" * 60000 + "\n")
    put("dockerfile", "heredocs",
        "# syntax=docker/dockerfile:1\nFROM busybox\n"
        "RUN <<EOF\necho one\nEOF\n"
        "RUN <<-EOT bash\n\techo tabs\n\tEOT\n"
        "COPY <<a <<\"b\" /dst/\n$x\na\n${y}\nb\n"
        "RUN 3<<X cat /proc/self/fd/3 <<'Y'\nx\nX\ny\nY\n"
        "ONBUILD RUN <<E\nonbuild\nE\n")
    put("dockerfile", "heredoc-many", "FROM scratch\nRUN " + " ".join("<<H%d" % i for i in range(300)) + "\n" +
        "".join("body\nH%d\n" % i for i in range(300)))
    put("dockerfile", "heredoc-unterminated", "FROM scratch\nRUN <<EOF\n" + "line\n" * 2000)
    put("dockerfile", "onbuild-json", "FROM scratch\nONBUILD ONBUILD RUN x\nCMD " + "[" * 2000 + "]" * 2000 + "\n"
        "ENTRYPOINT [\"a\", \"\\u0000\", \"\\ud800\"]\nSHELL [\"/bin/sh\",\"-c\"]\nHEALTHCHECK --interval=1ns CMD x\n")
    put("dockerfile", "escape-directive", "\ufeff# escape=`\n# syntax=x\nFROM scratch\nRUN a `\n b\nCOPY --chown=$u:$g --chmod=7777 a b\n")
    put("dockerfile", "mounts",
        "FROM scratch\nRUN --mount=type=cache,target=/c,id=$x,sharing=locked --mount=type=secret,id=s,required "
        "--mount=type=bind,from=a,source=../../..,target=/ --network=none --security=insecure x\n")
    put("dockerfile", "platform-args",
        "ARG BASE=busybox\nFROM --platform=$BUILDPLATFORM ${BASE}:${TARGETARCH} AS b\nARG TARGETARCH TARGETVARIANT\n"
        "RUN echo ${TARGETARCH/arm/ARM}${TARGETVARIANT:+-$TARGETVARIANT}\nFROM --platform=linux/$x b\n")


def shells():
    def seed(flags, env, word):
        return bytes([flags]) + b"".join(e.encode() + b"\0" for e in env) + word.encode()
    put("shell", "nested-99", seed(0, ["a=1"], "${a:-" * 99 + "x" + "}" * 99))
    put("shell", "nested-101", seed(0, [], "${a:-" * 101 + "x" + "}" * 101))
    put("shell", "nested-1000", seed(0, [], "${a:-" * 1000 + "}" * 1000))
    put("shell", "nested-quotes", seed(0, [], "\"${a:-'${b:-\"${c:-`x`}\"}'}\"" * 50))
    put("shell", "pattern-backtrack", seed(0, ["a=" + "a" * 400], "${a##" + "*a" * 40 + "b}${a%%" + "*a" * 40 + "}"))
    put("shell", "replace-all", seed(0, ["a=" + "x" * 300], "${a//?/$a}"))
    put("shell", "replace-empty", seed(0, ["a=abc"], "${a//}${a/}${a//*/}${a/#/x}${a/%/y}"))
    put("shell", "bad-class", seed(0, ["a=abc"], "${a#[}${a%[z-a]}${a/[^/x}"))
    put("shell", "specials", seed(16, ["1=x"], "$1$@$*$#$?$-$$$!$0${10}${@:-a}${#a}"))
    put("shell", "error-message", seed(0, [], "${a:?" + "m" * 3000 + "}"))
    put("shell", "backtick-escape", seed(1, ["a=b"], "`$a``\"q`\"`'`"))
    put("shell", "many-vars", seed(0, ["v%d=%d" % (i, i) for i in range(500)], "".join("$v%d" % i for i in range(500))))


def dockerignores():
    put("dockerignore", "doublestar", ("**/" * 60 + "x").encode() + b"\0" + ("a/" * 200 + "x").encode())
    put("dockerignore", "star-backtrack", ("*a" * 60 + "b").encode() + b"\0" + ("a" * 3000).encode())
    put("dockerignore", "classes", b"[[\n[]\n[^]]\n[a-]\n[\\\n\\\n!\n! \n[z-a]\n**[!x]**\0[\0\\")
    put("dockerignore", "exceptions", b"*\n!a/**\n!b/*/c\n**/.git\n!**/keep\0a/b/c\0b/x/c\0d/.git/keep")
    put("dockerignore", "dotdot", b"../../x\n/a/../../../b\n./.\n\n\t \n#c\n\xef\xbb\xbfbom\0../x\0b\0a/../b")
    put("dockerignore", "deep-path", b"a/**/b/**/c\0" + b"a/" * 100 + b"b/c")
    put("dockerignore", "long-pattern", ("x" * 16000).encode())


class Tar:
    def __init__(self, fmt=tarfile.PAX_FORMAT):
        self.raw = io.BytesIO()
        self.t = tarfile.open(fileobj=self.raw, mode="w", format=fmt)

    def add(self, name, kind=tarfile.REGTYPE, data=b"", **kw):
        ti = tarfile.TarInfo(name)
        ti.type, ti.mtime, ti.mode = kind, EPOCH, 0o644
        for k, v in kw.items():
            setattr(ti, k, v)
        ti.size = len(data) if kind == tarfile.REGTYPE else 0
        self.t.addfile(ti, io.BytesIO(data) if ti.size else None)
        return self

    def bytes(self):
        self.t.close()
        return self.raw.getvalue()


def header(name, size_field, kind=b"0", link=b""):
    """A raw ustar header whose size field says what we like, checksum right."""
    h = bytearray(512)
    h[0:len(name)] = name
    h[100:108] = b"0000644\0"
    h[108:116] = b"0000000\0"
    h[116:124] = b"0000000\0"
    h[124:136] = size_field
    h[136:148] = b"%011o\0" % EPOCH
    h[148:156] = b" " * 8
    h[156:157] = kind
    h[157:157 + len(link)] = link
    h[257:265] = b"ustar\x0000"
    h[148:156] = b"%06o\0 " % sum(h)
    return bytes(h)


def pax(records, name=b"./PaxHeaders/x"):
    body = b""
    for k, v in records:
        rec = b" " + k + b"=" + v + b"\n"
        n = len(rec) + 1
        while len(str(n)) + len(rec) != n:
            n += 1
        body += str(n).encode() + rec
    pad = (-len(body)) % 512
    return header(name, b"%011o\0" % len(body), b"x") + body + b"\0" * pad


def tars():
    def put_tar(name, data, mode=0):
        put("tar_apply", name, bytes([mode]) + data)
    put_tar("dotdot", Tar().add("ok").add("../../../escaped").bytes())
    put_tar("absolute", Tar().add("/etc/passwd-absolute").add("/../../abs-dotdot").bytes())
    put_tar("symlink-escape", Tar().add("l", tarfile.SYMTYPE, linkname="/").add("l/etc/pwned")
            .add("r", tarfile.SYMTYPE, linkname="../" * 30 + "tmp").add("r/pwned", data=b"x").bytes())
    put_tar("symlink-dir-swap", Tar().add("d", tarfile.DIRTYPE, mode=0o755).add("d/f")
            .add("d", tarfile.SYMTYPE, linkname="/proc/self").add("d/f", data=b"y").bytes(), 2)
    put_tar("hardlink-outside", Tar().add("h", tarfile.LNKTYPE, linkname="/etc/passwd")
            .add("h2", tarfile.LNKTYPE, linkname="../../../etc/shadow").add("h", data=b"overwrite").bytes())
    put_tar("hardlink-via-symlink", Tar().add("s", tarfile.SYMTYPE, linkname="/etc")
            .add("h", tarfile.LNKTYPE, linkname="s/passwd").add("self", tarfile.LNKTYPE, linkname="self").bytes())
    # A file that says it holds 8 GiB - 1 and holds 5 bytes; and a base-256 size of 2^62.
    put_tar("huge-size-octal", header(b"big", b"77777777777\0") + b"x" * 512 + b"\0" * 1024)
    put_tar("huge-size-base256", header(b"big", b"\x80" + b"\0" * 3 + b"\x40" + b"\0" * 7) + b"\0" * 1536)
    put_tar("pax-huge-values", pax([(b"size", b"9" * 40), (b"mtime", b"1e400"), (b"uid", b"-1"),
                                    (b"path", b"a" * 5000), (b"linkpath", b"/" * 3000),
                                    (b"SCHILY.xattr.user.x", b"v" * 4000)]) + header(b"f", b"00000000000\0") + b"\0" * 1024)
    put_tar("pax-bad-length", header(b"p", b"00000000100\0", b"x") +
            (b"99999999999999 path=x\n" + b"\0" * 490) + header(b"f", b"00000000000\0") + b"\0" * 1024)
    put_tar("pax-overlay-xattrs", pax([(b"SCHILY.xattr.trusted.overlay.opaque", b"y"),
                                       (b"SCHILY.xattr.security.capability", b"\x01\x02"),
                                       (b"SCHILY.xattr.system.posix_acl_access", b"junk")], b"d/") +
            header(b"d/", b"00000000000\0", b"5") + b"\0" * 1024, 1)
    put_tar("whiteouts", Tar().add("a", tarfile.DIRTYPE, mode=0o755).add("a/.wh..wh..opq").add(".wh..wh..opq")
            .add(".wh.").add(".wh..").add("a/.wh...").add(".wh.a").add("b/.wh.c").bytes())
    put_tar("whiteouts-overlay", Tar().add("x").add(".wh.x").add("d/.wh..wh..opq").add(".wh..wh..opq").bytes(), 1)
    put_tar("devices", Tar().add("c", tarfile.CHRTYPE, devmajor=1, devminor=3).add("b", tarfile.BLKTYPE, devmajor=8)
            .add("p", tarfile.FIFOTYPE).add("c", data=b"write into the device?").bytes())
    put_tar("deep-dirs", Tar().add("d/" * 1500 + "f", data=b"deep").bytes())
    put_tar("modes", Tar().add("d", tarfile.DIRTYPE, mode=0).add("d/f", mode=0o7777)
            .add(".", tarfile.DIRTYPE, mode=0).add("", tarfile.DIRTYPE).bytes())
    t = Tar()
    for i in range(3000):
        t.add("many/%d" % i)
    put_tar("many-entries.gz", gzip.compress(t.bytes(), mtime=0))
    # 100 MB of zeros in a 10 KB bzip2 stream: more than the fuzzer's tmpfs holds.
    z = bz2.BZ2Compressor(9)
    out = z.compress(header(b"bomb", b"%011o\0" % (100 << 20)))
    block = b"\0" * (1 << 20)
    for _ in range(100):
        out += z.compress(block)
    out += z.compress(b"\0" * 1024) + z.flush()
    put_tar("bomb.bz2", out)
    put_tar("truncated.gz", gzip.compress(Tar().add("f", data=b"x" * 10000).bytes(), mtime=0)[:300])
    put_tar("gnu-longname", Tar(tarfile.GNU_FORMAT).add("L" * 300).add("S" * 200, tarfile.SYMTYPE, linkname="T" * 300).bytes())


def jsons():
    deep = "[" * 20000 + "]" * 20000
    put("image_json", "deep-array", deep)
    put("image_json", "deep-object", '{"a":' * 5000 + "1" + "}" * 5000)
    d = "sha256:" + "a" * 64
    manifest = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": d, "size": 7},
                "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": d, "size": 1}],
                "annotations": {"a": "b"}}
    put("image_json", "manifest-deep-annotations", json.dumps(dict(manifest, annotations={"a": deep[:5000]})))
    wrong = [("schemaVersion", "2"), ("layers", {}), ("config", None), ("mediaType", 5),
             ("annotations", {"a": 1}), ("subject", []), ("artifactType", {"x": 1})]
    for k, v in wrong:
        put("image_json", "manifest-wrong-%s" % k, json.dumps(dict(manifest, **{k: v})))
    for k, v in [("size", -1), ("size", 1e400), ("size", 18446744073709551616), ("size", "7"),
                 ("digest", "sha256:" + "A" * 64), ("digest", "sha256:"), ("digest", "md5:x"), ("urls", "x"),
                 ("data", "!!"), ("platform", {"os": 5})]:
        bad = dict(manifest)
        bad["config"] = dict(manifest["config"], **{k: v})
        put("image_json", "manifest-config-%s-%s" % (k, type(v).__name__), json.dumps(bad))
    index = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
             "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": d, "size": 1,
                            "platform": {"os": "linux", "architecture": "arm", "variant": "v7",
                                         "os.version": "1", "os.features": ["b", "a", "a"]}}] * 3}
    put("image_json", "index", json.dumps(index))
    put("image_json", "index-platform-types", json.dumps(dict(index, manifests=[dict(index["manifests"][0], platform={
        "os": ["linux"], "architecture": None, "os.features": "x"})])))
    config = {"architecture": "amd64", "os": "linux", "created": "2024-01-01T00:00:00.123456789+01:00",
              "config": {"Env": ["A=1", "B"], "Cmd": ["x"], "ExposedPorts": {"80/tcp": {}},
                         "Volumes": {"/v": {}}, "Labels": {"l": "v"}, "Healthcheck": {"Test": ["NONE"],
                                                                                       "Interval": -1}},
              "rootfs": {"type": "layers", "diff_ids": [d]},
              "history": [{"created": "bad date", "empty_layer": "yes"}]}
    put("image_json", "config", json.dumps(config))
    put("image_json", "config-wrong-types", json.dumps(dict(config, config={"Env": "A=1", "ExposedPorts": ["80"],
                                                                            "Healthcheck": {"Retries": 1e30}})))
    put("image_json", "unicode", '{"schemaVersion":2,"manifests":[],"annotations":{"\\ud800":"\\udfff\\u0000"}}')
    put("image_json", "duplicate-keys", '{"schemaVersion":2,"schemaVersion":3,"manifests":[],"manifests":{}}')


def uvarint(v):
    out = b""
    while v >= 0x80:
        out += bytes([(v & 0x7F) | 0x80])
        v >>= 7
    return out + bytes([v])


def go_elf(section, is64=True, little=True):
    """A minimal ELF (header, names, one .go.buildinfo section, section headers), as
    src/attest/go_buildinfo_test.cpp builds them."""
    import struct
    e = "<" if little else ">"
    names = b"\0.shstrtab\0.go.buildinfo\0"
    eh, sh = (64, 64) if is64 else (52, 40)
    body = bytearray(eh) + names
    body += bytes(-len(body) % 16)
    sec_at = len(body)
    body += section
    body += bytes(-len(body) % 8)
    shoff = len(body)

    def header(name, typ, off, size):
        if is64:
            return struct.pack(e + "IIQQQQIIQQ", name, typ, 0, 0, off, size, 0, 0, 1, 0)
        return struct.pack(e + "IIIIIIIIII", name, typ, 0, 0, off, size, 0, 0, 1, 0)

    body += header(0, 0, 0, 0) + header(1, 3, eh, len(names)) + header(11, 1, sec_at, len(section))
    ident = b"\x7fELF" + bytes([2 if is64 else 1, 1 if little else 2, 1]) + bytes(9)
    if is64:
        h = ident + struct.pack(e + "HHIQQQIHHHHHH", 2, 0xB7, 1, 0, 0, shoff, 0, eh, 0, 0, sh, 3, 1)
    else:
        h = ident + struct.pack(e + "HHIIIIIHHHHHH", 2, 0x28, 1, 0, 0, shoff, 0, eh, 0, 0, sh, 3, 1)
    body[:eh] = h
    return bytes(body)


def go_blob(version, modinfo, flags=2):
    framed = b"S" * 16 + modinfo + b"E" * 16
    return (b"\xff Go buildinf:" + bytes([8, flags]) + bytes(16) + uvarint(len(version)) + version +
            uvarint(len(framed)) + framed)


def packages():
    mod = (b"path\texample.com/app\nmod\texample.com/app\t(devel)\t\n"
           b"dep\texample.com/dep\tv0.1.0\n=>\t./dep\t(devel)\t\n"
           b"dep\tgolang.org/x/text\tv0.14.0\th1:abc=\n"
           b"build\t-compiler=gc\nbuild\t\"-ldflags\"=\"-s -w\"\nbuild\tGOARCH=arm64\n")
    put("go_buildinfo", "elf64-le", go_elf(go_blob(b"go1.21.5", mod)))
    put("go_buildinfo", "elf32-be", go_elf(go_blob(b"go1.19.8", mod), is64=False, little=False))
    put("go_buildinfo", "pointer-form", go_elf(go_blob(b"go1.17", mod, flags=0)))
    put("go_buildinfo", "section-only", go_blob(b"go1.21.5", mod))
    put("go_buildinfo", "modinfo-text", mod)
    put("package_db", "dpkg-status",
        "Package: busybox-static\nStatus: install ok installed\nSource: busybox (1:1.35.0-4)\n"
        "Version: 1:1.35.0-4+b1\nArchitecture: arm64\nMaintainer: Team <t@example.org>\n"
        "Description: x\n more\n\nPackage: gone\nStatus: deinstall ok config-files\nVersion: 1\n")
    put("package_db", "dep5", "Format: x\n\nFiles: *\nLicense: GPL-2+ or Artistic\n\nLicense: public-domain\n text\n")
    put("package_db", "apk", "P:musl\nV:1.2.4-r2\nA:aarch64\nL:MIT\no:musl\nm:A <a@example.org>\n\n")
    put("package_db", "metadata", "Metadata-Version: 2.1\nName: Foo_Bar\nVersion: 1.0\nLicense-Expression: MIT OR (Apache-2.0)\n")
    put("package_db", "package-json", '{"name":"@s/x","version":"1.0.0","licenses":[{"type":"MIT"},{"type":"ISC"}]}')
    put("package_db", "os-release", 'ID=debian\nVERSION_ID="12"\n')


def hcls():
    put("hcl", "bake", '''# a docker-bake.hcl
variable "TAG" { default = "latest" }
group "default" { targets = ["app"] }
target "app" {
  context    = "."
  dockerfile = "Dockerfile"
  tags       = ["localhost:5000/app:${TAG}", "x:${upper(s)}"]
  platforms  = [for p in ["amd64", "arm64"] : "linux/${p}"]
  args = {
    A = n * 2 + 1 > 3 ? "big" : "small"
    B = {for k, v in o : k => v...}
  }
  labels = { "a.b" = l[0], (s) = o.t[*], c = l.*.x }
}
''')
    put("hcl", "templates", 'a = "%{ for i, v in l ~} ${i}=${v} %{~ endfor } %{ if b }y%{ else }n%{ endif } $${x} %%{y} \\u00e9"\n'
        "b = <<-EOT\n    one ${s}\n      two\n    EOT\nc = <<EOT\n%{~ if true ~}\nx\n%{ endif }\nEOT\n")
    put("hcl", "operators", "a = -1 + 2 * 3 / 4 % 5 - !false == true != (1 < 2 && 3 <= 4 || 5 > 6 && 7 >= 8)\n"
        "b = id(l...) == list(1, \"x\")\nc = fail() || true\nd = z[*]\ne = l.0 == o[\"k\"]\n")
    put("hcl", "functions-string", 'a = format("%-5s|%05.1f|%[1]q|%#v|%x", s, n, o, 255)\n'
        'b = formatlist("%s=%d", ["a", "b"], [1, 2])\nc = join(",", split("/", "a/b/c"))\n'
        'd = [upper(s), lower("É"), title("a b"), chomp("x\\n"), trimspace(" x "), trim("?x?", "?")]\n'
        'e = [substr("héllo", 1, 3), strlen("e\\u0301"), reverse("abc"), indent(2, "a\\nb"), sanitize("a.b/c")]\n'
        'f = [replace("a-b", "-", "+"), trimprefix("ab", "a"), trimsuffix("ab", "b"), basename("/x/y"), dirname("/x/y")]\n')
    put("hcl", "functions-collection", 'a = [coalesce("", "x"), coalescelist([], l), compact(["", "a"]), concat(l, l), contains(l, 1)]\n'
        'b = [distinct([1, 1, 2]), element(l, 5), flatten([[1], [[2]]]), index(o, "k"), indexof(l, "x"), keys(o), values(o)]\n'
        'c = [length(o), lookup(o, "k", 0), merge(o, {a = 1}), range(1, 10, 3), reverselist(l), slice(l, 0, 1), sort(["b", "a"])]\n'
        'd = [zipmap(["a"], [1]), chunklist(range(7), 3), setproduct(l, l), setunion(l, [2]), setintersection(l, l), setsubtract(l, [1])]\n'
        'e = [hasindex(l, 0), sethaselement(l, 1), setsymmetricdifference(l, [1, 3]), range(100000), setproduct(range(1000), range(1000), l)]\n')
    put("hcl", "functions-other", 'a = [abs(-1), ceil(1.5), floor(-1.5), log(8, 2), max(1, 2), min(1, 2), parseint("ff", 16), pow(2, 10), signum(-2)]\n'
        'b = [add(1, 2), subtract(1, 2), multiply(2, 3), divide(1, 0), modulo(7, 3), negate(1), int(1.5), and(true, b), or(false, b), not(b)]\n'
        'c = [equal(1, 1), notequal(1, "1"), greaterthan(2, 1), lessthanorequalto(1, 1)]\n'
        'd = [base64encode(s), base64decode("eA=="), csvdecode("a,b\\n1,2"), jsonencode(o), jsondecode("{\\"a\\":[1,null]}"), urlencode("a b&")]\n'
        'e = [md5(s), sha1(s), sha256(s), sha512(s), uuidv5("dns", s), length(uuidv4())]\n'
        'f = [formatdate("DD MMM YYYY hh:mm ZZZ", "2018-01-02T23:12:01Z"), timeadd("2017-11-22T00:00:00Z", "1h10m"), formattimestamp("X", 0), unixtimestampparse(0)]\n'
        'g = [regex("(\\\\d+)-(?P<x>a)?", "12-a"), regexall("[a-z]+", "ab1cd"), regex_replace("abc", "(b)", "<$1>"), regex("(?i)A|b*?", "ab")]\n'
        'h = [semvercmp("1.2.3", ">= 1.0, < 2 || 3.x"), cidrhost("10.0.0.0/8", -1), cidrnetmask("10.0.0.0/12"), cidrsubnet("fd00::/56", 16, 162), cidrsubnets("10.1.0.0/16", 4, 8, 4)]\n')
    put("hcl", "convert", 'a = [convert("1", number), convert([1, "a"], list(any)), convert({a = 1}, map(string)), convert(l, set(string))]\n'
        'b = convert({x = 1, y = [o]}, object({x = string, y = list(object({k = optional(string), t = tuple([any])})), z = optional(bool)}))\n'
        'c = [can(convert(o, list(any))), try(convert(l, tuple([bool, string])), "no"), convert(z, map(list(set(number))))]\n'
        'd = [try(byteslen(s), 0), try(bytesslice(z, "1", 2), 0)]\n')
    put("hcl", "deep-brackets", "a = " + "[" * 400 + "]" * 400 + "\n")
    put("hcl", "deep-templates", "a = " + '"${' * 200 + "1" + '}"' * 200 + "\n")
    put("hcl", "deep-blocks", "b {\n" * 300 + "}\n" * 300)
    put("hcl", "long-chain", "a = 1" + " + 1" * 3000 + "\n")
    put("hcl", "nested-for", "a = [for x in [1,2,3,4,5,6,7,8,9,10]: [for y in [1,2,3,4,5,6,7,8,9,10]: "
        "[for z in [1,2,3,4,5,6,7,8,9,10]: \"${x}${y}${z}\"]]]\n")


hcls()
dockerfiles()
shells()
dockerignores()
tars()
jsons()
packages()
