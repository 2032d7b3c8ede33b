#!/usr/bin/env bash
# Trunk post-build hook: ships the name model as a separate asset named by its content hash
# (so it can be cached forever), and tells the page its name through
# <meta name="ner-model" content="...">, which the app reads after its first render.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
model="$root/crates/engine/model/ner.bin"
staging="${TRUNK_STAGING_DIR:?run by trunk}"
hash=$(sha256sum "$model" | cut -c1-16)
name="ner-$hash.bin"
cp "$model" "$staging/$name"
sed -i "s|<meta name=\"ner-model\" content=\"[^\"]*\"|<meta name=\"ner-model\" content=\"$name\"|" "$staging/index.html"
grep -q "content=\"$name\"" "$staging/index.html" || { echo "index.html has no ner-model meta tag" >&2; exit 1; }
