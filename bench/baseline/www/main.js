//! Starts the baseline wasm the way the widget's loader starts its own: one dynamic init.
import init from "./dist/parcours_bench_baseline.js";

await init();
