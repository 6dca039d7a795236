#!/usr/bin/env bash
# RUN --mount: persistent caches (shared/locked/private, owner and mode), secrets (file and env,
# never in a layer, the store or the log), binds of the context and of stages (read-only, or
# writable with the writes dropped), tmpfs, and none of their mount points left in the image.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/registry_lib.sh"
need_builds
need runc
need skopeo
need docker-registry
need_arm64_emulation

registry_with_busybox  # sets R; $R/busybox:latest is the multi-arch base
ctx="$WORK/ctx"
mkdir -p "$ctx"
build() { "$MANIFOLD" build --progress=plain "$@" "$ctx" 2>"$WORK/build.log" || { cat "$WORK/build.log"; fail "build $*"; }; }

# --- cache mounts persist across builds and never reach the layer.
cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $R/busybox:latest
RUN --mount=type=cache,target=/etc/app-cache sh -c 'echo run >> /etc/app-cache/log; wc -l < /etc/app-cache/log > /count'
RUN --mount=type=cache,id=owned,target=/owned,uid=1000,gid=1000,mode=0700 stat -c %u:%g:%a /owned > /owned-stat
DOCKERFILE
build --output "type=local,dest=$WORK/c1"
build --no-cache --output "type=local,dest=$WORK/c2"  # the steps run again, not from the build cache
assert_eq "a cache mount starts empty" 1 "$(xargs <"$WORK/c1/count")"
assert_eq "a cache mount keeps its files for the next build" 2 "$(xargs <"$WORK/c2/count")"
assert_eq "a cache mount gets its uid, gid and mode" "1000:1000:700" "$(cat "$WORK/c1/owned-stat")"
[[ ! -e "$WORK/c2/etc/app-cache" && ! -e "$WORK/c2/owned" ]] || fail "a cache mount's target is in the image"
[[ -f "$WORK/c2/etc/passwd" ]] || fail "/etc of the base lost its files"
ok "cache mount points are not in the image"

# Two platforms at once on one locked cache: the steps take turns (a step that finds the
# marker of another would fail).
cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $R/busybox:latest
RUN --mount=type=cache,target=/c,sharing=locked sh -c 'test ! -e /c/busy && touch /c/busy && sleep 1 && rm /c/busy && uname -m >> /c/seen'
RUN --mount=type=cache,target=/c,sharing=locked cat /c/seen > /seen
DOCKERFILE
build --platform linux/amd64,linux/arm64 --output "type=local,dest=$WORK/lk"
assert_eq "a locked cache is used by one step at a time, and shared by platforms" "2" "$(wc -l <"$WORK/lk/linux_arm64/seen" | xargs)"

# --- secrets: a file and an environment variable; in no blob, no layer and no log line.
secret_value="s3cr3t-$RANDOM-value"
printf '%s' "$secret_value" >"$WORK/token"
# The Dockerfile holds only hashes: the value itself must appear nowhere but in the secret.
token_hash=$(sha256sum <"$WORK/token" | cut -d' ' -f1)
env_hash=$(printf 'from-env-%s' "$secret_value" | sha256sum | cut -d' ' -f1)
cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $R/busybox:latest
RUN --mount=type=secret,id=token test "\$(sha256sum < /run/secrets/token | cut -d' ' -f1)" = "$token_hash"
RUN --mount=type=secret,id=envtok,env=API_TOKEN test "\$(printf %s "\$API_TOKEN" | sha256sum | cut -d' ' -f1)" = "$env_hash"
RUN --mount=type=secret,id=token echo "leak: \$(cat /run/secrets/token)"
RUN --mount=type=secret,id=absent test ! -e /run/secrets/absent
DOCKERFILE
API_SOURCE="from-env-$secret_value" build --secret "id=token,src=$WORK/token" --secret id=envtok,env=API_SOURCE \
  --output "type=oci,dest=$WORK/secret.tar"
assert_contains "secret values are masked in the log" "leak: ****" "$(cat "$WORK/build.log")"
grep -q -- "$secret_value" "$WORK/build.log" && fail "the secret's value is in the build log"
ok "the secret's value is not in the log"
hits=0
for blob in "$MANIFOLD_ROOT"/content/blobs/sha256/*; do
  if (zcat -f "$blob" 2>/dev/null || cat "$blob") | grep -aq -- "$secret_value"; then hits=$((hits + 1)); fi
done
assert_eq "no blob in the content store holds the secret" 0 "$hits"
mkdir -p "$WORK/secret-layout" && tar -xf "$WORK/secret.tar" -C "$WORK/secret-layout"
skopeo copy -q "oci:$WORK/secret-layout" "dir:$WORK/secret-dir" || fail "skopeo reads the image"
for layer in "$WORK"/secret-dir/*; do
  [[ $(head -c2 "$layer" | od -An -tx1 | xargs) == "1f 8b" ]] || continue
  if tar -tzf "$layer" | grep -q '^run/'; then fail "a layer holds /run (the secret's mount point)"; fi
done
ok "no layer holds the secrets' mount points"
printf 'FROM %s/busybox:latest\nRUN --mount=type=secret,id=token,target=/etc/app/key,mode=0440,uid=1000 stat -c %%a:%%u /etc/app/key > /keymode\nRUN --mount=type=secret,id=token stat -c %%a /run/secrets/token > /mode\n' "$R" >"$ctx/Dockerfile"
build --secret "id=token,src=$WORK/token" --output "type=local,dest=$WORK/sm"
assert_eq "a secret's default mode is 0400" 400 "$(cat "$WORK/sm/mode")"
assert_eq "a secret takes mode and uid" "440:1000" "$(cat "$WORK/sm/keymode")"
[[ ! -e "$WORK/sm/run" && ! -e "$WORK/sm/etc/app" ]] || fail "a secret's mount point is in the image"
ok "secret mount points are removed"
printf 'FROM %s/busybox:latest\nRUN --mount=type=secret,id=missing,required true\n' "$R" >"$ctx/Dockerfile"
expect_failure "a required secret that was not given names the flag to add" "--secret id=missing" \
  "$MANIFOLD" build --progress=plain --output "type=local,dest=$WORK/x" "$ctx"
expect_failure "an unreadable --secret source is named" "$WORK/nope" \
  "$MANIFOLD" build --progress=plain --secret "id=a,src=$WORK/nope" --output "type=local,dest=$WORK/x" "$ctx"

# --- bind mounts: the context (as .dockerignore leaves it), a stage; read-only unless rw.
echo "from the context" >"$ctx/hello.txt"
echo "secret-ish" >"$ctx/ignored.txt"
echo ignored.txt >"$ctx/.dockerignore"
cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $R/busybox:latest AS tools
RUN echo "made in a stage" > /made
FROM $R/busybox:latest
RUN --mount=type=bind,target=/src cp /src/hello.txt /copied && test ! -e /src/ignored.txt && ! touch /src/x 2>/dev/null
RUN --mount=type=bind,from=tools,source=/made,target=/in/made cat /in/made > /from-stage
RUN --mount=type=bind,target=/src,rw touch /src/written && test -e /src/written
RUN --mount=type=tmpfs,target=/scratch,size=16m sh -c 'echo x > /scratch/f && grep " /scratch tmpfs" /proc/mounts > /tmpfs-line'
DOCKERFILE
build --platform linux/arm64 --output "type=local,dest=$WORK/b"
assert_eq "a bind mount of the context" "from the context" "$(cat "$WORK/b/copied")"
assert_eq "a bind mount of a stage's file" "made in a stage" "$(cat "$WORK/b/from-stage")"
assert_contains "a tmpfs mount" "/scratch tmpfs" "$(cat "$WORK/b/tmpfs-line")"
[[ ! -e "$ctx/written" ]] || fail "a rw bind mount wrote into the context"
for stub in src in scratch; do [[ ! -e "$WORK/b/$stub" ]] || fail "the mount point /$stub is in the image"; done
ok "writes to a rw bind are dropped; no mount point is left in the image"

# --- bad --mount values point at the Dockerfile line.
printf 'FROM %s/busybox:latest\nRUN --mount=type=bogus,target=/x true\n' "$R" >"$ctx/Dockerfile"
expect_failure "an unknown mount type is named with its line" "Dockerfile:2" \
  "$MANIFOLD" build --progress=plain --output "type=local,dest=$WORK/x" "$ctx"
printf 'FROM %s/busybox:latest\nRUN --mount=type=cache true\n' "$R" >"$ctx/Dockerfile"
expect_failure "a cache mount without a target" "type=cache needs a target" \
  "$MANIFOLD" build --progress=plain --output "type=local,dest=$WORK/x" "$ctx"
printf 'FROM %s/busybox:latest AS a\nFROM %s/busybox:latest\nRUN --mount=type=bind,from=a,source=/nope,target=/x true\n' "$R" "$R" >"$ctx/Dockerfile"
expect_failure "a bind source missing in the stage is named" "source /nope does not exist" \
  "$MANIFOLD" build --progress=plain --output "type=local,dest=$WORK/x" "$ctx"
echo "$CHECKS checks passed"
