#!/usr/bin/env bash
# web-ext lint on the Firefox build; fails on any error, warning or notice.
# Usage: npm run lint:firefox   (builds the Firefox target first unless SKIP_BUILD=1)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${LINT_DIR:-.output/firefox-mv2}
if [[ "${SKIP_BUILD:-0}" != 1 || ! -f "$dir/manifest.json" ]]; then
  npx wxt build -b firefox >/dev/null
fi
# web-ext exits non-zero when it finds problems; its JSON report is read below. Its stderr stays visible.
out=$(npx web-ext lint --source-dir "$dir" --output json || true)
node -e '
const raw = process.argv[1];
let report;
try { report = JSON.parse(raw); } catch { console.error("web-ext lint did not produce JSON:\n" + raw); process.exit(2); }
const items = [...report.errors, ...report.warnings, ...report.notices];
for (const x of items) console.error(`${x._type.toUpperCase()} ${x.code}: ${x.message}${x.file ? " (" + x.file + ")" : ""}\n    ${String(x.description ?? "").replace(/\s+/g, " ")}`);
const s = report.summary;
console.log(`web-ext lint ${process.argv[2]}: ${s.errors} errors, ${s.warnings} warnings, ${s.notices} notices`);
process.exit(items.length ? 1 : 0);
' "$out" "$dir"
