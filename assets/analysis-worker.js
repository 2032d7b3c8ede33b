// The analysis worker: the page's own module (its wasm) started in a dedicated worker, where
// `main` finds no window and answers analysis requests instead (src/worker.rs). The page's first
// message is its compiled WebAssembly.Module, so the worker neither fetches nor compiles the code
// again. The build (tools/trunk-post-build.sh) fills in the app's file names and names this file
// by its hash.
import init from "./__APP_JS__";

self.onmessage = async (event) => {
  self.onmessage = null;
  // The module's exports, kept where a benchmark can read the worker's wasm memory. Without a
  // module (a browser that cannot pass one), the file is fetched and compiled here.
  const module = event.data instanceof WebAssembly.Module ? event.data : "./__APP_WASM__";
  self.analysisWasm = await init({ module_or_path: module });
};
