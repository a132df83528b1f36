#!/usr/bin/env bash
# Starts the whole system locally. The pieces it starts arrive step by step; until then it says what is missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
eng/prereqs.sh
echo "run.sh: the local system (AppHost with nats-server, Azurite, the function apps, NatsBridge and the dashboard) is not built yet." >&2
echo "run.sh: for now, ./test.sh builds and tests what exists; 'func start' runs a function app where Core Tools are installed." >&2
exit 1
