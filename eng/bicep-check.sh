#!/usr/bin/env bash
# Builds and lints the Bicep templates under infra/ with a pinned Bicep CLI, and fails on any error or warning or
# on a security property missing from the compiled templates (eng/bicep-security-check.py).
# The CLI comes from its NuGet package (restored through dotnet, so the configured NuGet feeds apply) into
# .tools/bicep/<version>/ on first use; later runs need no network.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

version=0.49.2
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) rid=linux-x64 ;;
  Linux-aarch64 | Linux-arm64) rid=linux-arm64 ;;
  Darwin-x86_64) rid=osx-x64 ;;
  Darwin-arm64) rid=osx-arm64 ;;
  *) echo "bicep-check: no Bicep CLI package for $(uname -s) $(uname -m)" >&2; exit 2 ;;
esac
tool_dir="$root/.tools/bicep/$version"
bicep="$tool_dir/bicep"

if [ ! -x "$bicep" ]; then
  echo "bicep-check: fetching Azure.Bicep.CommandLine.$rid $version"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  # A throwaway project outside the repository, so the repository's build props do not apply to it.
  cat >"$work/fetch.csproj" <<PROJECT
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="Azure.Bicep.CommandLine.$rid" Version="[$version]" />
  </ItemGroup>
</Project>
PROJECT
  dotnet restore "$work/fetch.csproj" --packages "$work/packages" --verbosity quiet >&2
  package_dir="$work/packages/azure.bicep.commandline.$rid/$version/tools"
  mkdir -p "$tool_dir"
  cp "$package_dir/bicep" "$bicep.tmp"
  chmod +x "$bicep.tmp"
  mv "$bicep.tmp" "$bicep"
fi

# The example parameter file reads its secrets from the environment; give it placeholders.
export NATS_ORDERS_PASSWORD="${NATS_ORDERS_PASSWORD:-placeholder}"
export NATS_PAYMENTS_PASSWORD="${NATS_PAYMENTS_PASSWORD:-placeholder}"
export NATS_BRIDGE_PASSWORD="${NATS_BRIDGE_PASSWORD:-placeholder}"
# 32 zero bytes in base64: the length of a real key.
export ORDER_ID_KEY="${ORDER_ID_KEY:-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=}"

failed=0
check() {
  local output
  if ! output=$("$@" 2>&1 >/dev/null) || [ -n "$output" ]; then
    echo "FAILED: bicep ${*:2}"
    [ -n "$output" ] && printf '%s\n' "$output"
    failed=1
  else
    echo "ok: bicep ${*:2}"
  fi
}

check "$bicep" build infra/main.bicep --stdout
# main.bicep and every module, in one process.
check "$bicep" lint --pattern 'infra/**/*.bicep'
check "$bicep" build-params infra/main.example.bicepparam --stdout

# Security properties asserted on the compiled ARM JSON (eng/bicep-security-check.py).
compiled=$(mktemp -d)
if "$bicep" build infra/main.bicep --outfile "$compiled/main.json" >/dev/null 2>&1 \
  && "$bicep" build-params infra/main.example.bicepparam --stdout 2>/dev/null \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["parametersJson"])' >"$compiled/parameters.json"; then
  python3 eng/bicep-security-check.py "$compiled/main.json" "$compiled/parameters.json" || failed=1
else
  echo "FAILED: compile the templates for the security checks"
  failed=1
fi
rm -rf "$compiled"

if [ "$failed" -ne 0 ]; then
  echo "bicep-check: errors, warnings or failed checks above" >&2
  exit 1
fi
echo "bicep-check: no errors, no warnings, security checks passed (Bicep CLI $version)"
