#!/usr/bin/env bash
# End-to-end smoke run: starts the AppHost (already built), posts N orders (every fifth from a "decline-" customer),
# waits until each reaches its final status, prints a summary with a dashboard link to one order's trace, stops
# everything, and exits non-zero if any order did not finish as expected. Called by ./run.sh --smoke [N]; with
# FUNCTIONSORDERS_NATS_CLUSTER=3 (what ./run.sh --cluster sets) the AppHost runs NATS as a three-node cluster.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
count=${1:-20}
[[ "$count" =~ ^[0-9]+$ ]] && [ "$count" -ge 1 ] || { echo "smoke: N must be a whole number >= 1 (got '$count')" >&2; exit 2; }

api=http://127.0.0.1:7071
monitors=(http://127.0.0.1:8222)
mode="one nats-server"
if [ "${FUNCTIONSORDERS_NATS_CLUSTER:-}" = 3 ]; then
  monitors=(http://127.0.0.1:8222 http://127.0.0.1:8223 http://127.0.0.1:8224)
  mode="a three-node NATS cluster"
fi
mkdir -p .run
log=.run/smoke-apphost.log
setsid dotnet dev/AppHost/bin/Release/net10.0/FunctionsOrders.AppHost.dll > "$log" 2>&1 &
apphost=$!

listening() { curl -s -o /dev/null --max-time 1 "$1"; }
any_listening() { local url; for url in "$@"; do listening "$url" && return 0; done; return 1; }

# SIGTERM to the AppHost; its orchestrator then stops every service (about 20 s). Wait until none answers.
stop() {
  # An AppHost that already exited (it refused to start, say) left nothing running; what answers is someone else's.
  kill -0 "$apphost" 2>/dev/null || return 0
  kill -TERM "$apphost" 2>/dev/null || true
  for _ in $(seq 1 60); do
    kill -0 "$apphost" 2>/dev/null || listening "$api/api/health" || listening http://127.0.0.1:7072/api/health \
      || listening http://127.0.0.1:7090/healthz || listening http://127.0.0.1:18888 || any_listening "${monitors[@]}" \
      || { echo "smoke: stopped"; return 0; }
    sleep 0.5
  done
  kill -KILL -- "-$apphost" 2>/dev/null
  echo "smoke: the system did not stop within 30 s; killed" >&2
}
trap stop EXIT

echo "smoke: starting the system with $mode (log: $log)"
deadline=$((SECONDS + 240))
until grep -q "FunctionsOrders is ready:" "$log"; do
  if ! kill -0 "$apphost" 2>/dev/null; then
    echo "smoke: the AppHost stopped before the system was ready:" >&2
    tail -n 20 "$log" >&2
    exit 1
  fi
  if [ $SECONDS -ge $deadline ]; then
    echo "smoke: the system did not become ready within 240 s; see $log" >&2
    exit 1
  fi
  sleep 0.1
done
echo "smoke: ready after ${SECONDS}s; posting $count orders, the first at once"

trace=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
ids=(); expected=()
for i in $(seq 1 "$count"); do
  customer="cust-$i"; want=Paid
  if [ $((i % 5)) -eq 0 ]; then customer="decline-$i"; want=PaymentFailed; fi
  headers=(-H 'Content-Type: application/json' -H "Idempotency-Key: smoke-$trace-$i")
  [ "$i" -eq 1 ] && headers+=(-H "traceparent: 00-$trace-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')-01")
  posted=$(date +%s%N)
  body=$(curl -s -w '\n%{http_code}' --max-time 10 -X POST "$api/api/orders" "${headers[@]}" \
    -d "{\"customerId\":\"$customer\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"SKU-$i\",\"quantity\":1,\"unitPrice\":9.99}]}")
  code=${body##*$'\n'}
  id=$(printf '%s' "$body" | sed -n 's/.*"orderId":"\([0-9a-f-]*\)".*/\1/p' | head -n1)
  if [ "$code" != 202 ] || [ -z "$id" ]; then
    echo "smoke: order $i was not accepted (HTTP $code)" >&2
  fi
  ids+=("${id:-none}"); expected+=("$want")
  if [ "$i" -eq 1 ] && [ -n "$id" ]; then
    # The first order, posted right after the ready line: how long from its POST until it is final.
    first_ms=""
    while [ $(( ($(date +%s%N) - posted) / 1000000 )) -lt 10000 ]; do
      if curl -s --max-time 2 "$api/api/orders/$id" | grep -qE '"status":"(Paid|PaymentFailed)"'; then
        first_ms=$(( ($(date +%s%N) - posted) / 1000000 )); break
      fi
      sleep 0.01
    done
    if [ -n "$first_ms" ]; then
      echo "smoke: the first order, posted right after the ready line, was final after $first_ms ms"
    else
      echo "smoke: the first order, posted right after the ready line, was not final within 10 s" >&2
    fi
  fi
done

declare -A final=()
deadline=$((SECONDS + 90))
while :; do
  pending=0
  for i in "${!ids[@]}"; do
    id=${ids[$i]}
    [ -n "${final[$id]:-}" ] || [ "$id" = none ] && continue
    status=$(curl -s --max-time 5 "$api/api/orders/$id" | sed -n 's/.*"status":"\([A-Za-z]*\)".*/\1/p')
    if [ "$status" = Paid ] || [ "$status" = PaymentFailed ]; then final[$id]=$status; else pending=$((pending + 1)); fi
  done
  [ $pending -eq 0 ] || [ $SECONDS -ge $deadline ] && break
  sleep 1
done

paid=0; failed=0; wrong=0; unfinished=0
for i in "${!ids[@]}"; do
  got=${final[${ids[$i]}]:-}
  case "$got" in
    "") unfinished=$((unfinished + 1)) ;;
    "${expected[$i]}") [ "$got" = Paid ] && paid=$((paid + 1)) || failed=$((failed + 1)) ;;
    *) wrong=$((wrong + 1)) ;;
  esac
done

echo
echo "smoke: $count orders: $paid Paid, $failed PaymentFailed (declined as expected), $wrong with a wrong status, $unfinished not finished"
echo "smoke: first order's trace: http://127.0.0.1:18888/traces/detail/$trace"
[ $wrong -eq 0 ] && [ $unfinished -eq 0 ] && [ $((paid + failed)) -eq "$count" ]
