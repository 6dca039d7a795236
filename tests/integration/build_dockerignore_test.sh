#!/usr/bin/env bash
# .dockerignore as Docker applies it to `COPY . /dst`: excluded directories are left out unless a
# `!` exception re-includes something inside them, which then arrives with its parents only.
source "$(dirname "$0")/lib.sh"
need_builds

ctx="$WORK/ctx"
mkdir -p "$ctx/dir/sub" "$ctx/other" "$ctx/logs/deep"
echo keep >"$ctx/dir/keep"
echo drop >"$ctx/dir/drop"
echo nested >"$ctx/dir/sub/nested"
echo x >"$ctx/other/x"
echo a >"$ctx/logs/a.tmp"
echo b >"$ctx/logs/deep/important.tmp"
echo c >"$ctx/logs/deep/c.tmp"
echo top >"$ctx/top.txt"
printf 'dir\n!dir/keep\nother\n**/*.tmp\n!logs/deep/important.tmp\nDockerfile\n' >"$ctx/.dockerignore"
printf 'FROM scratch\nCOPY . /dst/\n' >"$ctx/Dockerfile"
"$MANIFOLD" build --progress=plain --output "type=local,dest=$WORK/out" "$ctx" 2>"$WORK/build.log" ||
  { cat "$WORK/build.log"; fail "build"; }
assert_eq "what COPY . copied" \
  "dst dst/.dockerignore dst/dir dst/dir/keep dst/logs dst/logs/deep dst/logs/deep/important.tmp dst/top.txt" \
  "$(cd "$WORK/out" && find . -mindepth 1 | sed 's|^\./||' | sort | xargs)"
echo "$CHECKS checks passed"
