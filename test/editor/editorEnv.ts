import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

// Where scripts/editor/install-code-server.sh put code-server, Node 24 and Chromium; the
// script records it in <cache>/env.json and this module is the only reader.

export const REPO_ROOT = join(__dirname, '..', '..');
export const INSTALL_SCRIPT = join(REPO_ROOT, 'scripts', 'editor', 'install-code-server.sh');

export interface EditorEnv {
  cache: string;
  /** Directory holding Node 24's `node`; goes first on PATH for code-server only. */
  node24Bin: string;
  node: string;
  /** code-server's `out/node/entry.js`, started with `node` from node24Bin. */
  codeServerEntry: string;
  codeServerBin: string;
  codeServerVersion: string;
  chromium: string;
}

export function editorHome(): string {
  return process.env.SPARKGRAPH_EDITOR_HOME || join(homedir(), '.cache', 'sparkgraph-editor');
}

function envFile(): string {
  return join(editorHome(), 'env.json');
}

/** Reads env.json and checks every path in it still exists; undefined when not installed. */
export function readEditorEnv(): EditorEnv | undefined {
  const file = envFile();
  if (!existsSync(file)) return undefined;
  const env = JSON.parse(readFileSync(file, 'utf8')) as EditorEnv;
  const paths = [env.node, env.codeServerEntry, env.chromium];
  return paths.every((p) => typeof p === 'string' && existsSync(p)) ? env : undefined;
}

/** Runs the installer when env.json is missing or stale; throws with a clear message if that fails. */
export function ensureEditorInstalled(): EditorEnv {
  const ready = readEditorEnv();
  if (ready) return ready;
  console.log(`[editor] code-server is not installed in ${editorHome()}; running ${INSTALL_SCRIPT}`);
  const result = spawnSync('bash', [INSTALL_SCRIPT], { stdio: 'inherit' });
  if (result.error) throw new Error(`could not run ${INSTALL_SCRIPT}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${INSTALL_SCRIPT} failed with exit code ${result.status}`);
  const installed = readEditorEnv();
  if (!installed) throw new Error(`${INSTALL_SCRIPT} finished but ${envFile()} is missing or points at missing files`);
  return installed;
}
