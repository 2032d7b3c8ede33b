#!/usr/bin/env bash
# Trunk post-build hook: ships the engine's model file (names, syntax, quotes) as a separate
# asset named by its content hash (so it can be cached forever), and tells the page its name
# through <meta name="engine-model" content="...">, which the app reads after its first render;
# then writes the page's Content-Security-Policy and the service worker (both below).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
model="$root/crates/engine/model/model.bin"
staging="${TRUNK_STAGING_DIR:?run by trunk}"
hash=$(sha256sum "$model" | cut -c1-16)
name="model-$hash.bin"
cp "$model" "$staging/$name"
sed -i "s|<meta name=\"engine-model\" content=\"[^\"]*\"|<meta name=\"engine-model\" content=\"$name\"|" "$staging/index.html"
grep -q "content=\"$name\"" "$staging/index.html" || { echo "index.html has no engine-model meta tag" >&2; exit 1; }

# The analysis worker (assets/analysis-worker.js): it imports the app's hashed script, so it is
# written now and named by its own hash, which the page reads from <meta name="analysis-worker">.
# (The benchmark page has none.)
if grep -q '<meta name="analysis-worker"' "$staging/index.html"; then
  app_js=$(cd "$staging" && ls article-annotator-*.js)
  [ "$(echo "$app_js" | wc -l)" = 1 ] || { echo "expected one app script in $staging, found: $app_js" >&2; exit 1; }
  app_wasm="${app_js%.js}_bg.wasm"
  [ -f "$staging/$app_wasm" ] || { echo "no $app_wasm in $staging" >&2; exit 1; }
  grep -q __APP_JS__ "$root/assets/analysis-worker.js" && grep -q __APP_WASM__ "$root/assets/analysis-worker.js" \
    || { echo "assets/analysis-worker.js lacks __APP_JS__ or __APP_WASM__" >&2; exit 1; }
  sed "s|__APP_JS__|$app_js|; s|__APP_WASM__|$app_wasm|" "$root/assets/analysis-worker.js" > "$staging/analysis-worker.js"
  worker="analysis-worker-$(sha256sum "$staging/analysis-worker.js" | cut -c1-16).js"
  mv "$staging/analysis-worker.js" "$staging/$worker"
  sed -i "s|<meta name=\"analysis-worker\" content=\"[^\"]*\"|<meta name=\"analysis-worker\" content=\"$worker\"|" "$staging/index.html"
  grep -q "content=\"$worker\"" "$staging/index.html" || { echo "index.html has no analysis-worker meta tag" >&2; exit 1; }
fi

# A strict Content-Security-Policy in the page: only this origin, WebAssembly allowed, no
# inline styles, and the inline scripts Trunk writes (its loader names the hashed files, so
# their hashes are known only now) allowed by their sha256.
python3 - "$staging/index.html" <<'PY'
import base64, hashlib, re, sys
path = sys.argv[1]
html = open(path, encoding="utf-8").read()
inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
hashes = " ".join(
    "'sha256-%s'" % base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode()
    for s in inline
)
policy = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' " + hashes + "; "
    "style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'none'"
)
meta = '<meta http-equiv="Content-Security-Policy" content="%s" />' % policy
if "Content-Security-Policy" in html:
    sys.exit("index.html already has a Content-Security-Policy")
html, n = re.subn(r'(<meta charset="utf-8" />)', r"\1\n    " + meta.replace("\\", "\\\\"), html, count=1)
if n != 1:
    sys.exit("index.html has no <meta charset> to put the policy after")
open(path, "w", encoding="utf-8").write(html)
PY

# The service worker (assets/sw.js) with this build's file list, and a version that changes
# whenever any file does: the page names every content-hashed file, so its hash will do.
python3 - "$staging" "$root/assets/sw.js" <<'PY'
import hashlib, json, os, sys
staging, template = sys.argv[1], sys.argv[2]
page = open(os.path.join(staging, "index.html"), "rb").read()
version = hashlib.sha256(page).hexdigest()[:16]
files = sorted(
    f for f in os.listdir(staging)
    if os.path.isfile(os.path.join(staging, f)) and f not in ("index.html", "sw.js")
)
source = open(template, encoding="utf-8").read()
for key in ("__VERSION__", "__ASSETS__"):
    if key not in source:
        sys.exit(f"assets/sw.js has no {key}")
source = source.replace("__VERSION__", version).replace("__ASSETS__", json.dumps(["./"] + files))
open(os.path.join(staging, "sw.js"), "w", encoding="utf-8").write(source)
PY
