#!/usr/bin/python3
"""A lying registry on loopback, for tests: it serves one image, app:1 (a single-platform OCI
manifest for linux/amd64, a config and one layer), and misbehaves as told.

usage: hostile_registry.py PORT_FILE LOG_FILE [OPTION...]
  --bind ADDR            listen on ADDR (default 127.0.0.1; 127.0.0.2 is "another host")
  --manifest KIND        normal | endless (200, no length, never ends) | huge (Content-Length
                         200 MB, zeros) | trickle (one byte every 0.5 s)
  --errors KIND          normal | endless (404 answers have a body that never ends) | ansi (404
                         answers' message holds terminal escapes)
  --config-size N        the config descriptor says N bytes (its GET sends the real config)
  --config-body endless  the config GET never ends
  --layer-size N         the layer descriptor says N bytes (default: the real size)
  --layer-body KIND      real | endless (never ends) | slow:BYTES_PER_SECOND
  --annotations ansi     the manifest's annotations hold terminal escapes
  --realm URL            401 Bearer realm="URL" to requests without a Bearer token
  --basic USER:PASS      401 Basic to requests without these credentials
  --redirect-blobs URL   blob GETs answer 307 to URL + the blob's path ("self": to itself, a loop)
  --token                act as a token service: any GET answers {"token": "t"}
Writes the port it listens on to PORT_FILE and one line per request to LOG_FILE:
"METHOD PATH authorization=VALUE" (VALUE "-" when absent). Stops when killed.
"""
import hashlib, http.server, json, socketserver, sys, threading, time

port_file, log_file = sys.argv[1], sys.argv[2]
opts = {"bind": "127.0.0.1", "manifest": "normal", "errors": "normal", "layer-body": "real"}
args = sys.argv[3:]
i = 0
while i < len(args):
    key = args[i][2:]
    if key == "token":
        opts[key] = True
        i += 1
    else:
        opts[key] = args[i + 1]
        i += 2

ESC = "\x1b"
ANSI = ESC + "[2J" + ESC + "]0;pwned" + "\x07" + ESC + "[31mred" + "\u009b" + "K"

LAYER = b"manifold hostile layer\n" * 1000
layer_digest = "sha256:" + hashlib.sha256(LAYER).hexdigest()
layer_size = int(opts.get("layer-size", len(LAYER)))
config = {"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers", "diff_ids": [layer_digest]},
          "config": {}}
CONFIG = json.dumps(config).encode()
config_digest = "sha256:" + hashlib.sha256(CONFIG).hexdigest()
manifest = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config_digest,
                       "size": int(opts.get("config-size", len(CONFIG)))},
            "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": layer_digest,
                        "size": layer_size}]}
if opts.get("annotations") == "ansi":
    manifest["annotations"] = {"org.example.note" + ESC + "[1m": "hello" + ANSI}
MANIFEST = json.dumps(manifest).encode()
manifest_digest = "sha256:" + hashlib.sha256(MANIFEST).hexdigest()
if opts.get("annotations") == "ansi":
    # An index, so that imagetools prints its entries' annotations and platform.
    child = MANIFEST
    index = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
             "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": manifest_digest,
                            "size": len(child), "platform": {"architecture": "amd64", "os": "linux"},
                            "annotations": {"note" + ESC + "[5m": "x" + ANSI}}]}
    INDEX = json.dumps(index).encode()
else:
    INDEX = None

log = open(log_file, "a", buffering=1)
lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def log_request_line(self):
        with lock:
            log.write("%s %s authorization=%s\n" % (self.command, self.path, self.headers.get("Authorization", "-")))

    def send_bytes(self, status, body, ctype="application/json", extra=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_endless(self, status, ctype="application/json", rate=None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        chunk = b"[" * 65536 if rate is None else b"x" * max(1, rate // 10)
        try:
            while True:
                self.wfile.write(chunk)
                if rate is not None:
                    self.wfile.flush()
                    time.sleep(0.1)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def error(self, status, code, message):
        if opts["errors"] == "endless":
            return self.send_endless(status)
        if opts["errors"] == "ansi":
            message = message + " " + ANSI
        body = json.dumps({"errors": [{"code": code, "message": message}]}, ensure_ascii=False).encode()
        self.send_bytes(status, body)

    def read_body(self):
        length = int(self.headers.get("Content-Length", "0") or 0)
        if length:
            self.rfile.read(length)

    def authorized(self):
        auth = self.headers.get("Authorization", "")
        if "realm" in opts and not auth.startswith("Bearer "):
            self.send_bytes(401, b'{"errors":[{"code":"UNAUTHORIZED","message":"token please"}]}',
                            extra=[("WWW-Authenticate", 'Bearer realm="%s",service="hostile"' % opts["realm"])])
            return False
        if "basic" in opts:
            import base64
            want = "Basic " + base64.b64encode(opts["basic"].encode()).decode()
            if auth != want:
                self.send_bytes(401, b'{"errors":[{"code":"UNAUTHORIZED","message":"who are you"}]}',
                                extra=[("WWW-Authenticate", 'Basic realm="hostile"')])
                return False
        return True

    def handle_any(self):
        self.log_request_line()
        self.read_body()
        path = self.path.split("?")[0]
        if opts.get("token"):
            return self.send_bytes(200, b'{"token":"t","expires_in":300}')
        if not self.authorized():
            return
        if path == "/v2/":
            return self.send_bytes(200, b"{}")
        if path.startswith("/v2/app/manifests/"):
            ref = path.rsplit("/", 1)[1]
            if ref not in ("1", manifest_digest) or self.command not in ("GET", "HEAD"):
                return self.error(404, "MANIFEST_UNKNOWN", "manifest unknown")
            kind = opts["manifest"]
            if INDEX is not None and ref == "1":
                return self.send_bytes(200, INDEX, "application/vnd.oci.image.index.v1+json",
                                       [("Docker-Content-Digest", "sha256:" + hashlib.sha256(INDEX).hexdigest())])
            if kind == "endless" and self.command == "GET":
                return self.send_endless(200, "application/vnd.oci.image.manifest.v1+json")
            if kind == "huge" and self.command == "GET":
                self.send_response(200)
                self.send_header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                self.send_header("Content-Length", str(200 * 1000 * 1000))
                self.end_headers()
                try:
                    for _ in range(200 * 1000 * 1000 // 65536):
                        self.wfile.write(b"\0" * 65536)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True
                return
            if kind == "trickle" and self.command == "GET":
                self.send_response(200)
                self.send_header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                self.send_header("Content-Length", str(len(MANIFEST)))
                self.end_headers()
                try:
                    for b in MANIFEST:
                        self.wfile.write(bytes([b]))
                        self.wfile.flush()
                        time.sleep(0.5)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True
                return
            return self.send_bytes(200, MANIFEST, "application/vnd.oci.image.manifest.v1+json",
                                   [("Docker-Content-Digest", manifest_digest)])
        if path.startswith("/v2/app/blobs/") and self.command in ("GET", "HEAD"):
            digest = path.rsplit("/", 1)[1]
            if "redirect-blobs" in opts and self.command == "GET":
                self.send_response(307)
                target = opts["redirect-blobs"]
                if target == "self":  # a redirect loop
                    target = "http://%s:%d" % server.server_address
                self.send_header("Location", target + path)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if digest == config_digest:
                if opts.get("config-body") == "endless" and self.command == "GET":
                    return self.send_endless(200, "application/octet-stream")
                return self.send_bytes(200, CONFIG, "application/octet-stream")
            if digest == layer_digest:
                body = opts["layer-body"]
                if self.command == "GET" and body == "endless":
                    return self.send_endless(200, "application/octet-stream")
                if self.command == "GET" and body.startswith("slow:"):
                    return self.send_endless(200, "application/octet-stream", rate=int(body[5:]))
                return self.send_bytes(200, LAYER, "application/octet-stream")
            return self.error(404, "BLOB_UNKNOWN", "blob unknown")
        # Anything else (e.g. the token path on a redirect target): answer and log.
        return self.send_bytes(200, b"{}")

    do_GET = do_HEAD = do_PUT = do_POST = do_PATCH = do_DELETE = handle_any


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


server = Server((opts["bind"], 0), Handler)
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
import os
os.rename(port_file + ".tmp", port_file)
server.serve_forever()
