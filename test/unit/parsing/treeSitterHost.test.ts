import assert from 'node:assert/strict';
import { collectGarbage } from '../../../server/src/core/index/collectGarbage';
import { languageById } from '../../../server/src/core/languages/registry';
import { emptyFacts } from '../../../server/src/core/model';
import { TreeSitterHost } from '../../../server/src/core/parsing/treeSitter';

// Hosts come and go (every index has one, the language server makes a new index per reindex);
// the grammars, parsers and queries behind them must outlive them, or their finalizers corrupt
// the shared wasm runtime.

const TS = 'export class Repo {\n  save(x: number) { return log(x); }\n}\nfunction log(x: number) { return x; }\n';
const PY = 'class Repo:\n    def save(self, x):\n        return log(x)\n\n\ndef log(x):\n    return x\n';

const wait = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('TreeSitterHost', function () {
  this.timeout(60_000);

  it('keeps parsing correctly while many hosts are created and collected', async () => {
    for (let i = 0; i < 100; i++) {
      const host = new TreeSitterHost();
      const ts = await host.facts(languageById('typescript'), TS);
      const py = await host.facts(languageById('python'), PY);
      assert.deepEqual(ts.symbols.map((s) => s.qname), ['Repo', 'Repo.save', 'log']);
      assert.deepEqual(py.symbols.map((s) => s.qname), ['Repo', 'Repo.save', 'log']);
      if (i % 10 === 9) {
        collectGarbage();
        // Finalizers run between turns of the event loop.
        await wait();
      }
    }
  });

  it('gives each language module its own extractor over the shared grammar', async () => {
    const real = languageById('typescript');
    const grammarOnly = { ...real, createExtractor: () => ({ extract: () => emptyFacts('typescript') }) };
    const host = new TreeSitterHost();
    assert.equal((await host.facts(grammarOnly, TS)).symbols.length, 0);
    assert.equal((await host.facts(real, TS)).symbols.length, 3);
    assert.equal((await new TreeSitterHost().facts(real, TS)).symbols.length, 3);
  });
});
