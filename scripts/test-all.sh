#!/usr/bin/env bash
# Everything ./run test checks, in order: types, lint, unit and database tests
# (SQLite and, when reachable, PostgreSQL), then the browser tests in Chromium.
# Sourced environment: scripts/env.sh (Node 22+ and the committed Yarn).
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
export CI="${CI:-true}"
mkdir -p test-results

failures=()
step() { echo; echo "==> $*"; }
record() { [ "$1" -eq 0 ] || failures+=("$2"); }

step "Type check (tsc)"
yarn tsc
record $? "tsc"

step "Lint"
yarn backstage-cli repo lint
record $? "lint"

step "Unit and database tests"
pg_url="${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-postgresql://postgres@127.0.0.1:5432}"
if node -e "
  const s = require('net').connect({ host: new URL(process.argv[1]).hostname, port: Number(new URL(process.argv[1]).port || 5432) });
  s.on('connect', () => process.exit(0)); s.on('error', () => process.exit(1));
  setTimeout(() => process.exit(1), 3000);" "$pg_url"; then
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="$pg_url"
  echo "PostgreSQL reachable at $pg_url: store and router tests run on SQLite and PostgreSQL."
else
  unset BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
  echo "*** PostgreSQL is NOT reachable at $pg_url: the PostgreSQL cases are SKIPPED (see 'skipped POSTGRES_15' below). ***"
fi
# TestDatabases must use the server above, never try Docker.
export BACKSTAGE_TEST_DISABLE_DOCKER=1
yarn backstage-cli repo test --verbose --json --outputFile=test-results/jest.json
record $? "unit and database tests"

step "Browser tests (Playwright in Chromium)"
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >test-results/apt.log 2>&1 \
    || tail -20 test-results/apt.log
fi
if [ -x "$chromium" ]; then
  CHROMIUM_PATH="$chromium" E2E_FRESH_PORTAL=1 yarn playwright test
  record $? "browser tests"
else
  echo "*** No Chromium at $chromium and it could not be installed: set CHROMIUM_PATH. ***"
  failures+=("browser tests (no chromium)")
fi

step "Summary"
node scripts/summarize-tests.js test-results/jest.json test-results/e2e.json
if [ ${#failures[@]} -gt 0 ]; then
  echo "FAILED: ${failures[*]}"
  exit 1
fi
echo "All checks passed."
