# Downloaded fixtures for integration tests and benchmarks (source it; it needs `skip MESSAGE`).

# Downloaded fixtures (Debian .debs, Go's build cache) are kept once per machine for root and
# once per user for others (a user cannot write /var/cache); sbom_rootfs.sh reads it too.
if [[ -z ${MANIFOLD_FIXTURE_CACHE:-} ]]; then
  if [[ $(id -u) == 0 ]]; then
    MANIFOLD_FIXTURE_CACHE=/var/cache/manifold-fixtures
  else
    MANIFOLD_FIXTURE_CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/manifold-fixtures
  fi
fi
export MANIFOLD_FIXTURE_CACHE
# busybox_deb ARCH (a dpkg architecture): sets BUSYBOX_DEB to Debian's busybox-static .deb for
# ARCH: from the fixture cache, else root's (read-only, for a user) or apt's archives, else
# downloaded into the fixture cache. apt-get download works as any user; adding a foreign
# architecture to dpkg (and the `apt-get update` after it) needs root, and a user skips.
busybox_deb() {
  local arch=$1 dir
  for dir in "$MANIFOLD_FIXTURE_CACHE" /var/cache/manifold-fixtures /var/cache/apt/archives; do
    BUSYBOX_DEB=$(compgen -G "$dir/busybox-static_*_$arch.deb" | head -1 || true)
    [[ -z $BUSYBOX_DEB ]] || return 0
  done
  if [[ $arch != "$(dpkg --print-architecture)" ]] && ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
    [[ $(id -u) == 0 ]] ||
      skip "busybox-static:$arch needs dpkg's $arch architecture: run \`dpkg --add-architecture $arch && apt-get update\` once as root"
    dpkg --add-architecture "$arch"
    # One armhf index of the mirror is known to be broken: apt-get update may exit 100 anyway.
    apt-get update -qq >/dev/null 2>&1 || true
  fi
  mkdir -p "$MANIFOLD_FIXTURE_CACHE" || skip "cannot create the fixture cache $MANIFOLD_FIXTURE_CACHE"
  (cd "$MANIFOLD_FIXTURE_CACHE" && apt-get download -qq "busybox-static:$arch" >/dev/null 2>&1) ||
    skip "cannot download busybox-static:$arch from the Debian mirror"
  BUSYBOX_DEB=$(compgen -G "$MANIFOLD_FIXTURE_CACHE/busybox-static_*_$arch.deb" | head -1)
}
