import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { build } from 'esbuild';
import { EDITOR_APP_FIXTURE } from './contract';
import { REPO_ROOT } from './editorEnv';

// The editor tier on a machine that has desktop VS Code (or may download it): the repo is the
// extension under development, and electronSuite.ts checks the contract through the VS Code
// API inside the extension host. Never the default: run.ts picks it only when asked.

export interface ElectronOptions {
  /** A VS Code executable; without it, `download` must be true. */
  vscodePath?: string;
  /** Let @vscode/test-electron download VS Code stable. */
  download: boolean;
}

const SUITE_BUNDLE = join(REPO_ROOT, 'dist', 'editor-test', 'electronSuite.js');

export async function runElectron(options: ElectronOptions): Promise<number> {
  if (!options.vscodePath && !options.download) throw new Error('set SPARKGRAPH_VSCODE_PATH (or --vscode <exe>), or pass --download');
  if (options.vscodePath && !existsSync(options.vscodePath)) throw new Error(`SPARKGRAPH_VSCODE_PATH does not exist: ${options.vscodePath}`);
  if (!existsSync(join(REPO_ROOT, 'dist', 'client', 'extension.js'))) throw new Error('dist/client/extension.js is missing; run `npm run build` first');

  // The extension host loads plain CommonJS; `vscode` is provided by the host.
  await build({
    entryPoints: [join(__dirname, 'electronSuite.ts')],
    outfile: SUITE_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });

  const root = mkdtempSync(join(tmpdir(), 'sparkgraph-electron-'));
  const workspace = join(root, basename(EDITOR_APP_FIXTURE));
  cpSync(join(REPO_ROOT, EDITOR_APP_FIXTURE), workspace, { recursive: true });
  try {
    console.log(`[editor] VS Code ${options.vscodePath ?? '(downloaded stable)'} on ${workspace}`);
    return await runTests({
      vscodeExecutablePath: options.vscodePath,
      version: options.vscodePath ? undefined : 'stable',
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: SUITE_BUNDLE,
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${join(root, 'user-data')}`,
        `--extensions-dir=${join(root, 'extensions')}`,
      ],
    });
  } catch (err) {
    console.error(`[editor] VS Code test run failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
