import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { pollUntil } from './deadline';
import { ensureEditorInstalled, type EditorEnv } from './editorEnv';

// The editor-test harness: a real VS Code (code-server) serving one workspace with the
// extension under test installed, and a headless Chromium on its workbench. Each run gets
// fresh user-data and extensions dirs so nothing leaks between runs or from the machine.

export { Workbench } from './workbench';

/** Settings that keep first-run UI (trust prompt, welcome page, tips, surveys) out of the way. */
export const QUIET_SETTINGS: Readonly<Record<string, unknown>> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'editor.hover.delay': 200,
};

export interface CodeServerOptions {
  /** Folder to open. Copied into the run's temp dir first (see copyWorkspace). */
  workspace: string;
  /** .vsix files to install before start. */
  vsix?: string | readonly string[];
  /** Merged over QUIET_SETTINGS into <user-data-dir>/User/settings.json. */
  settings?: Record<string, unknown>;
  env?: EditorEnv;
  /** Open a temp copy, so caches the extension writes never land in the repo (default true). */
  copyWorkspace?: boolean;
  /** Leave the temp dirs behind on stop(), for digging into a failure (default false). */
  keep?: boolean;
  startTimeoutMs?: number;
}

export interface CodeServer {
  url: string;
  port: number;
  /** The folder code-server opened (the copy when copyWorkspace). */
  workspace: string;
  userDataDir: string;
  extensionsDir: string;
  /** VS Code's own logs (server, extension host, output channels). */
  logsDir: string;
  /** code-server's stdout and stderr. */
  outputFile: string;
  /** Milliseconds from spawn to the HTTP server answering. */
  startupMs: number;
  /** Copies every log into `<targetDir>/<label>-logs/` and returns the tails worth printing. */
  dumpLogs(targetDir: string, label: string): string;
  stop(): Promise<void>;
}

/** Environment for code-server: Node 24 first on PATH, and nothing inherited that would redirect it. */
function childEnv(env: EditorEnv, root: string): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    // Inside a VS Code terminal VSCODE_IPC_HOOK_CLI would send --install-extension to the
    // outer editor; NODE_OPTIONS from tsx/mocha would load their hooks into code-server.
    if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE' || k === 'NODE_OPTIONS') continue;
    out[k] = v;
  }
  out.PATH = `${env.node24Bin}:${process.env.PATH ?? ''}`;
  // code-server writes a default config (with a random password) on first start.
  out.CODE_SERVER_CONFIG = join(root, 'config.yaml');
  // code-server, VS Code and the extension under test (its index cache) write under the XDG
  // dirs; per-run ones keep runs independent and the home directory clean.
  for (const [name, dir] of [['XDG_CONFIG_HOME', 'config'], ['XDG_DATA_HOME', 'data'], ['XDG_CACHE_HOME', 'cache']] as const) {
    out[name] = join(root, 'xdg', dir);
    mkdirSync(out[name], { recursive: true });
  }
  return out;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not get a free port'))));
    });
  });
}

function httpStatus(url: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within ${timeoutMs}ms`)));
    req.on('error', reject);
    req.end();
  });
}

function tail(file: string, lines: number): string {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path));
    else out.push(path);
  }
  return out;
}

function installVsix(env: EditorEnv, vars: NodeJS.ProcessEnv, userDataDir: string, extensionsDir: string, vsix: string): void {
  if (!existsSync(vsix)) throw new Error(`vsix not found: ${vsix}`);
  const args = [env.codeServerEntry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix];
  const result = spawnSync(env.node, args, { env: vars, encoding: 'utf8', timeout: 180_000 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  if (result.error) throw new Error(`installing ${basename(vsix)} failed: ${result.error.message}\n${output}`);
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`installing ${basename(vsix)} failed (exit ${result.status}):\n${output}`);
  }
}

function startProcess(env: EditorEnv, vars: NodeJS.ProcessEnv, port: number, dirs: { userDataDir: string; extensionsDir: string; workspace: string; outputFile: string }): ChildProcess {
  const args = [
    env.codeServerEntry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', dirs.userDataDir,
    '--extensions-dir', dirs.extensionsDir,
    dirs.workspace,
  ];
  const fd = openSync(dirs.outputFile, 'a');
  try {
    // Its own process group, so stop() ends code-server together with the processes it forks.
    return spawn(env.node, args, { env: vars, detached: true, stdio: ['ignore', fd, fd] });
  } finally {
    closeSync(fd);
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

interface RunDirs {
  userDataDir: string;
  extensionsDir: string;
  workspace: string;
  outputFile: string;
}

/** Starts code-server on a free port and waits for its HTTP server; retries a lost port race. */
async function launch(env: EditorEnv, vars: NodeJS.ProcessEnv, dirs: RunDirs, timeoutMs: number): Promise<{ child: ChildProcess; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = startProcess(env, vars, port, dirs);
    let gone = false;
    child.once('exit', () => (gone = true));
    await pollUntil(`code-server to answer on 127.0.0.1:${port}`, timeoutMs, async (seen) => {
      if (gone) return 'exited';
      const status = await httpStatus(`http://127.0.0.1:${port}/healthz`, 2000);
      seen(`HTTP ${status}`);
      return status === 200 ? 'up' : undefined;
    }).catch((err: Error) => {
      killGroup(child, 'SIGKILL');
      throw new Error(`${err.message}\ncode-server output (${dirs.outputFile}):\n${tail(dirs.outputFile, 30)}`);
    });
    if (!gone) return { child, port };
    // A port found free can be taken before code-server binds it.
    if (attempt >= 3 || !/EADDRINUSE/.test(tail(dirs.outputFile, 30))) {
      throw new Error(`code-server exited during start (code ${child.exitCode}):\n${tail(dirs.outputFile, 30)}`);
    }
  }
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const env = options.env ?? ensureEditorInstalled();
  if (!existsSync(options.workspace) || !statSync(options.workspace).isDirectory()) {
    throw new Error(`workspace folder not found: ${options.workspace}`);
  }
  const root = mkdtempSync(join(tmpdir(), 'sparkgraph-editor-'));
  const copy = options.copyWorkspace ?? true;
  const dirs: RunDirs = {
    userDataDir: join(root, 'user-data'),
    extensionsDir: join(root, 'extensions'),
    workspace: copy ? join(root, 'workspace', basename(options.workspace)) : options.workspace,
    outputFile: join(root, 'code-server.log'),
  };
  const { userDataDir, extensionsDir, workspace, outputFile } = dirs;
  let started = 0;
  let launched: { child: ChildProcess; port: number };
  try {
    if (copy) cpSync(options.workspace, workspace, { recursive: true });
    mkdirSync(join(userDataDir, 'User'), { recursive: true });
    mkdirSync(extensionsDir, { recursive: true });
    writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2));
    const vars = childEnv(env, root);
    const vsixes = typeof options.vsix === 'string' ? [options.vsix] : (options.vsix ?? []);
    for (const vsix of vsixes) installVsix(env, vars, userDataDir, extensionsDir, vsix);
    started = Date.now();
    launched = await launch(env, vars, dirs, options.startTimeoutMs ?? 90_000);
  } catch (err) {
    if (!options.keep) rmSync(root, { recursive: true, force: true });
    throw err;
  }
  const { child: running, port } = launched;
  const startupMs = Date.now() - started;

  // A crashed or interrupted test run must not leave code-server behind.
  const onExit = () => {
    killGroup(running, 'SIGKILL');
    if (!options.keep) rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
  process.once('exit', onExit);

  const logsDir = join(userDataDir, 'logs');
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    workspace,
    userDataDir,
    extensionsDir,
    logsDir,
    outputFile,
    startupMs,
    dumpLogs(targetDir, label) {
      const into = join(targetDir, `${label}-logs`);
      mkdirSync(into, { recursive: true });
      if (existsSync(logsDir)) cpSync(logsDir, join(into, 'vscode'), { recursive: true });
      if (existsSync(outputFile)) cpSync(outputFile, join(into, 'code-server.log'));
      const parts = [`--- code-server output (${outputFile}) ---\n${tail(outputFile, 20)}`];
      // The extension host log and the output channels say why an extension misbehaved.
      // Built-in extensions' own logs (git, GitHub, TypeScript) are noise here; they stay in the copy.
      const interesting = listFiles(logsDir).filter((f) => {
        const rel = relative(logsDir, f);
        return f.endsWith('.log') && (/(^|\/)(remote)?exthost\.log$|output_logging_/i.test(rel) || /\/exthost\d*\/(?!vscode\.)[^/]+\/[^/]+$/.test(rel));
      });
      for (const file of interesting) parts.push(`--- ${relative(logsDir, file)} ---\n${tail(file, 25)}`);
      parts.push(`(all logs copied to ${into})`);
      return parts.join('\n');
    },
    async stop() {
      process.removeListener('exit', onExit);
      if (running.exitCode === null && running.signalCode === null) {
        const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
        killGroup(running, 'SIGTERM');
        const ended = await Promise.race([exited.then(() => true), pollUntil('code-server to exit', 10_000, async () => (running.exitCode !== null || running.signalCode !== null ? true : undefined)).catch(() => false)]);
        if (!ended) killGroup(running, 'SIGKILL');
      }
      if (!options.keep) rmSync(root, { recursive: true, force: true });
    },
  };
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface OpenWorkbenchOptions {
  env?: EditorEnv;
  timeoutMs?: number;
}

export interface OpenedWorkbench {
  browser: Browser;
  page: Page;
  /** Milliseconds from browser launch to the workbench showing its explorer and status bar. */
  readyMs: number;
  /** Browser console errors and page errors, for failure reports. */
  consoleErrors: string[];
}

/** Opens code-server's workbench in headless Chromium and waits until the window is usable. */
export async function openWorkbench(url: string, options: OpenWorkbenchOptions = {}): Promise<OpenedWorkbench> {
  const env = options.env ?? ensureEditorInstalled();
  const timeoutMs = options.timeoutMs ?? 90_000;
  const started = Date.now();
  // Chromium's crash reporter and dconf write under the XDG dirs even with a temp profile.
  const configHome = mkdtempSync(join(tmpdir(), 'sparkgraph-chromium-'));
  const xdg = { XDG_CONFIG_HOME: join(configHome, 'config'), XDG_CACHE_HOME: join(configHome, 'cache'), XDG_DATA_HOME: join(configHome, 'data') };
  const browser = await chromium
    .launch({ executablePath: env.chromium, headless: true, args: CHROMIUM_ARGS, timeout: timeoutMs, env: { ...process.env, ...xdg } })
    .catch((err: unknown) => {
      rmSync(configHome, { recursive: true, force: true });
      throw err;
    });
  browser.on('disconnected', () => rmSync(configHome, { recursive: true, force: true }));
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.message}`));
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: timeoutMs });
    // The explorer listing the folder means the remote connection and file system are up.
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: timeoutMs });
    return { browser, page, readyMs: Date.now() - started, consoleErrors };
  } catch (err) {
    await browser.close();
    throw err;
  }
}
