#!/usr/bin/env bash
# Sets up everything the tests need on a fresh machine, then runs every suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
node scripts/run-suites.mjs "$@"
