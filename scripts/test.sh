#!/usr/bin/env bash
# Every test: types, unit tests, both builds, Firefox lint, then real-browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci
bash scripts/ensure-browsers.sh
echo "== fact sheet freshness (a report; fails only if the sheet does not validate)"
npx tsx scripts/sheet-report.ts
echo "== type check"
npx tsc --noEmit
echo "== lint and format (Biome), unused files, exports and dependencies (knip)"
npx biome check .
npx knip
echo "== unit tests"
npx vitest run
echo "== build (Chrome MV3 + Firefox)"
npm run build
echo "== web-ext lint (Firefox build)"
SKIP_BUILD=1 npm run lint:firefox
echo "== browser tests (Chromium + Firefox)"
npx vitest run -c vitest.browser.config.ts
