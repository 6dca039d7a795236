# manifold's own image, built by manifold, for running rootless builds in CI containers
# (README "Rootless: in a CI container"):
#   manifold build -t manifold .
# The base is any Debian bookworm image (--build-arg DEBIAN=…, or a named context of that name);
# `--build-context binary=DIR` puts DIR/manifold in the image instead of compiling it here;
# `--build-arg SOURCE=URL` fills the org.opencontainers.image.source label.
ARG DEBIAN=debian:bookworm-slim

# Compiles manifold: the libraries of scripts/setup, a Release build without tests.
FROM ${DEBIAN} AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      g++ cmake ninja-build pkg-config \
      libssl-dev libarchive-dev zlib1g-dev libisal-dev libzstd-dev nlohmann-json3-dev \
      libcli11-dev libfmt-dev libsqlite3-dev libcurl4-openssl-dev libyaml-cpp-dev libcrypt-dev \
 && apt-get clean && rm -rf /var/lib/apt/lists/*
# The commit `manifold version` names (the context has no .git): --build-arg COMMIT=$(git rev-parse --short=12 HEAD)
ARG COMMIT=""
WORKDIR /src
COPY . .
RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DMANIFOLD_TESTS=OFF -DMANIFOLD_WERROR=OFF \
      -DMANIFOLD_GIT_COMMIT="${COMMIT}" \
 && cmake --build /build --target manifold -j "$(nproc)" \
 && strip -o /manifold /build/src/cli/manifold

# The binary alone: a named context `binary` (a directory holding `manifold`) replaces this stage.
FROM scratch AS binary
COPY --from=build /manifold /manifold

# The image: manifold, the libraries it links (a Release build carries its C++ runtime, fmt, SQLite,
# yaml-cpp and libxcrypt: cmake/static_deps.cmake) and loads (libarchive, libcurl, libcrypto), the programs it
# runs (runc; newuidmap/newgidmap, with file capabilities instead of the setuid bit, which an
# unprivileged container cannot honour; slirp4netns; git and ssh for remote contexts and nodes),
# and a user with subordinate ids. No QEMU: the host's binfmt handlers (F flag) serve containers.
FROM ${DEBIAN}
# Packages a replaced binary needs beyond a Release build's (a sanitizer build: its runtimes and
# the libraries a Release build links statically).
ARG EXTRA_PACKAGES=""
ARG SOURCE=""
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libarchive13 libcurl4 libisal2 libssl3 libzstd1 zlib1g \
      runc uidmap slirp4netns ca-certificates git openssh-client libcap2-bin ${EXTRA_PACKAGES} \
 && chmod u-s /usr/bin/newuidmap /usr/bin/newgidmap \
 && setcap cap_setuid+ep /usr/bin/newuidmap \
 && setcap cap_setgid+ep /usr/bin/newgidmap \
 && DEBIAN_FRONTEND=noninteractive apt-get purge -y --auto-remove libcap2-bin \
 && apt-get clean \
 && rm -rf /var/lib/apt/lists/* /var/log/apt /var/log/dpkg.log \
 && useradd --create-home --uid 1000 --shell /bin/bash builder \
 && echo builder:100000:65536 >/etc/subuid \
 && echo builder:100000:65536 >/etc/subgid
COPY --from=binary /manifold /usr/local/bin/manifold
USER builder
WORKDIR /home/builder
ENTRYPOINT ["manifold"]
LABEL org.opencontainers.image.title="manifold" \
      org.opencontainers.image.description="manifold, a daemonless multi-platform image builder (docker buildx build), for rootless builds in CI containers" \
      org.opencontainers.image.source="${SOURCE}"
