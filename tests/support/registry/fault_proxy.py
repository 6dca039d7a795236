#!/usr/bin/python3
"""A loopback HTTP reverse proxy in front of a registry that injects faults, for tests.

usage: fault_proxy.py UPSTREAM_HOST:PORT PORT_FILE LOG_FILE [RULE...]
  --fail     'METHOD PATH_REGEX:STATUS:COUNT'          first COUNT matches get STATUS (registry JSON error)
  --throttle 'METHOD PATH_REGEX:STATUS:COUNT:SECONDS'  likewise with Retry-After: SECONDS
  --cut      'METHOD PATH_REGEX:BYTES:COUNT'           first COUNT matches: the body stops after BYTES, connection closed
  --delay    'METHOD PATH_REGEX:SECONDS:COUNT'         first COUNT matches are held SECONDS (logged "delayed" at once), then sent on
Writes the port it listens on to PORT_FILE and one line per request to LOG_FILE: "METHOD PATH STATUS".
The Host header is passed through, so the registry's Location headers point back at the proxy.
"""
import http.client, http.server, re, socketserver, sys, threading, time

upstream = sys.argv[1]
port_file, log_file = sys.argv[2], sys.argv[3]
rules = []
args = sys.argv[4:]
for flag, spec in zip(args[::2], args[1::2]):
    # METHOD REGEX:a:b[:c] — the numbers are split off from the right (the regex may hold ':')
    parts = spec.split(":")
    if flag == "--throttle":
        pattern, status, count, seconds = ":".join(parts[:-3]), parts[-3], parts[-2], parts[-1]
        rules.append({"kind": "throttle", "status": int(status), "left": int(count), "seconds": seconds, "pattern": pattern})
    elif flag == "--fail":
        pattern, status, count = ":".join(parts[:-2]), parts[-2], parts[-1]
        rules.append({"kind": "fail", "status": int(status), "left": int(count), "pattern": pattern})
    elif flag == "--delay":
        pattern, seconds, count = ":".join(parts[:-2]), parts[-2], parts[-1]
        rules.append({"kind": "delay", "seconds": float(seconds), "left": int(count), "pattern": pattern})
    elif flag == "--cut":
        pattern, size, count = ":".join(parts[:-2]), parts[-2], parts[-1]
        rules.append({"kind": "cut", "bytes": int(size), "left": int(count), "pattern": pattern})
    else:
        sys.exit("unknown flag " + flag)
for r in rules:
    method, _, regex = r["pattern"].partition(" ")
    r["method"], r["regex"] = method, re.compile(regex)
lock = threading.Lock()
log = open(log_file, "a", buffering=1)


def take_rule(method, path):
    with lock:
        for r in rules:
            if r["left"] > 0 and r["method"] == method and r["regex"].fullmatch(path.split("?")[0]):
                r["left"] -= 1
                return dict(r)
    return None


class Proxy(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            data = b""
            while True:
                size = int(self.rfile.readline().strip().split(b";")[0], 16)
                if size == 0:
                    self.rfile.readline()
                    return data
                data += self.rfile.read(size)
                self.rfile.readline()
        length = int(self.headers.get("Content-Length", "0") or 0)
        return self.rfile.read(length) if length else b""

    def handle_any(self):
        body = self.read_body()
        rule = take_rule(self.command, self.path)
        if rule and rule["kind"] in ("fail", "throttle"):
            payload = b'{"errors":[{"code":"UNAVAILABLE","message":"injected fault"}]}'
            self.send_response(rule["status"])
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            if rule["kind"] == "throttle":
                self.send_header("Retry-After", rule["seconds"])
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(payload)
            log.write("%s %s %d injected\n" % (self.command, self.path, rule["status"]))
            return
        if rule and rule["kind"] == "delay":
            log.write("%s %s delayed\n" % (self.command, self.path))
            time.sleep(rule["seconds"])
        conn = http.client.HTTPConnection(upstream, timeout=120)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("transfer-encoding", "content-length")}
        if body or self.command in ("PUT", "POST", "PATCH"):
            headers["Content-Length"] = str(len(body))
        conn.request(self.command, self.path, body=body, headers=headers)
        resp = conn.getresponse()
        self.send_response(resp.status)
        for k, v in resp.getheaders():
            if k.lower() not in ("transfer-encoding", "connection"):
                self.send_header(k, v)
        data = resp.read() if self.command != "HEAD" else b""
        if self.command != "HEAD" and resp.getheader("Content-Length") is None:
            self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if rule and rule["kind"] == "cut":
            self.wfile.write(data[: rule["bytes"]])
            self.wfile.flush()
            self.close_connection = True
            log.write("%s %s %d cut-after-%d\n" % (self.command, self.path, resp.status, rule["bytes"]))
        else:
            self.wfile.write(data)
            log.write("%s %s %d\n" % (self.command, self.path, resp.status))
        conn.close()

    do_GET = do_HEAD = do_PUT = do_POST = do_PATCH = do_DELETE = handle_any


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


server = Server(("127.0.0.1", 0), Proxy)
with open(port_file, "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
