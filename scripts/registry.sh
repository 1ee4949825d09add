#!/usr/bin/env bash
# registry.sh — a throwaway OCI registry on 127.0.0.1 for nook's tests and bench.
#
#   registry.sh start DIR [plain|basic|token|tls]   start Debian's docker-registry (package
#       docker-registry) in the background on a free loopback port, plain HTTP, data in
#       DIR/data; prints the address (127.0.0.1:PORT) and writes it to DIR/addr.
#       basic: htpasswd (bcrypt) auth; token: Bearer tokens from scripts/token-issuer.py
#       (RS256 JWT, key and self-signed certificate made here with openssl), which gives
#       anonymous callers pull and the user below everything. tls: no auth, HTTPS with a
#       certificate for 127.0.0.1 of a CA made here (DIR/certs/ca.crt, for --cert-dir).
#       The user and password are in DIR/user and DIR/password (REGISTRY_USER, default
#       tester; REGISTRY_PASSWORD, default s3cret).
#   registry.sh stop DIR                        stop what `start DIR` started.
#   registry.sh push DIR SRC REPO:TAG [SKOPEO-ARGS...]
#       skopeo copy SRC (e.g. oci:/path/layout:tag) to docker://ADDR/REPO:TAG, with the
#       credentials when the registry needs them, e.g. `--format v2s2` or `--all`.
#   registry.sh blob DIR DIGEST                 path of a blob in the registry's storage.
#   registry.sh slow DIR KIB_PER_S [flaky]      start a throttling HTTP proxy in front of the
#       registry of DIR (blob bodies at KIB_PER_S); prints its address, writes DIR/slow-addr;
#       each request and its Range header are logged to DIR/slow.log. `stop` stops it too.
#       flaky: the first request for each manifest answers 503, the first for each blob is cut
#       off (connection closed) halfway through the body.
#       redirect: blob requests answer 307 to http://localhost:PORT/redirected/..., which the
#       proxy serves with the Authorization of the original request (like a pre-signed URL);
#       the log says for each request whether it carried an Authorization header.
# With REGISTRY_PARENT_PID set, everything started also stops when that process exits.
# With REGISTRY_ACCESS_LOG_OFF=false, DIR/registry.log has a line per request (to count GETs).
set -euo pipefail

die() { echo "registry.sh: $*" >&2; exit 1; }
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
registry_bin=${DOCKER_REGISTRY:-/usr/bin/docker-registry}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# wait_http URL: until the URL answers at all (any status), at most ~10 s.
wait_http() {
    local i
    for i in $(seq 1 100); do
        if python3 - "$1" <<'EOF' 2>/dev/null; then return 0; fi
import ssl, sys, urllib.request, urllib.error
try:
    urllib.request.urlopen(sys.argv[1], timeout=1, context=ssl._create_unverified_context())
except urllib.error.HTTPError:
    pass
EOF
        sleep 0.1
    done
    return 1
}

start() {
    local dir=$1 mode=${2:-plain} port tport auth="" tls=""
    [ -x "$registry_bin" ] || die "$registry_bin not found: apt-get install docker-registry"
    mkdir -p "$dir/data"
    dir=$(cd "$dir" && pwd -P)
    local user=${REGISTRY_USER:-tester} pass=${REGISTRY_PASSWORD:-s3cret}
    printf '%s' "$user" >"$dir/user"
    printf '%s' "$pass" >"$dir/password"
    port=$(free_port)
    case "$mode" in
        plain) ;;
        basic)
            command -v htpasswd >/dev/null || die "htpasswd not found: apt-get install apache2-utils"
            htpasswd -Bbn "$user" "$pass" >"$dir/htpasswd" 2>/dev/null
            auth="auth:
  htpasswd:
    realm: nook-test
    path: $dir/htpasswd"
            ;;
        token)
            tport=$(free_port)
            openssl req -x509 -newkey rsa:2048 -nodes -keyout "$dir/token.key" -out "$dir/token.crt" \
                -days 2 -subj /CN=nook-test-token >/dev/null 2>&1 || die "openssl failed"
            python3 "$here/token-issuer.py" --port "$tport" --key "$dir/token.key" \
                --cert "$dir/token.crt" --service nook-test-registry --issuer nook-test-issuer \
                --user "$user" --password "$pass" >"$dir/token.log" 2>&1 &
            echo $! >"$dir/token.pid"
            watch_parent "$dir/token.pid"
            wait_http "http://127.0.0.1:$tport/" || die "token issuer did not start (see $dir/token.log)"
            auth="auth:
  token:
    realm: http://127.0.0.1:$tport/token
    service: nook-test-registry
    issuer: nook-test-issuer
    rootcertbundle: $dir/token.crt"
            ;;
        tls)
            mkdir -p "$dir/certs"
            openssl req -x509 -newkey rsa:2048 -nodes -keyout "$dir/ca.key" -out "$dir/certs/ca.crt" \
                -days 2 -subj /CN=nook-test-ca >/dev/null 2>&1 || die "openssl failed"
            openssl req -newkey rsa:2048 -nodes -keyout "$dir/server.key" -out "$dir/server.csr" \
                -subj /CN=127.0.0.1 >/dev/null 2>&1 || die "openssl failed"
            printf 'subjectAltName=IP:127.0.0.1\n' >"$dir/server.ext"
            openssl x509 -req -in "$dir/server.csr" -CA "$dir/certs/ca.crt" -CAkey "$dir/ca.key" \
                -CAcreateserial -out "$dir/server.crt" -days 2 -extfile "$dir/server.ext" \
                >/dev/null 2>&1 || die "openssl failed"
            tls="  tls:
    certificate: $dir/server.crt
    key: $dir/server.key"
            ;;
        *) die "unknown mode $mode (plain, basic, token or tls)" ;;
    esac
    cat >"$dir/config.yml" <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: ${REGISTRY_ACCESS_LOG_OFF:-true}
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
  cache:
    blobdescriptor: ""
http:
  addr: 127.0.0.1:$port
$tls
$auth
EOF
    "$registry_bin" serve "$dir/config.yml" >"$dir/registry.log" 2>&1 &
    echo $! >"$dir/registry.pid"
    watch_parent "$dir/registry.pid"
    local scheme=http
    [ -n "$tls" ] && scheme=https
    if ! wait_http "$scheme://127.0.0.1:$port/v2/"; then
        cat "$dir/registry.log" >&2
        die "docker-registry did not start"
    fi
    echo "127.0.0.1:$port" >"$dir/addr"
    echo "127.0.0.1:$port"
}

# watch PIDFILE: stop the process of PIDFILE when $REGISTRY_PARENT_PID exits.
watch_parent() {
    [ -n "${REGISTRY_PARENT_PID:-}" ] || return 0
    local ppid=$REGISTRY_PARENT_PID pid
    pid=$(cat "$1")
    ( while kill -0 "$ppid" 2>/dev/null && kill -0 "$pid" 2>/dev/null; do sleep 1; done
      kill "$pid" 2>/dev/null ) </dev/null >/dev/null 2>&1 &
}

SLOW_PROXY='
import http.client, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
port, upstream, rate, log = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
mode = sys.argv[5] if len(sys.argv) > 5 else ""
flaky, redirect = mode == "flaky", mode == "redirect"
seen = set()
auths = {}
CHUNK = 16 * 1024
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def do_GET(self):
        with open(log, "a") as f:
            f.write("GET %s range=%s auth=%s\n" % (self.path, self.headers.get("Range", ""),
                    "yes" if self.headers.get("Authorization") else "no"))
        path, extra = self.path, {}
        if redirect and "/blobs/" in path and not path.startswith("/redirected/"):
            auths[path] = self.headers.get("Authorization", "")
            self.send_response(307)
            self.send_header("Location", "http://localhost:%d/redirected%s" % (port, path))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if path.startswith("/redirected/"):
            path = path[len("/redirected"):]
            if auths.get(path):
                extra["Authorization"] = auths[path]
        first = self.path not in seen
        seen.add(self.path)
        if flaky and first and "/manifests/" in self.path:
            self.send_response(503)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        cut = flaky and first and "/blobs/" in self.path
        c = http.client.HTTPConnection(upstream, timeout=30)
        keep = ("accept", "authorization", "range")
        hdrs = {k: v for k, v in self.headers.items() if k.lower() in keep}
        hdrs.update(extra)
        c.request("GET", path, headers=hdrs)
        r = c.getresponse()
        self.send_response(r.status)
        for k, v in r.getheaders():
            if k.lower() not in ("connection", "transfer-encoding"):
                self.send_header(k, v)
        self.send_header("Connection", "close")
        self.end_headers()
        slow = "/blobs/" in self.path
        left = int(r.getheader("Content-Length") or 0) // 2 if cut else -1
        try:
            while True:
                b = r.read(CHUNK)
                if not b or left == 0:
                    break
                if left > 0:
                    b = b[:left]
                    left -= len(b)
                self.wfile.write(b)
                if slow:
                    time.sleep(CHUNK / (rate * 1024.0))
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True
ThreadingHTTPServer(("127.0.0.1", port), H).serve_forever()
'

slow() {
    local dir=$1 rate=$2 mode=${3:-} port
    dir=$(cd "$dir" && pwd -P)
    port=$(free_port)
    python3 -c "$SLOW_PROXY" "$port" "$(cat "$dir/addr")" "$rate" "$dir/slow.log" ${mode:+"$mode"} >"$dir/slow.err" 2>&1 &
    echo $! >"$dir/slow.pid"
    watch_parent "$dir/slow.pid"
    wait_http "http://127.0.0.1:$port/v2/" || die "throttling proxy did not start (see $dir/slow.err)"
    echo "127.0.0.1:$port" >"$dir/slow-addr"
    echo "127.0.0.1:$port"
}

stop() {
    local dir=$1 f pid
    for f in registry.pid token.pid slow.pid; do
        [ -f "$dir/$f" ] || continue
        pid=$(cat "$dir/$f")
        kill "$pid" 2>/dev/null || true
        rm -f "$dir/$f"
    done
}

push() {
    local dir=$1 src=$2 dest=$3
    shift 3
    local creds=()
    if [ -f "$dir/htpasswd" ] || [ -f "$dir/token.crt" ]; then
        creds=(--dest-creds "$(cat "$dir/user"):$(cat "$dir/password")")
    fi
    skopeo --insecure-policy copy -q --dest-tls-verify=false "${creds[@]}" "$@" \
        "$src" "docker://$(cat "$dir/addr")/$dest"
}

blob() {
    local hex=${2#sha256:}
    echo "$1/data/docker/registry/v2/blobs/sha256/${hex:0:2}/$hex/data"
}

[ "$#" -ge 2 ] || usage
cmd=$1
shift
case "$cmd" in
    start) start "$@" ;;
    stop) stop "$@" ;;
    push) [ "$#" -ge 3 ] || usage; push "$@" ;;
    blob) blob "$@" ;;
    slow) [ "$#" -ge 2 ] || usage; slow "$@" ;;
    *) usage ;;
esac
