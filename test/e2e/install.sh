#!/usr/bin/env bash
# Installs what the editor tests need on a fresh Debian machine: Neovim and Chromium from Debian,
# and code-server 4.100.3 (VS Code 1.100.3, the last release that runs on Node 20) from npm.
# Idempotent: a second run only checks. See shared notes on running VS Code here (E2E.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
CACHE="$PWD/.cache/code-server"
VERSION=4.100.3

need_apt=()
command -v nvim >/dev/null || need_apt+=(neovim)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v rg >/dev/null || need_apt+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
dpkg -s pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

VSCODE="$CACHE/node_modules/code-server/lib/vscode"
if [ ! -f "$CACHE/.installed-$VERSION" ]; then
  echo "Installing code-server $VERSION into $CACHE"
  mkdir -p "$CACHE"
  ( cd "$CACHE" && [ -f package.json ] || echo '{"name":"code-server-cache","private":true}' > "$CACHE/package.json" )
  ( cd "$CACHE" && npm install --no-audit --no-fund --loglevel=error --ignore-scripts "code-server@$VERSION" )
  # code-server's own install script fetches things this network cannot reach; do its work by hand.
  ( cd "$VSCODE" && npm install --no-audit --no-fund --loglevel=error --unsafe-perm --omit=dev --ignore-scripts )
  # node-pty's post-install step fails on a configure step but still builds pty.node: check the files, not the exit code.
  ( cd "$VSCODE" && npm rebuild kerberos node-pty @vscode/spdlog native-watchdog @vscode/deviceid >/dev/null 2>&1 || true )
  for module in node-pty/build/Release/pty.node @vscode/spdlog/build/Release/spdlog.node; do
    [ -f "$VSCODE/node_modules/$module" ] || { echo "missing native module $module" >&2; exit 1; }
  done
  ( cd "$VSCODE/extensions" && npm install --no-audit --no-fund --loglevel=error --omit=dev --unsafe-perm )
  mkdir -p "$VSCODE/node_modules/@vscode/ripgrep/bin"
  ln -sf "$(command -v rg)" "$VSCODE/node_modules/@vscode/ripgrep/bin/rg"
  ln -sfn node_modules "$VSCODE/node_modules.asar"
  ( cd "$CACHE" && npm rebuild argon2 >/dev/null 2>&1 || true )
  touch "$CACHE/.installed-$VERSION"
fi
echo "Editors ready: $(nvim --version | head -1), $(/usr/bin/chromium --version), code-server $VERSION"
