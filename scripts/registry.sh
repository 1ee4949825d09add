#!/usr/bin/env bash
# registry.sh — a throwaway OCI registry on 127.0.0.1 for nook's tests and bench.
#
#   registry.sh start DIR [plain|basic|token]   start Debian's docker-registry (package
#       docker-registry) in the background on a free loopback port, plain HTTP, data in
#       DIR/data; prints the address (127.0.0.1:PORT) and writes it to DIR/addr.
#       basic: htpasswd (bcrypt) auth; token: Bearer tokens from scripts/token-issuer.py
#       (RS256 JWT, key and self-signed certificate made here with openssl), which gives
#       anonymous callers pull and the user below everything.
#       The user and password are in DIR/user and DIR/password (REGISTRY_USER, default
#       tester; REGISTRY_PASSWORD, default s3cret).
#   registry.sh stop DIR                        stop what `start DIR` started.
#   registry.sh push DIR SRC REPO:TAG [SKOPEO-ARGS...]
#       skopeo copy SRC (e.g. oci:/path/layout:tag) to docker://ADDR/REPO:TAG, with the
#       credentials when the registry needs them, e.g. `--format v2s2` or `--all`.
#   registry.sh blob DIR DIGEST                 path of a blob in the registry's storage.
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
import sys, urllib.request, urllib.error
try:
    urllib.request.urlopen(sys.argv[1], timeout=1)
except urllib.error.HTTPError:
    pass
EOF
        sleep 0.1
    done
    return 1
}

start() {
    local dir=$1 mode=${2:-plain} port tport auth=""
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
            wait_http "http://127.0.0.1:$tport/" || die "token issuer did not start (see $dir/token.log)"
            auth="auth:
  token:
    realm: http://127.0.0.1:$tport/token
    service: nook-test-registry
    issuer: nook-test-issuer
    rootcertbundle: $dir/token.crt"
            ;;
        *) die "unknown mode $mode (plain, basic or token)" ;;
    esac
    cat >"$dir/config.yml" <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
  cache:
    blobdescriptor: ""
http:
  addr: 127.0.0.1:$port
$auth
EOF
    "$registry_bin" serve "$dir/config.yml" >"$dir/registry.log" 2>&1 &
    echo $! >"$dir/registry.pid"
    if ! wait_http "http://127.0.0.1:$port/v2/"; then
        cat "$dir/registry.log" >&2
        die "docker-registry did not start"
    fi
    echo "127.0.0.1:$port" >"$dir/addr"
    echo "127.0.0.1:$port"
}

stop() {
    local dir=$1 f pid
    for f in registry.pid token.pid; do
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
    *) usage ;;
esac
