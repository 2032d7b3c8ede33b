//! What the benchmarks share.

use std::path::PathBuf;

/// SHARED_DIR; a relative path is taken from the workspace root, as the Makefile gives it.
pub fn shared_dir() -> PathBuf {
    let dir = PathBuf::from(
        std::env::var("SHARED_DIR")
            .expect("SHARED_DIR must point at the shared folder (../shared) for the benchmarks"),
    );
    if dir.is_relative() {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(dir)
    } else {
        dir
    }
}
