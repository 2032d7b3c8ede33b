#!/usr/bin/env bash
# Trunk post-build hook: ships the engine's model file (names, syntax, quotes) as a separate
# asset named by its content hash (so it can be cached forever), and tells the page its name
# through <meta name="engine-model" content="...">, which the app reads after its first render.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
model="$root/crates/engine/model/model.bin"
staging="${TRUNK_STAGING_DIR:?run by trunk}"
hash=$(sha256sum "$model" | cut -c1-16)
name="model-$hash.bin"
cp "$model" "$staging/$name"
sed -i "s|<meta name=\"engine-model\" content=\"[^\"]*\"|<meta name=\"engine-model\" content=\"$name\"|" "$staging/index.html"
grep -q "content=\"$name\"" "$staging/index.html" || { echo "index.html has no engine-model meta tag" >&2; exit 1; }
