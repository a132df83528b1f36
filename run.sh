#!/usr/bin/env bash
# Starts the whole system locally with the Aspire AppHost (dev/AppHost): nats-server, Azurite, the payment-provider
# simulator, OrderFunctions, PaymentFunctions, NatsBridge and the Aspire dashboard, all on 127.0.0.1.
# Usage: ./run.sh            build, then run in the foreground; Ctrl+C (or SIGTERM) stops everything
#        ./run.sh --smoke [N] start everything, post N orders (default 20, every fifth declined), wait for each to
#                             finish, print a summary, stop; non-zero exit if any order did not finish as expected
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

case "${1:-}" in
  "") ;;
  --smoke) ;;
  -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
esac

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
eng/prereqs.sh
echo "run.sh: building (Release)"
dotnet build dev/AppHost/AppHost.csproj -c Release -nologo -v:q -clp:NoSummary

if [ "${1:-}" = --smoke ]; then
  exec eng/smoke.sh "${2:-20}"
fi

cat <<'TEXT'

================================================================================
 FunctionsOrders is starting (about a minute until every service is healthy)

 Order API:  http://127.0.0.1:7071/api/orders
 Dashboard:  http://127.0.0.1:18888   (resources, logs, traces, metrics)

 Try:
   curl -i -X POST http://127.0.0.1:7071/api/orders -H 'Content-Type: application/json' -H 'Idempotency-Key: demo-1' -d '{"customerId":"cust-42","currency":"EUR","items":[{"sku":"SKU-1","quantity":2,"unitPrice":19.99}]}'

 Stop with Ctrl+C (or SIGTERM): every process started here stops.
================================================================================

TEXT
exec dotnet dev/AppHost/bin/Release/net10.0/FunctionsOrders.AppHost.dll "$@"
