#!/usr/bin/env bash
# Finds Chromium, Firefox, Xvfb and xdotool (or only those named: chromium, firefox, xvfb); installs Debian's packages
# when missing as root on Debian/Ubuntu; elsewhere prints one line saying what to install.
# The logic lives in scripts/ensure-browsers.ts (lookup: scripts/lib/browser-paths.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci
exec node_modules/.bin/tsx scripts/ensure-browsers.ts "$@"
