import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dependencyReport } from '../../../server/src/core/deps/dependencyReport';
import { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import { fixturePath } from '../../helpers/fixtures';

// Each deps-* fixture holds its expected report in expected-deps.json, written by hand from
// the fixture's own files: what is missing, where, and the command; unused declarations;
// manifests that could not be read.

interface Expected {
  missing: { package: string; dev: boolean; at: string[]; cwd: string; command: string; manifest?: string }[];
  /** Undeclared imports inside try (absent: none). */
  optional?: Expected['missing'];
  unused: string[];
  problems: string[];
}

const FIXTURES = ['deps-pnpm-ws', 'deps-py-uv', 'deps-poetry', 'deps-pip', 'deps-broken', 'deps-cargo-go'];

describe('dependency analysis on fixtures', function () {
  this.timeout(60_000);
  for (const name of FIXTURES) {
    it(`${name}: reports what expected-deps.json says`, async () => {
      const root = fixturePath(name);
      const expected = JSON.parse(readFileSync(join(root, 'expected-deps.json'), 'utf8')) as Expected;
      const index = new WorkspaceIndex(root, { workers: 0, cache: false });
      try {
        await index.build();
        const report = await dependencyReport(index);
        const project = (list: typeof report.missing) => list
          .map((m) => {
            const e: Expected['missing'][number] = {
              package: m.package,
              dev: m.dev,
              at: m.imports.map((i) => `${i.file}:${i.range[0] + 1}`),
              cwd: m.install.cwd,
              command: m.install.command,
            };
            if (m.install.tool === 'pip') e.manifest = m.install.manifest;
            return e;
          })
          .sort((a, b) => a.package.localeCompare(b.package));
        assert.deepEqual(project(report.missing), [...expected.missing].sort((a, b) => a.package.localeCompare(b.package)));
        assert.deepEqual(project(report.optional), [...(expected.optional ?? [])].sort((a, b) => a.package.localeCompare(b.package)));
        assert.deepEqual(report.unused.map((u) => `${u.manifest}: ${u.package}`).sort(), [...expected.unused].sort());
        assert.deepEqual(report.problems.map((p) => `${p.manifest}:${p.range[0] + 1}`).sort(), [...expected.problems].sort());
      } finally {
        await index.dispose();
      }
    });
  }
});
