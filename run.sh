#!/usr/bin/env bash
# Starts the whole system locally with the Aspire AppHost (dev/AppHost): nats-server, Azurite, the payment-provider
# simulator, OrderFunctions, PaymentFunctions, NatsBridge and the Aspire dashboard, all on 127.0.0.1.
# Usage: ./run.sh            build, then run in the foreground; prints "FunctionsOrders is ready: ..." with the order
#                             API and dashboard URLs once every service is (NatsBridge consuming included), or names
#                             the port when one it needs is taken; Ctrl+C (or SIGTERM) stops everything
#        ./run.sh --smoke [N] start everything, post N orders (default 20, every fifth declined), wait for each to
#                             finish, print a summary, stop; non-zero exit if any order did not finish as expected
#        --cluster            with either of the above: a three-node JetStream cluster (nats-1..3 on 4222-4224,
#                             monitoring 8222-8224, routes 6222-6224) instead of one nats-server; streams and the
#                             bucket get three replicas (sets FUNCTIONSORDERS_NATS_CLUSTER=3 for the AppHost)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

smoke=""; count=20
while [ $# -gt 0 ]; do
  case "$1" in
    --cluster) export FUNCTIONSORDERS_NATS_CLUSTER=3; shift ;;
    --smoke) smoke=1; shift; if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then count=$1; shift; fi ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
eng/prereqs.sh
echo "run.sh: building (Release)"
dotnet build dev/AppHost/AppHost.csproj -c Release -nologo -v:q -clp:NoSummary

if [ -n "$smoke" ]; then
  exec eng/smoke.sh "$count"
fi

echo "run.sh: starting FunctionsOrders; a line saying \"FunctionsOrders is ready\" follows once every service is (about a minute)"
exec dotnet dev/AppHost/bin/Release/net10.0/FunctionsOrders.AppHost.dll
