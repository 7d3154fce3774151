import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// Building an index makes a lot of short-lived garbage on top of a large live graph, and V8
// lets the heap grow far past the live size before it collects. A few full collections at
// phase boundaries of a bulk build keep the peak resident size near the live size (on a
// 500k-line workspace: ~380 MB instead of ~510 MB) for a few tens of milliseconds each.
// `gc` is exposed at run time so neither the CLI nor the editor has to pass node flags.

type Gc = (options?: { type?: 'major' | 'minor'; execution?: 'sync' | 'async' }) => unknown;
let gc: Gc | undefined | null;

/** A major collection; `background` lets V8 mark concurrently instead of stopping the thread. */
export function collectGarbage(background = false): void {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as Gc;
    } catch {
      gc = null;
    }
  }
  if (background) void gc?.({ type: 'major', execution: 'async' });
  else gc?.();
}
