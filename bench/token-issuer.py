#!/usr/bin/env python3
"""token-issuer.py — a tiny Docker registry token server for nook's tests (stdlib + openssl).

usage: token-issuer.py --port PORT --key KEY.pem --cert CERT.pem --service S --issuer I
                       [--user U --password P]

GET /token?service=S&scope=repository:NAME:pull,push[&scope=...] answers
{"token": JWT, "access_token": JWT, "expires_in": 300}. The JWT is RS256, signed with KEY by
`openssl dgst`, and carries the certificate in its `x5c` header: the registry's
`auth: token: rootcertbundle:` names the same (self-signed) certificate, so it verifies.
Grants: anonymous callers get `pull`; callers with the right basic credentials get whatever they
ask for; wrong basic credentials get 401. Logs go to stderr.
"""
import argparse
import base64
import json
import os
import ssl
import subprocess
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def sign(key: str, data: bytes) -> bytes:
    out = subprocess.run(["openssl", "dgst", "-sha256", "-sign", key], input=data,
                         capture_output=True, check=True)
    return out.stdout


def parse_scope(scope: str):
    # repository:NAME:ACTIONS where NAME may contain ':' only before the last one.
    parts = scope.split(":")
    if len(parts) < 3:
        return None
    return {"type": parts[0], "name": ":".join(parts[1:-1]), "actions": parts[-1].split(",")}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, fmt, *args):
        sys.stderr.write("token-issuer: " + (fmt % args) + "\n")

    def do_GET(self):
        cfg = self.server.cfg
        url = urlparse(self.path)
        if url.path != "/token":
            self.send_error(404)
            return
        q = parse_qs(url.query)
        authed = False
        header = self.headers.get("Authorization", "")
        if header.startswith("Basic "):
            try:
                user, _, pw = base64.b64decode(header[6:]).decode().partition(":")
            except Exception:
                user, pw = "", None
            if cfg.user and user == cfg.user and pw == cfg.password:
                authed = True
            else:
                self.send_response(401)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"errors":[{"code":"UNAUTHORIZED","message":"bad credentials"}]}')
                return
        access = []
        for scope in q.get("scope", []):
            for one in scope.split(" "):
                s = parse_scope(one)
                if s is None:
                    continue
                if not authed:
                    s["actions"] = [a for a in s["actions"] if a == "pull"]
                access.append(s)
        now = int(time.time())
        claims = {
            "iss": cfg.issuer, "sub": cfg.user if authed else "", "aud": cfg.service,
            "exp": now + 300, "nbf": now - 10, "iat": now, "jti": b64url(os.urandom(12)),
            "access": access,
        }
        head = {"typ": "JWT", "alg": "RS256", "x5c": [cfg.cert_b64]}
        signing_input = (b64url(json.dumps(head).encode()) + "." +
                         b64url(json.dumps(claims).encode())).encode()
        token = signing_input.decode() + "." + b64url(sign(cfg.key, signing_input))
        body = json.dumps({"token": token, "access_token": token, "expires_in": 300,
                           "issued_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now))})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body.encode())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--key", required=True)
    ap.add_argument("--cert", required=True)
    ap.add_argument("--service", required=True)
    ap.add_argument("--issuer", required=True)
    ap.add_argument("--user", default="")
    ap.add_argument("--password", default="")
    cfg = ap.parse_args()
    with open(cfg.cert) as f:
        der = ssl.PEM_cert_to_DER_cert(f.read())
    cfg.cert_b64 = base64.b64encode(der).decode()
    server = ThreadingHTTPServer(("127.0.0.1", cfg.port), Handler)
    server.cfg = cfg
    server.serve_forever()


if __name__ == "__main__":
    main()
