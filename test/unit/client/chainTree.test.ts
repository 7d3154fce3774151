import { strict as assert } from 'node:assert';
import { chainTree, type ChainNode } from '../../../client/src/chainTree';
import type { ChainStepInfo } from '../../../shared/protocol';

const at = (file: string, line: number) => ({ file, uri: `file:///ws/${file}`, line, character: 2 });
const step = (name: string, file: string, line: number, resolution?: string): ChainStepInfo => ({
  name,
  qname: `${file}:${name}`,
  kind: 'function',
  location: at(file, line),
  ...(resolution ? { resolution } : {}),
});

/** The tree as indented `label — description` lines, the way the view shows it. */
function render(nodes: ChainNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [`${'  '.repeat(depth)}${n.label}${n.description ? ` — ${n.description}` : ''}`, ...render(n.children, depth + 1)]);
}

describe('call chains tree', () => {
  const verify = step('verifyPassword', 'src/auth.ts', 9);
  const handleLogin = step('handleLogin', 'src/login.ts', 4, 'import');
  const main = step('main', 'src/main.ts', 0);
  const cli = step('runCli', 'src/cli.ts', 20);

  it('nests each chain from its entry point down to the symbol, sharing common prefixes', () => {
    const tree = chainTree({
      symbol: verify,
      incoming: [
        [main, handleLogin, { ...verify, resolution: 'import' }],
        [main, step('retryLogin', 'src/retry.ts', 14, 'name'), { ...verify, resolution: 'import' }],
        [cli, { ...verify, resolution: 'name' }],
      ],
      outgoing: [step('hash', 'src/crypto.ts', 2, 'import'), step('log', 'src/log.ts', 7, 'name')],
      truncated: false,
    });
    assert.deepEqual(render(tree), [
      'Reached from — 3 chains',
      '  main — src/main.ts:1',
      '    handleLogin — src/login.ts:5',
      '      verifyPassword — src/auth.ts:10',
      '    retryLogin — src/retry.ts:15 (guess)',
      '      verifyPassword — src/auth.ts:10',
      '  runCli — src/cli.ts:21',
      '    verifyPassword — src/auth.ts:10 (guess)',
      'Calls out of file — 2 calls',
      '  hash — src/crypto.ts:3',
      '  log — src/log.ts:8 (guess)',
    ]);
  });

  it('keeps locations for opening and gives every row a unique id', () => {
    const tree = chainTree({ symbol: verify, incoming: [[handleLogin, verify]], outgoing: [verify, verify], truncated: false });
    const all: ChainNode[] = [];
    const walk = (ns: ChainNode[]) => ns.forEach((n) => (all.push(n), walk(n.children)));
    walk(tree);
    assert.equal(new Set(all.map((n) => n.id)).size, all.length);
    const login = tree[0].children[0];
    assert.deepEqual(login.location, { file: 'src/login.ts', uri: 'file:///ws/src/login.ts', line: 4, character: 2 });
  });

  it('says so when nothing reaches the symbol or leaves its file, or chains were cut', () => {
    const tree = chainTree({ symbol: verify, incoming: [], outgoing: [], truncated: true });
    assert.deepEqual(render(tree), [
      'Reached from — 0 chains',
      '  No entry point reaches verifyPassword',
      '  More chains exist; only the shortest are shown',
      'Calls out of file — 0 calls',
      '  verifyPassword calls nothing outside its file',
    ]);
  });

  it('marks steps outside the workspace as external', () => {
    const external: ChainStepInfo = { name: 'Router', qname: 'express.Router', kind: 'function', resolution: 'import' };
    const tree = chainTree({ symbol: verify, incoming: [], outgoing: [external], truncated: false });
    assert.equal(render(tree)[3], '  Router — external');
    assert.equal(tree[1].children[0].location, undefined);
  });
});
