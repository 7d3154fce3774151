import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { createFsResolveHost, type FsResolveHost } from '../../../server/src/core/resolve/resolveHost';

// Fixture workspaces indexed the way the engine would: every source file under the fixture
// becomes a root-relative posix path; config files stay on disk for the host to read.

const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs|py|pyi)$/;

export const FIXTURES = join(__dirname, '..', '..', 'fixtures');

export interface FixtureWorkspace {
  root: string;
  files: Set<string>;
  host: FsResolveHost;
  probes: string[];
}

export function fixtureWorkspace(...segments: string[]): FixtureWorkspace {
  const root = join(FIXTURES, ...segments);
  const files = new Set(listSources(root).map((p) => relative(root, p).split(sep).join('/')));
  const probes: string[] = [];
  const host = createFsResolveHost(root, files, (p) => probes.push(p));
  return { root, files, host, probes };
}

function listSources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listSources(path));
    else if (SOURCE.test(entry.name)) out.push(path);
  }
  return out.sort();
}
