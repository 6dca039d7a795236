#!/usr/bin/python3
"""A small token service for docker-registry's `auth: token` (the distribution token spec):
GET /token?service=S&scope=repository:NAME:ACTIONS[&scope=…] with Basic auth of the one test
user returns a JWT (RS256, signed with openssl by the key whose certificate is the registry's
rootcertbundle, certificate in the x5c header) granting what was asked; anonymous or wrong
credentials get 401. Every request is logged to stderr as "token SCOPES -> GRANTED".

usage: token_issuer.py PORT KEY.pem CERT.pem USER PASSWORD ISSUER
"""
import base64, http.server, json, os, subprocess, sys, time, urllib.parse, uuid

PORT, KEY, CERT, USER, PASSWORD, ISSUER = sys.argv[1:7]


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def cert_der_b64():
    der = subprocess.run(["openssl", "x509", "-in", CERT, "-outform", "DER"], check=True, capture_output=True).stdout
    return base64.b64encode(der).decode()


X5C = cert_der_b64()


def sign(header, claims):
    signing_input = b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode())
    signature = subprocess.run(["openssl", "dgst", "-sha256", "-sign", KEY], input=signing_input.encode(),
                               check=True, capture_output=True).stdout
    return signing_input + "." + b64url(signature)


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        if url.path != "/token":
            self.send_error(404)
            return
        query = urllib.parse.parse_qs(url.query)
        auth = self.headers.get("Authorization", "")
        user = None
        if auth.startswith("Basic "):
            name, _, password = base64.b64decode(auth[6:]).decode().partition(":")
            if name == USER and password == PASSWORD:
                user = name
        if user is None:
            sys.stderr.write("token refused (%s)\n" % ("bad credentials" if auth else "anonymous"))
            self.send_response(401)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"errors":[{"code":"UNAUTHORIZED","message":"invalid credentials"}]}')
            return
        access = []
        for scope in query.get("scope", []):
            for one in scope.split(" "):
                parts = one.split(":")
                if len(parts) >= 3:
                    access.append({"type": parts[0], "name": ":".join(parts[1:-1]), "actions": parts[-1].split(",")})
        now = int(time.time())
        claims = {"iss": ISSUER, "sub": user, "aud": query.get("service", [""])[0], "exp": now + 300,
                  "nbf": now - 10, "iat": now, "jti": str(uuid.uuid4()), "access": access}
        token = sign({"typ": "JWT", "alg": "RS256", "x5c": [X5C]}, claims)
        sys.stderr.write("token %s -> granted\n" % " ".join(query.get("scope", [])))
        body = json.dumps({"token": token, "access_token": token, "expires_in": 300,
                           "issued_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now))}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


http.server.ThreadingHTTPServer(("127.0.0.1", int(PORT)), Handler).serve_forever()
