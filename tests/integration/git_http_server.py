# A loopback HTTP server for build_git_context_test.sh: git's smart HTTP (git http-backend as
# a CGI) under /, /private/ only with the test token in `Authorization: basic
# base64(x-access-token:TOKEN)` (what BuildKit sends for GIT_AUTH_TOKEN), static files under
# /files/, and under /v0/ the same repositories served with protocol v0 only (whose servers
# refuse a shallow fetch of a commit that no ref names). Usage: git_http_server.py ROOT PORT TOKEN LOG
import base64
import http.server
import os
import subprocess
import sys

root, port, token, log_path = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
wanted = base64.b64encode(f"x-access-token:{token}".encode()).decode()


def log(line):
    with open(log_path, "a") as f:
        f.write(line + "\n")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, headers, body):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.handle_any()

    def do_POST(self):
        self.handle_any()

    def read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            body = b""
            while True:
                size = int(self.rfile.readline().strip(), 16)
                if size == 0:
                    self.rfile.readline()
                    return body
                body += self.rfile.read(size)
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def handle_any(self):
        path, _, query = self.path.partition("?")
        auth = self.headers.get("Authorization", "")
        if path.startswith("/files/"):
            name = os.path.join(root, "files", os.path.basename(path))
            if not os.path.isfile(name):
                return self.reply(404, [], b"not found\n")
            with open(name, "rb") as f:
                return self.reply(200, [("Content-Type", "application/octet-stream")], f.read())
        if path.startswith("/private/"):
            scheme, _, value = auth.partition(" ")
            good = scheme.lower() == "basic" and value == wanted
            # Never the header itself: the test greps everything for the token.
            log(f"private {self.command} {path} auth={'good' if good else ('bad' if auth else 'none')}")
            if not good:
                return self.reply(401, [("WWW-Authenticate", 'Basic realm="git"')], b"")
        body = self.read_body()
        protocol = self.headers.get("Git-Protocol", "")
        if path.startswith("/v0/"):
            path, protocol = path[3:], ""
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "GIT_PROJECT_ROOT": root,
            "GIT_HTTP_EXPORT_ALL": "1",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "REQUEST_METHOD": self.command,
            "CONTENT_TYPE": self.headers.get("Content-Type", ""),
            "CONTENT_LENGTH": str(len(body)),
            "REMOTE_ADDR": "127.0.0.1",
            "GIT_PROTOCOL": protocol,
        }
        if self.headers.get("Content-Encoding"):
            env["HTTP_CONTENT_ENCODING"] = self.headers["Content-Encoding"]
        out = subprocess.run(["git", "http-backend"], input=body, env=env, capture_output=True).stdout
        sep = out.find(b"\r\n\r\n")
        head, payload = (out[:sep], out[sep + 4:]) if sep >= 0 else out.split(b"\n\n", 1)
        status, headers = 200, []
        for line in head.decode().splitlines():
            name, _, value = line.partition(":")
            if name.lower() == "status":
                status = int(value.strip().split()[0])
            elif name:
                headers.append((name, value.strip()))
        self.reply(status, headers, payload)


http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
