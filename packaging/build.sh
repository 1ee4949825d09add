#!/usr/bin/env bash
# packaging/build.sh — nook's distribution packages, into target/packages/:
#   nook_VERSION-1_ARCH.deb          cargo-deb, from Cargo.toml's [package.metadata.deb]
#   nook-VERSION-1.ARCH.rpm          cargo-generate-rpm, [package.metadata.generate-rpm]
#   nook-VERSION-vendored.tar.gz     the source with every crate vendored and a
#                                    .cargo/config.toml: builds with `cargo build --offline --frozen`
#                                    (packaging/rpm/nook.spec builds from it)
#   SHA256SUMS
# The binary is built with the `dist` profile (Cargo.toml), or taken from NOOK_PACKAGE_BINARY
# (the test suite's release build). The packaging tools are installed once,
# at pinned versions, with `cargo install --locked` into $NOOK_PACKAGING_TOOLS (default
# ${CARGO_HOME:-~/.cargo}/nook-tools/NAME-VERSION); a second run reuses them.
# Needs the network only for what is not cached yet (the tools' and nook's crates).
# Options: --no-rpm, --no-tarball (skip those artifacts), --offline (pass --offline to cargo).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$REPO"

CARGO_DEB_VERSION=3.8.0
CARGO_GENERATE_RPM_VERSION=0.21.1

do_rpm=1
do_tarball=1
offline=()
while [ "$#" -gt 0 ]; do
    case "$1" in
        --no-rpm) do_rpm=0 ;;
        --no-tarball) do_tarball=0 ;;
        --offline) offline=(--offline) ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "build.sh: unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

log() { printf '==> %s\n' "$*"; }
die() { printf 'build.sh: error: %s\n' "$*" >&2; exit 1; }

if ! command -v cargo >/dev/null 2>&1; then
    for d in "${CARGO_HOME:-}/bin" "$HOME/.cargo/bin" /usr/local/cargo/bin; do
        if [ -x "$d/cargo" ]; then PATH="$d:$PATH"; export PATH; break; fi
    done
fi
command -v cargo >/dev/null 2>&1 || die "cargo not found (install Rust, e.g. with rustup)"

TOOLS=${NOOK_PACKAGING_TOOLS:-${CARGO_HOME:-$HOME/.cargo}/nook-tools}
# tool NAME VERSION: the path of the pinned tool, installed on first use.
tool() {
    local name=$1 version=$2 root
    root=$TOOLS/$name-$version
    if [ ! -x "$root/bin/$name" ]; then
        # To stderr: the caller reads the tool's path from standard output.
        log "installing $name $version into $root (once)" >&2
        cargo install "${offline[@]}" --locked --version "$version" --root "$root" "$name" >&2 ||
            die "cargo install $name $version failed"
    fi
    printf '%s\n' "$root/bin/$name"
}

VERSION=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
[ -n "$VERSION" ] || die "no version in Cargo.toml"
OUT=$REPO/target/packages
mkdir -p "$OUT"

CARGO_DEB=$(tool cargo-deb "$CARGO_DEB_VERSION")
if [ "$do_rpm" = 1 ]; then CARGO_RPM=$(tool cargo-generate-rpm "$CARGO_GENERATE_RPM_VERSION"); fi

if [ -n "${NOOK_PACKAGE_BINARY:-}" ]; then
    # The test suite packages the release binary it has just built and tested: the packaging
    # is what it checks, and a dist build (full LTO) would double its time.
    log "packaging $NOOK_PACKAGE_BINARY as target/dist/nook (NOOK_PACKAGE_BINARY: no dist build)"
    mkdir -p target/dist && install -m 0755 "$NOOK_PACKAGE_BINARY" target/dist/nook
else
    log "cargo build --profile dist --locked"
    cargo build "${offline[@]}" --profile dist --locked || die "cargo build --profile dist failed"
fi
[ -x target/dist/nook ] || die "no target/dist/nook after the build"

# The man pages and completions are committed (tests/docs.rs fails when they drift from the CLI).
compgen -G "man/*.1" >/dev/null || die "no man pages in man/ (NOOK_BLESS=1 cargo test --test docs)"

log "cargo deb $CARGO_DEB_VERSION"
rm -f "$OUT"/nook_*.deb
"$CARGO_DEB" deb --no-build --profile dist --output "$OUT" >/dev/null || die "cargo deb failed"
# Debian policy wants man pages compressed; cargo-deb gzips them itself (-9n, reproducible).

if [ "$do_rpm" = 1 ]; then
    log "cargo generate-rpm $CARGO_GENERATE_RPM_VERSION"
    rm -f "$OUT"/nook-*.rpm
    "$CARGO_RPM" generate-rpm --profile dist --output "$OUT/" >/dev/null ||
        die "cargo generate-rpm failed"
fi

if [ "$do_tarball" = 1 ]; then
    name=nook-$VERSION
    stage=$(mktemp -d "${TMPDIR:-/tmp}/nook-src.XXXXXX")
    trap 'rm -rf "$stage"' EXIT
    log "vendored source tarball $name-vendored.tar.gz"
    mkdir -p "$stage/$name"
    # The files git tracks, as they are in the work tree (a tarball's tree: all but target/).
    if git -C "$REPO" rev-parse --git-dir >/dev/null 2>&1; then
        git -C "$REPO" ls-files -z --cached --others --exclude-standard |
            (cd "$REPO" && tar --null --no-recursion -T - -cf -) | tar -C "$stage/$name" -xf -
    else
        tar -C "$REPO" --exclude=./target --exclude=./vendor -cf - . | tar -C "$stage/$name" -xf -
    fi
    rm -rf "$stage/$name/vendor" "$stage/$name/.cargo"
    mkdir -p "$stage/$name/.cargo"
    # (--quiet would also drop the source replacement it prints; its progress goes to a log.)
    (cd "$stage/$name" && cargo vendor "${offline[@]}" --locked --versioned-dirs vendor \
        >.cargo/config.toml 2>"$stage/vendor.log") || { cat "$stage/vendor.log" >&2; die "cargo vendor failed"; }
    grep -q 'directory = "vendor"' "$stage/$name/.cargo/config.toml" ||
        die "cargo vendor wrote no source replacement"
    # Reproducible: fixed owner, order and times (the last commit's date when there is one).
    mtime=$(git -C "$REPO" log -1 --format=%cI 2>/dev/null || date -u +%Y-%m-%dT%H:%M:%SZ)
    tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner --mtime="$mtime" \
        -cf - "$name" | gzip -9n >"$OUT/$name-vendored.tar.gz"
    rm -rf "$stage"
    trap - EXIT
fi

(cd "$OUT" && sha256sum -- *.deb $( [ "$do_rpm" = 1 ] && echo ./*.rpm ) \
    $( [ "$do_tarball" = 1 ] && echo ./*-vendored.tar.gz ) >SHA256SUMS)
log "packages in $OUT:"
for f in "$OUT"/nook*.deb "$OUT"/nook*.rpm "$OUT"/nook*.tar.gz; do
    [ -e "$f" ] && printf '    %s  %s bytes\n' "${f##*/}" "$(stat -c %s "$f")"
done
exit 0
