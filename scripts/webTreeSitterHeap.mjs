// web-tree-sitter passes every node, point and cursor between JavaScript and wasm through
// Emscripten's generic getValue/setValue: a switch on a type string, then a DataView call that
// swaps bytes for big-endian hosts. Extraction asks for millions of node fields, and that
// path was a third of its time. On a little-endian host an i32 is what Int32Array reads and
// writes, so the bundle gives both functions that fast path first (checked at run time).
// The tree-sitter sources stay untouched; a test checks the patch still applies.

const GET = 'function getValue(ptr, type = "i8") {\n';
const SET = 'function setValue(ptr, value, type = "i8") {\n';
const FLAG = 'SPARKGRAPH_LITTLE_ENDIAN';

/** web-tree-sitter's CommonJS source with the i32 fast paths; throws if its shape changed. */
export function patchWebTreeSitter(source) {
  for (const anchor of [GET, SET]) {
    const count = source.split(anchor).length - 1;
    if (count !== 1) throw new Error(`web-tree-sitter: expected one \`${anchor.trim()}\`, found ${count}; update scripts/webTreeSitterHeap.mjs`);
  }
  const indent = '          ';
  return source
    .replace(GET, `var ${FLAG} = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;\n${indent}${GET}${indent}if (type === "i32" && ${FLAG}) return HEAP32[ptr >> 2];\n`)
    .replace(SET, `${SET}${indent}if (type === "i32" && ${FLAG}) { HEAP32[ptr >> 2] = value; return; }\n`);
}

/** esbuild plugin applying patchWebTreeSitter to the bundled web-tree-sitter. */
export function webTreeSitterHeapPlugin(file) {
  return {
    name: 'web-tree-sitter-heap',
    setup(build) {
      build.onLoad({ filter: /web-tree-sitter\.cjs$/ }, async (args) => {
        if (args.path !== file) return undefined;
        const { readFile } = await import('node:fs/promises');
        return { contents: patchWebTreeSitter(await readFile(args.path, 'utf8')), loader: 'js' };
      });
    },
  };
}
