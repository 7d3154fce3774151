import { readFile, rename, writeFile } from 'node:fs/promises';

// BENCHMARKS.md is shared by several generators: `npm run bench` owns the file, and each
// evaluation (question answering, dependency prediction, refactors) owns one block of it,
// delimited by `<!-- begin:NAME -->` / `<!-- end:NAME -->` lines. Regenerating one part must
// never drop another's numbers.

const BLOCK = /^<!-- begin:([\w.-]+) -->\n[\s\S]*?^<!-- end:\1 -->$/gm;

/** Every marked block of `doc`, whole (markers included), in document order. */
export function markedBlocks(doc: string): { name: string; text: string }[] {
  return [...doc.matchAll(BLOCK)].map((m) => ({ name: m[1]!, text: m[0] }));
}

/** `doc` with block `name` holding `body` (replaced in place, or appended at the end). */
export function replaceBlock(doc: string, name: string, body: string): string {
  if (!/^[\w.-]+$/.test(name)) throw new Error(`invalid block name "${name}"`);
  const block = `<!-- begin:${name} -->\n${body.replace(/\n+$/, '')}\n<!-- end:${name} -->`;
  const existing = markedBlocks(doc).find((b) => b.name === name);
  if (existing) return doc.replace(existing.text, () => block);
  return `${doc.replace(/\n*$/, '')}\n\n${block}\n`;
}

/** `fresh` (a regenerated document) with every block of `previous` it does not already hold. */
export function keepBlocks(previous: string, fresh: string): string {
  let out = fresh;
  const present = new Set(markedBlocks(fresh).map((b) => b.name));
  for (const b of markedBlocks(previous)) {
    if (present.has(b.name)) continue;
    out = `${out.replace(/\n*$/, '')}\n\n${b.text}\n`;
  }
  return out;
}

async function readOrEmpty(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw err;
  }
}

/** Writes via a temporary file and a rename, so a crash never leaves half a report. */
export async function writeAtomically(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}

/** Replaces (or appends) block `name` in the file at `path`, leaving the rest untouched. */
export async function writeBlock(path: string, name: string, body: string): Promise<void> {
  await writeAtomically(path, replaceBlock(await readOrEmpty(path), name, body));
}

/** Writes a regenerated document, carrying over the blocks other generators own. */
export async function writeKeepingBlocks(path: string, fresh: string): Promise<void> {
  await writeAtomically(path, keepBlocks(await readOrEmpty(path), fresh));
}
