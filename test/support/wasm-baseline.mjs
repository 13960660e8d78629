// Preloaded into every node process of a test run (NODE_OPTIONS --import, set by tmp-run.ts):
// PGlite's WebAssembly runs on V8's baseline compiler only. A test's processes are short, and
// optimising the 9 MB module in the background costs more CPU than it ever gives back here
// (a CLI call on memory:// 4.5 -> 2.9 s CPU, an ingest of the sample 5.4 -> 3.6 s).
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--liftoff-only');
