// The analysis worker: the page's own module (its wasm) started in a dedicated worker, where
// `main` finds no window and answers analysis requests instead (src/worker.rs). The build
// (tools/trunk-post-build.sh) fills in the app's file names and names this file by its hash.
import init from "./__APP_JS__";

// The module's exports, kept where a benchmark can read the worker's wasm memory.
self.analysisWasm = await init({ module_or_path: "./__APP_WASM__" });
