#!/usr/bin/env bash
# Installs the project's npm dependencies from the lockfile and builds the bundles.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
# npm does not run install scripts here; the SARIF validator's binary needs its run bit.
chmod u+x node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
node scripts/build.mjs
