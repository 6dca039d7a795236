#!/usr/bin/env bash
# Makes a small Debian-like root filesystem from real Debian material for the SBOM tests:
# busybox-static's .deb extracted with its real control fields written as /var/lib/dpkg/status,
# and a Go binary built by Debian's Go toolchain for linux/arm64 from a module with a local
# dependency (replace => ./dep). No network beyond the Debian mirror apt-get already uses.
#
# usage: sbom_rootfs.sh ROOT EXPECTED_ENV   (exit 77 when golang-go or the .deb is unavailable)
# EXPECTED_ENV receives what the test must find, as read here with Debian's own tools:
# DEB_VERSION, DEB_ARCH, DISTRO, GO_VERSION.
set -euo pipefail
root=$1 expected=$2
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

command -v go >/dev/null || { echo "golang-go is not installed (scripts/setup installs it)" >&2; exit 77; }
cache=${MANIFOLD_FIXTURE_CACHE:-/var/cache/manifold-fixtures}
# The arm64 .deb the busybox fixture keeps (tests/integration/registry_lib.sh); else the host's.
deb=$(compgen -G "$cache/busybox-static_*_arm64.deb" | head -1 || true)
# A user's cache (lib.sh) may be empty where root's has it: read root's then.
[[ -n $deb ]] || deb=$(compgen -G "/var/cache/manifold-fixtures/busybox-static_*_arm64.deb" | head -1 || true)
if [[ -z $deb ]]; then
  (cd "$work" && apt-get download -qq busybox-static >/dev/null 2>&1) ||
    { echo "cannot download busybox-static from the Debian mirror" >&2; exit 77; }
  deb=$(compgen -G "$work/busybox-static_*.deb" | head -1)
fi

mkdir -p "$root/var/lib/dpkg" "$root/etc" "$root/usr/local/bin"
dpkg-deb -x "$deb" "$root"
# dpkg writes Status right after Package in its database; the rest are the control fields.
dpkg-deb -f "$deb" | sed '1a Status: install ok installed' >"$root/var/lib/dpkg/status"
cp /etc/os-release "$root/etc/os-release"

mkdir -p "$work/app/dep"
cat >"$work/app/go.mod" <<'GOMOD'
module example.com/app

go 1.18

require example.com/dep v0.1.0

replace example.com/dep => ./dep
GOMOD
printf 'module example.com/dep\n\ngo 1.18\n' >"$work/app/dep/go.mod"
printf 'package dep\n\nfunc Hello() string { return "hello" }\n' >"$work/app/dep/dep.go"
printf 'package main\n\nimport "example.com/dep"\n\nfunc main() { println(dep.Hello()) }\n' >"$work/app/main.go"
# Go's build cache is content-addressed and safe to share: kept beside the fixture .debs it makes
# a rerun take a second instead of compiling the arm64 runtime again (15-30 s here).
gocache="$work/gocache"
mkdir -p "$cache/gocache" 2>/dev/null && [[ -w "$cache/gocache" ]] && gocache="$cache/gocache"
(cd "$work/app" && GOARCH=arm64 GOOS=linux CGO_ENABLED=0 GOFLAGS=-mod=mod GOPROXY=off GOWORK=off \
  GOCACHE="$gocache" GOPATH="$work/gopath" GOTOOLCHAIN=local go build -o "$root/usr/local/bin/app" .)

# shellcheck disable=SC1091
. /etc/os-release
{
  echo "DEB_VERSION=$(dpkg-deb -f "$deb" Version)"
  echo "DEB_ARCH=$(dpkg-deb -f "$deb" Architecture)"
  echo "DISTRO=$ID-$VERSION_ID"
  echo "GO_VERSION=$(go env GOVERSION)"
} >"$expected"
