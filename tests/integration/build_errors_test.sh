#!/usr/bin/env bash
# Bad input to `manifold build`: each gets a clear error naming the file/line/flag, a non-zero
# exit, and leaves nothing at the output destination.
source "$(dirname "$0")/lib.sh"
need_builds

ctx="$WORK/ctx"
mkdir -p "$ctx/bin" "$WORK/out"
echo app > "$ctx/bin/app-amd64"
build() { "$MANIFOLD" build --progress=plain "$@"; }
dockerfile() { printf '%s\n' "$@" > "$ctx/Dockerfile"; }

dockerfile 'FROM scratch' 'ARG TARGETARCH' 'COPY bin/app-${TARGETARCH} /usr/bin/app'
expect_failure "missing COPY source names platform and step" \
  "[linux/arm64 stage-0 2/2] COPY bin/app-arm64 /usr/bin/app: file not found in build context: bin/app-arm64" \
  build --platform linux/amd64,linux/arm64 --output "type=oci,dest=$WORK/out/a.tar" "$ctx"
[[ ! -e "$WORK/out/a.tar" ]] || fail "a failed build left $WORK/out/a.tar"
ok "failed build leaves no output file"

dockerfile 'FROM scratch' 'FORM x'
expect_failure "unknown instruction with location" "Dockerfile:2:1: unknown instruction: FORM" \
  build --output "type=oci,dest=$WORK/out/b.tar" "$ctx"

# (A name that is no stage is an image, as in Docker; an index past the last stage is an error.)
dockerfile 'FROM scratch' 'COPY --from=7 /a /b'
expect_failure "unknown stage" "--from=7: there is no stage with that index" build --output "type=oci,dest=$WORK/out/c.tar" "$ctx"

dockerfile 'FROM scratch' 'ENV PATH'
expect_failure "syntax error with line" "Dockerfile:2" build --output "type=oci,dest=$WORK/out/d.tar" "$ctx"

dockerfile 'FROM scratch' 'COPY bin/app-amd64 /app'
expect_failure "bad platform" "linux/arm65" build --platform linux/arm65 --output "type=oci,dest=$WORK/out/e.tar" "$ctx"
expect_failure "bad --output" "--output" build --output "type=oci,dest=$WORK/out/f.tar,compression=lz4" "$ctx"
expect_failure "unwritable dest" "/nonexistent-dir/x.tar" build --output "type=oci,dest=/nonexistent-dir/x.tar" "$ctx"
expect_failure "unknown --target" "--target" build --target nope --output "type=oci,dest=$WORK/out/g.tar" "$ctx"

dockerfile 'FROM scratch' 'COPY ../outside /x'
expect_failure "context escape via .." "outside the build context" build --output "type=oci,dest=$WORK/out/h.tar" "$ctx"
ln -s /etc "$ctx/etc-link"
dockerfile 'FROM scratch' 'COPY etc-link/passwd /x'
expect_failure "context escape via symlink" "points outside" build --output "type=oci,dest=$WORK/out/i.tar" "$ctx"
rm "$ctx/etc-link"

printf 'FROM scratch\nLABEL x=%s\n' "$(head -c 1100000 /dev/zero | tr '\0' a)" > "$ctx/Dockerfile"
expect_failure "huge line" "Dockerfile:2" build --output "type=oci,dest=$WORK/out/j.tar" "$ctx"
printf 'FROM scratch\nLABEL x=\xff\xfe\n' > "$ctx/Dockerfile"
expect_failure "invalid UTF-8" "Dockerfile:2" build --output "type=oci,dest=$WORK/out/k.tar" "$ctx"

[[ -z "$(ls -A "$WORK/out")" ]] || fail "failed builds left files: $(ls -A "$WORK/out")"
ok "no output of any failed build exists"
echo "$CHECKS checks passed"
