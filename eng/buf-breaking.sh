#!/usr/bin/env bash
# Checks the protobuf contracts for breaking changes against what they were before:
#   on a branch other than main: against main;
#   on main with uncommitted contract changes: against HEAD;
#   on main otherwise: against the previous commit (HEAD~1).
# Skips, saying why, when there is nothing to compare with.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
buf=node_modules/.bin/buf

if ! git rev-parse --verify -q HEAD >/dev/null; then
  echo "buf breaking skipped: no commit yet to compare with"
  exit 0
fi
branch=$(git rev-parse --abbrev-ref HEAD 2>/dev/null || echo "")
against=""
if [ "$branch" != "main" ] && git rev-parse --verify -q refs/heads/main >/dev/null; then
  against=$(git rev-parse refs/heads/main)
elif ! git diff --quiet HEAD -- Contracts/Protos buf.yaml 2>/dev/null; then
  against=$(git rev-parse HEAD)
elif git rev-parse --verify -q HEAD~1 >/dev/null; then
  against=$(git rev-parse HEAD~1)
fi

if [ -z "$against" ]; then
  echo "buf breaking skipped: no previous commit to compare with"
  exit 0
fi
if ! git cat-file -e "$against:buf.yaml" 2>/dev/null || ! git cat-file -e "$against:Contracts/Protos" 2>/dev/null; then
  echo "buf breaking skipped: ${against:0:12} has no contracts yet"
  exit 0
fi
"$buf" breaking --against ".git#ref=$against"
echo "buf breaking ok (against ${against:0:12})"
