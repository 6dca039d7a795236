#!/usr/bin/env bash
# ADD https?://…: downloaded once (a source shared by all platforms), checked against --checksum,
# stored as a 0600 file named after the URL, Last-Modified kept as its mtime.
source "$(dirname "$0")/lib.sh"
need_builds
need curl

srv="$WORK/srv"
mkdir -p "$srv"
echo "payload" >"$srv/file.txt"
touch -d @1600000000 "$srv/file.txt"
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
(cd "$srv" && exec /usr/bin/python3 -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1) &
server=$!
trap 'kill $server 2>/dev/null; remove_work' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/file.txt" >/dev/null && break; sleep 0.05; done
sum=$(sha256sum "$srv/file.txt" | cut -d' ' -f1)

ctx="$WORK/ctx"
mkdir -p "$ctx"
printf 'FROM scratch\nADD --checksum=sha256:%s http://127.0.0.1:%s/file.txt /data/\nADD http://127.0.0.1:%s/file.txt?x=1 /renamed\n' \
  "$sum" "$port" "$port" >"$ctx/Dockerfile"
"$MANIFOLD" build --progress=plain --platform linux/amd64,linux/arm64 --output "type=local,dest=$WORK/out" "$ctx" \
  2>"$WORK/build.log" || { cat "$WORK/build.log"; fail "build with ADD of URLs"; }
assert_eq "the download into a directory keeps the URL's name" "payload" "$(cat "$WORK/out/linux_arm64/data/file.txt")"
assert_eq "the download to a file path" "payload" "$(cat "$WORK/out/linux_amd64/renamed")"
assert_eq "downloads are 0600 as BuildKit makes them" 600 "$(stat -c %a "$WORK/out/linux_amd64/data/file.txt")"
assert_eq "Last-Modified becomes the mtime" 1600000000 "$(stat -c %Y "$WORK/out/linux_amd64/data/file.txt")"
assert_eq "each URL downloaded once for both platforms" 1 "$(grep -c '^#[0-9]* \[.*internal\] ADD http://127.0.0.1:[0-9]*/file.txt$' "$WORK/build.log")"

printf 'FROM scratch\nADD --checksum=sha256:%064d http://127.0.0.1:%s/file.txt /x\n' 0 "$port" >"$ctx/Dockerfile"
expect_failure "a wrong --checksum is refused" "checksum mismatch" \
  "$MANIFOLD" build --progress=plain --output "type=local,dest=$WORK/bad" "$ctx"
printf 'FROM scratch\nADD http://127.0.0.1:%s/missing /x\n' "$port" >"$ctx/Dockerfile"
expect_failure "a 404 names the URL" "http://127.0.0.1:$port/missing: HTTP 404" \
  "$MANIFOLD" build --progress=plain --output "type=local,dest=$WORK/bad" "$ctx"
echo "$CHECKS checks passed"
