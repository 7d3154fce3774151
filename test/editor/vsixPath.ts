import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

// Which .vsix the editor tier tests: an explicit path, else SPARKGRAPH_VSIX, else the newest
// *.vsix in the repo root (what `npm run package` just wrote).

export function resolveVsix(repoRoot: string, explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = explicit ?? env.SPARKGRAPH_VSIX;
  if (chosen) {
    const path = resolve(chosen);
    if (!existsSync(path)) throw new Error(`the .vsix to test does not exist: ${path}`);
    return path;
  }
  const candidates = readdirSync(repoRoot)
    .filter((name) => name.endsWith('.vsix'))
    .map((name) => join(repoRoot, name))
    .filter((path) => statSync(path).isFile())
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (candidates.length === 0) {
    throw new Error(`no .vsix in ${repoRoot}; run \`npm run package\` first, or pass --vsix <file> / set SPARKGRAPH_VSIX`);
  }
  return candidates[0];
}
