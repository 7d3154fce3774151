import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// Building an index makes a lot of short-lived garbage on top of a large live graph, and V8
// lets the heap grow far past the live size before it collects. A full collection at a phase
// boundary where most of the heap just became garbage (parse workers done, their replies
// absorbed) keeps the peak resident size near the live size for ~100 ms; forcing them where
// little is garbage (in the middle of linking) costs far more than it saves.
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
