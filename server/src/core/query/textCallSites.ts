import type { FileFacts, Range } from '../model';

// Calls the graph could not tie to a definition (`cursor.execute()` on a value of unknown
// type) are still findable by what they say. Reported separately from resolved callers.

export interface TextCallSite {
  file: string;
  caller: string | null;
  callee: string;
  range: Range;
}

export function textCallSites(files: Iterable<[string, FileFacts]>, dotted: string, limit = 200): TextCallSite[] {
  const want = dotted.split('.');
  const out: TextCallSite[] = [];
  for (const [file, facts] of files) {
    for (const c of facts.calls) {
      if (c.callee.length < want.length) continue;
      const tail = c.callee.slice(c.callee.length - want.length);
      if (tail.every((s, i) => s === want[i])) {
        out.push({ file, caller: c.caller, callee: c.callee.join('.'), range: c.range });
        if (out.length >= limit) return out;
      }
    }
  }
  return out;
}
