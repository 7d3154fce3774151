// Two hot paths of web-tree-sitter, made cheaper in the bundle (the npm package stays as it is;
// a test checks every patch still finds its place and that a patched runtime reports the same
// trees). Extraction asks for millions of node fields; these paths were half of its time.
//
// 1. Every node, point and cursor crosses between JavaScript and wasm through Emscripten's
//    generic getValue/setValue: a switch on a type string, then a DataView call that swaps
//    bytes for big-endian hosts. On a little-endian host an i32 is what Int32Array reads and
//    writes, so both get that fast path first (checked at run time), in a function small
//    enough for V8 to inline; the generic switch moves to a function of its own.
// 2. Each Node object is built by a class-field initializer that defines seven properties,
//    one of them the indexed `[0]` (which gives every node its own elements store), before the
//    constructor assigns five of them again. Plain assignments in the constructor, with the
//    wasm handle under a named property, build the same node for far less.
// 3. `node.type` asks wasm for the node's symbol on every read, and extraction reads it several
//    times per node; a node's symbol never changes, so each node keeps it after the first read.

const LE = 'SPARKGRAPH_LITTLE_ENDIAN';
const GET = 'function getValue(ptr, type = "i8") {\n';
const SET = 'function setValue(ptr, value, type = "i8") {\n';
const I = '          ';

/** [what must occur exactly once, what replaces it] */
const PATCHES = [
  [
    GET,
    `var ${LE} = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;\n` +
      `${I}function getValue(ptr, type = "i8") {\n${I}  if (type === "i32" && ${LE}) return HEAP32[ptr >> 2];\n${I}  return sparkgraphGetValue(ptr, type);\n${I}}\n` +
      `${I}function sparkgraphGetValue(ptr, type = "i8") {\n`,
  ],
  [
    SET,
    `function setValue(ptr, value, type = "i8") {\n${I}  if (type === "i32" && ${LE}) HEAP32[ptr >> 2] = value;\n${I}  else sparkgraphSetValue(ptr, value, type);\n${I}}\n` +
      `${I}function sparkgraphSetValue(ptr, value, type = "i8") {\n`,
  ],
  [
    `  get typeId() {
    marshalNode(this);
    return C._ts_node_symbol_wasm(this.tree[0]);
  }`,
    `  get typeId() {
    let id = this.sparkgraphTypeId;
    if (id === -1) {
      marshalNode(this);
      id = this.sparkgraphTypeId = C._ts_node_symbol_wasm(this.tree[0]);
    }
    return id;
  }`,
  ],
  [
    `var Node = class {
  static {
    __name(this, "Node");
  }
  /** @internal */
  // @ts-expect-error: never read
  [0] = 0;
  // Internal handle for Wasm
  /** @internal */
  _children;
  /** @internal */
  _namedChildren;
`,
    `var Node = class {
  static {
    __name(this, "Node");
  }
`,
  ],
  [
    `    assertInternal(internal);
    this[0] = other;
    this.id = id;
    this.tree = tree;
    this.startIndex = startIndex;
    this.startPosition = startPosition;
  }`,
    `    assertInternal(internal);
    this.sparkgraphHandle = other;
    this.id = id;
    this.tree = tree;
    this.startIndex = startIndex;
    this.startPosition = startPosition;
    this._children = void 0;
    this._namedChildren = void 0;
    this.sparkgraphTypeId = -1;
  }`,
  ],
  [
    `  id;
  /** The byte index where this node starts. */
  startIndex;
  /** The position where this node starts. */
  startPosition;
  /** The tree that this node belongs to. */
  tree;
`,
    '',
  ],
  ['C.setValue(address, node[0], "i32");', 'C.setValue(address, node.sparkgraphHandle, "i32");'],
];

/** web-tree-sitter's CommonJS source with the fast paths; throws if its shape changed. */
export function patchWebTreeSitter(source) {
  let out = source;
  for (const [anchor, replacement] of PATCHES) {
    const count = out.split(anchor).length - 1;
    if (count !== 1) {
      throw new Error(`web-tree-sitter: expected one \`${anchor.trim().split('\n')[0]}…\`, found ${count}; update scripts/webTreeSitterPatch.mjs`);
    }
    out = out.replace(anchor, () => replacement);
  }
  return out;
}

/** esbuild plugin applying patchWebTreeSitter to the bundled web-tree-sitter. */
export function webTreeSitterPatchPlugin(file) {
  return {
    name: 'web-tree-sitter-patch',
    setup(build) {
      build.onLoad({ filter: /web-tree-sitter\.cjs$/ }, async (args) => {
        if (args.path !== file) return undefined;
        const { readFile } = await import('node:fs/promises');
        return { contents: patchWebTreeSitter(await readFile(args.path, 'utf8')), loader: 'js' };
      });
    },
  };
}
