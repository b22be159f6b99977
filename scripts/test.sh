#!/usr/bin/env bash
# Sets up everything the tests need on a fresh machine, then runs every suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The editor tests need Neovim, Chromium and code-server, and test the packaged .vsix.
bash test/e2e/install.sh
npm run --silent package >/dev/null
node scripts/run-suites.mjs "$@"
