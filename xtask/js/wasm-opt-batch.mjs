// Optimises many small wasm files in one process: `wasm-opt` from npm starts
// a whole Binaryen each time (about a second), and the split makes hundreds
// of page modules and chunks. Called by xtask/src/split.rs:
//
//   node wasm-opt-batch.mjs <binaryen index.js> <out dir> <wasm-opt args> -- <files>
//
// The wasm-opt arguments are the ones Trunk is given (`-Oz`, `--enable-…`),
// mapped to Binaryen's API; anything else is refused rather than ignored.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [binaryenJs, outDir, ...rest] = process.argv.slice(2);
const split = rest.indexOf('--');
if (!binaryenJs || !outDir || split < 0) {
  console.error('usage: node wasm-opt-batch.mjs <binaryen index.js> <out dir> <wasm-opt args> -- <files>');
  process.exit(2);
}
const args = rest.slice(0, split);
const files = rest.slice(split + 1);
const binaryen = (await import(pathToFileURL(binaryenJs).href)).default;

const LEVELS = { 0: [0, 0], 1: [1, 0], 2: [2, 0], 3: [3, 0], 4: [4, 0], s: [2, 1], z: [2, 2] };
let features = binaryen.Features.MVP;
for (const arg of args) {
  const level = /^-O(.)$/.exec(arg);
  const feature = /^--enable-([a-z-]+)$/.exec(arg);
  if (level && LEVELS[level[1]]) {
    binaryen.setOptimizeLevel(LEVELS[level[1]][0]);
    binaryen.setShrinkLevel(LEVELS[level[1]][1]);
  } else if (feature) {
    const name = feature[1].replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase()).replace('FloatToInt', 'FPToInt');
    if (binaryen.Features[name] === undefined) {
      console.error(`wasm-opt-batch: unknown feature ${arg}`);
      process.exit(2);
    }
    features |= binaryen.Features[name];
    // The command line's --enable-bulk-memory also means the optional part.
    if (name === 'BulkMemory') features |= binaryen.Features.BulkMemoryOpt;
  } else {
    console.error(`wasm-opt-batch: unsupported argument ${arg}`);
    process.exit(2);
  }
}

for (const file of files) {
  const module = binaryen.readBinary(readFileSync(file));
  module.setFeatures(features);
  module.optimize();
  if (!module.validate()) {
    console.error(`wasm-opt-batch: ${file} does not validate after optimising`);
    process.exit(1);
  }
  writeFileSync(join(outDir, basename(file)), module.emitBinary());
  module.dispose();
}
