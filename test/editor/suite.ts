import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench, startCodeServer, type CodeServer } from './codeServer';
import { ensureEditorInstalled, REPO_ROOT } from './editorEnv';
import { Workbench } from './workbench';

// Runs scenarios against one code-server + one browser: start, open the workbench, each
// scenario in order (a fresh editor area between them), then a summary with timings.

export interface Scenario {
  /** Short and file-safe: prefixes the screenshots, e.g. `hover-<step>.png`. */
  id: string;
  name: string;
  run(workbench: Workbench): Promise<void>;
}

export interface SuiteOptions {
  /** Folder the editor opens (copied to a temp dir first). */
  workspace: string;
  /** The extension(s) under test. */
  vsix: string | readonly string[];
  scenarios: readonly Scenario[];
  settings?: Record<string, unknown>;
  /** Default: test-artifacts/editor in the repo; emptied at the start of a run. */
  artifactsDir?: string;
  /** Keep the temp user-data/extensions/workspace dirs after the run. */
  keep?: boolean;
}

export interface ScenarioResult {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}

export interface SuiteResult {
  ok: boolean;
  results: ScenarioResult[];
  /** Failure before any scenario could run (install, code-server, browser). */
  setupError?: string;
  timings: { installCheckMs: number; codeServerStartMs?: number; workbenchReadyMs?: number; totalMs: number };
  artifactsDir: string;
}

export const DEFAULT_ARTIFACTS_DIR = join(REPO_ROOT, 'test-artifacts', 'editor');

const firstLines = (err: unknown, n = 12) => (err instanceof Error ? err.message : String(err)).split('\n').slice(0, n).join('\n');

export async function runEditorSuite(options: SuiteOptions): Promise<SuiteResult> {
  const started = Date.now();
  const artifactsDir = options.artifactsDir ?? DEFAULT_ARTIFACTS_DIR;
  if (existsSync(artifactsDir)) rmSync(artifactsDir, { recursive: true, force: true });
  mkdirSync(artifactsDir, { recursive: true });
  const result: SuiteResult = { ok: false, results: [], timings: { installCheckMs: 0, totalMs: 0 }, artifactsDir };

  let server: CodeServer | undefined;
  let browser: { close(): Promise<void> } | undefined;
  // code-server runs in its own session, out of reach of the terminal's Ctrl+C; exiting
  // through process.exit runs the 'exit' hook that ends it.
  const interrupted = (signal: NodeJS.Signals) => process.exit(signal === 'SIGINT' ? 130 : 143);
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const env = ensureEditorInstalled();
    result.timings.installCheckMs = Date.now() - started;
    console.log(`[editor] code-server ${env.codeServerVersion}`);
    server = await startCodeServer({ workspace: options.workspace, vsix: options.vsix, settings: options.settings, env, keep: options.keep });
    result.timings.codeServerStartMs = server.startupMs;
    console.log(`[editor] code-server up at ${server.url} in ${(server.startupMs / 1000).toFixed(1)}s (user data: ${server.userDataDir})`);
    const opened = await openWorkbench(server.url, { env });
    browser = opened.browser;
    result.timings.workbenchReadyMs = opened.readyMs;
    console.log(`[editor] workbench ready in ${(opened.readyMs / 1000).toFixed(1)}s`);
    const workbench = new Workbench(opened.page, server, { artifactsDir, consoleErrors: opened.consoleErrors });

    for (const [i, scenario] of options.scenarios.entries()) {
      console.log(`  ${scenario.name}`);
      workbench.beginScenario(scenario.id);
      const t0 = Date.now();
      try {
        if (i > 0) await workbench.step('reset', () => workbench.reset());
        await scenario.run(workbench);
        result.results.push({ name: scenario.name, ok: true, ms: Date.now() - t0 });
      } catch (err) {
        result.results.push({ name: scenario.name, ok: false, ms: Date.now() - t0, error: firstLines(err) });
      }
    }
    result.ok = result.results.length > 0 && result.results.every((r) => r.ok);
  } catch (err) {
    result.setupError = firstLines(err, 40);
    if (server) console.log(server.dumpLogs(artifactsDir, 'setup'));
  } finally {
    process.removeListener('SIGINT', interrupted);
    process.removeListener('SIGTERM', interrupted);
    await browser?.close().catch(() => undefined);
    await server?.stop();
    result.timings.totalMs = Date.now() - started;
  }
  return result;
}

export function formatSummary(result: SuiteResult): string {
  const s = (ms: number | undefined) => (ms === undefined ? '-' : `${(ms / 1000).toFixed(1)}s`);
  const lines = ['', 'Editor tests (code-server):'];
  if (result.setupError) lines.push(`  SETUP FAILED: ${result.setupError.replace(/\n/g, '\n    ')}`);
  for (const r of result.results) {
    lines.push(`  ${r.ok ? 'PASS' : 'FAIL'}  ${r.name} (${s(r.ms)})`);
    if (r.error) lines.push(`        ${r.error.replace(/\n/g, '\n        ')}`);
  }
  const passed = result.results.filter((r) => r.ok).length;
  lines.push(
    `  ${passed}/${result.results.length} scenarios passed; code-server start ${s(result.timings.codeServerStartMs)}, workbench ready ${s(result.timings.workbenchReadyMs)}, total ${s(result.timings.totalMs)}`,
    `  screenshots and logs: ${result.artifactsDir}`,
  );
  return lines.join('\n');
}
