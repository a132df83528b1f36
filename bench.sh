#!/usr/bin/env bash
# Benchmarks the whole system on this machine and records the results.
# Usage: ./bench.sh [--quick] [suite options]
#   Installs the prerequisites, builds in Release, then runs the suite: nats-server, Azurite, the payment simulator,
#   both function apps under the local Functions host and NatsBridge, all on free loopback ports with temporary
#   stores; the JetStream and Azurite baselines; the direct intake and the intake in step mode (open loop); the
#   end-to-end runs (POST -> Paid). Then, with all that stopped, the JetStream baselines and the moderate end-to-end
#   run again on a three-node JetStream cluster with every stream at three replicas (R3 against R1). Writes
#   bench/results/latest.json, bench/results/<yyyy-MM-dd-HHmmss>.json (UTC), the results tables in
#   docs/benchmarks.md and docs/benchmarks-intake.svg. Ctrl+C stops everything it started.
#   --quick        short steps and runs: about 11 minutes once built; without it, about 30 minutes
#   --no-cluster   leave out the cluster part (about 1 minute less with --quick, 2 without)
#   --azurite-on-disk  Azurite keeps its data on disk as under ./run.sh (default: in memory, its store being
#                  temporary; on disk it pauses every 5 s to save the whole store, which sets the tail at high rates)
#   Other options (--e2e-rate N, --step-seconds S, --step-rounds N, --rates a,b,c, ...) go to the suite; see
#   dotnet bench/LoadGen/bin/Release/net10.0/FunctionsOrders.LoadGen.dll --help
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# Option names are checked here, before the build; their values are checked by the suite.
expect_value=""
for arg in "$@"; do
  if [ -n "$expect_value" ]; then expect_value=""; continue; fi
  case "$arg" in
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --quick|--no-docs|--no-cluster|--azurite-on-disk) ;;
    --rates|--step-seconds|--step-rounds|--p99-limit-ms|--baseline-seconds|--e2e-rate|--e2e-moderate-rate|--e2e-seconds|--e2e-wait-seconds|--max-in-flight|--timeout-seconds|--results)
      expect_value="$arg" ;;
    *) echo "bench.sh: unknown argument '$arg' (see --help)" >&2; exit 2 ;;
  esac
done
if [ -n "$expect_value" ]; then echo "bench.sh: $expect_value needs a value (see --help)" >&2; exit 2; fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
eng/prereqs.sh
echo "bench.sh: building (Release)"
dotnet build bench/LoadGen/LoadGen.csproj -c Release -nologo -v:q -clp:NoSummary
exec dotnet bench/LoadGen/bin/Release/net10.0/FunctionsOrders.LoadGen.dll suite "$@"
