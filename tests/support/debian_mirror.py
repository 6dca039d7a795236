#!/usr/bin/python3
"""Prints the Debian mirror this machine's apt uses for SUITE (default bookworm), read from
/etc/apt/sources.list and /etc/apt/sources.list.d/*.list (one-line form) and *.sources (deb822),
as apt reads them. Exits 1 when no `deb` source names that suite.

usage: debian_mirror.py [SUITE]
"""
import glob, re, sys

suite = sys.argv[1] if len(sys.argv) > 1 else "bookworm"


def one_line(path):
    for line in open(path, encoding="utf-8", errors="replace"):
        line = line.split("#", 1)[0].strip()
        line = re.sub(r"\[[^\]]*\]", " ", line)  # [arch=amd64 signed-by=...]
        words = line.split()
        if len(words) >= 3 and words[0] == "deb":
            yield words[1], [words[2]]


def deb822(path):
    for paragraph in re.split(r"\n\s*\n", open(path, encoding="utf-8", errors="replace").read()):
        fields, key = {}, None
        for line in paragraph.splitlines():
            if line.startswith("#"):
                continue
            if line[:1] in (" ", "\t") and key:
                fields[key] += " " + line.strip()
            elif ":" in line:
                key, value = line.split(":", 1)
                key = key.strip().lower()
                fields[key] = value.strip()
        if fields.get("enabled", "yes").lower() == "no" or "deb" not in fields.get("types", "").split():
            continue
        for uri in fields.get("uris", "").split():
            yield uri, fields.get("suites", "").split()


paths = ["/etc/apt/sources.list"] + sorted(glob.glob("/etc/apt/sources.list.d/*"))
for path in paths:
    try:
        entries = deb822(path) if path.endswith(".sources") else one_line(path) if path.endswith(".list") else []
        for uri, suites in entries:
            if suite in suites:
                print(uri.rstrip("/"))
                sys.exit(0)
    except OSError:
        continue
sys.exit(1)
