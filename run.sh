#!/usr/bin/env bash
# Starts the whole system locally with the Aspire AppHost (dev/AppHost): nats-server, Azurite, the payment-provider
# simulator, OrderFunctions, PaymentFunctions, NatsBridge and the Aspire dashboard, all on 127.0.0.1.
# Usage: ./run.sh            build, then run in the foreground; Ctrl+C (or SIGTERM) stops everything
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
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
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

cat <<'TEXT'

================================================================================
 FunctionsOrders is starting (about a minute until every service is healthy)

 Order API:  http://127.0.0.1:7071/api/orders
 Dashboard:  http://127.0.0.1:18888   (resources, logs, traces, metrics)
TEXT
if [ "${FUNCTIONSORDERS_NATS_CLUSTER:-}" = 3 ]; then
  cat <<'TEXT'

 NATS cluster (JetStream, streams and bucket with 3 replicas):
   nats-1:   nats://127.0.0.1:4222   monitoring http://127.0.0.1:8222
   nats-2:   nats://127.0.0.1:4223   monitoring http://127.0.0.1:8223
   nats-3:   nats://127.0.0.1:4224   monitoring http://127.0.0.1:8224
   Leaders:  curl -s 'http://127.0.0.1:8222/jsz?accounts=true&streams=true'
TEXT
fi
cat <<'TEXT'

 Try:
   curl -i -X POST http://127.0.0.1:7071/api/orders -H 'Content-Type: application/json' -H 'Idempotency-Key: demo-1' -d '{"customerId":"cust-42","currency":"EUR","items":[{"sku":"SKU-1","quantity":2,"unitPrice":19.99}]}'

 Stop with Ctrl+C (or SIGTERM): every process started here stops.
================================================================================

TEXT
exec dotnet dev/AppHost/bin/Release/net10.0/FunctionsOrders.AppHost.dll
