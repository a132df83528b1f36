#!/usr/bin/env bash
# Builds everything and runs every check: prerequisites, a warning-free Release build, buf lint and
# buf breaking, build and lint of the Bicep templates, and all test projects against real nats-server and Azurite
# processes.
# Usage: ./test.sh [--filter <dotnet test filter>]
# Exits non-zero on any failure and ends with one summary line: "Summary: N passed, N failed, N skipped".
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$root"
filter=""
while [ $# -gt 0 ]; do
  case "$1" in
    --filter) filter="$2"; shift 2 ;;
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "test.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
results="$root/.run/test-results"
rm -rf "$results" "$root/.run/test-logs"
mkdir -p "$results"
failures=()
step() { printf '\n=== %s\n' "$*"; }

step "prerequisites"
eng/prereqs.sh || { echo "Summary: 0 passed, 1 failed (prerequisites)"; exit 1; }

step "build (Release, warnings are errors)"
if dotnet build FunctionsOrders.sln -c Release -nologo -clp:NoSummary -v:q -p:RestoreLockedMode=true > "$results/build.log" 2>&1; then
  warnings=$(grep -cE ': warning [A-Z]+[0-9]+' "$results/build.log" || true)
  if [ "$warnings" -gt 0 ]; then
    grep -E ': warning [A-Z]+[0-9]+' "$results/build.log" | sort -u
    failures+=("build: $warnings warning(s)")
  else
    echo "build ok, 0 warnings"
  fi
else
  grep -E ': (error|warning) ' "$results/build.log" | sort -u | head -50
  echo "Summary: 0 passed, 1 failed (build)"
  exit 1
fi

step "buf lint"
if node_modules/.bin/buf lint; then echo "buf lint ok"; else failures+=("buf lint"); fi

step "buf breaking"
eng/buf-breaking.sh || failures+=("buf breaking")

step "Bicep templates (infra/)"
eng/bicep-check.sh || failures+=("bicep check")

step "tests"
# One test assembly at a time: the fault scenarios and the end-to-end tests each run a whole system under load,
# and on a small machine two at once would measure each other.
test_args=(test FunctionsOrders.sln -c Release --no-build -nologo -m:1 --logger "trx" --results-directory "$results")
[ -n "$filter" ] && test_args+=(--filter "$filter")
dotnet "${test_args[@]}" 2>&1 | tee "$results/test.log"
test_exit=${PIPESTATUS[0]}

passed=0; failed=0; skipped=0
while read -r f p s; do
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
done < <(sed -n 's/.*Failed: *\([0-9]*\), Passed: *\([0-9]*\), Skipped: *\([0-9]*\).*/\1 \2 \3/p' "$results/test.log")
if [ "$test_exit" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failures+=("dotnet test exited $test_exit")
fi

checks=$(( ${#failures[@]} ))
if [ "$failed" -gt 0 ] || [ "$checks" -gt 0 ]; then
  printf '\nFailed checks:\n'
  [ "$checks" -gt 0 ] && printf '  - %s\n' "${failures[@]}"
  [ "$failed" -gt 0 ] && echo "  - $failed test(s); logs of started processes in .run/test-logs, results in .run/test-results"
  echo "Summary: $passed passed, $((failed + checks)) failed, $skipped skipped"
  exit 1
fi
echo "Summary: $passed passed, 0 failed, $skipped skipped"
