import { parseArgs } from 'node:util';
import { REPO_ROOT } from './editorEnv';
import { EDITOR_APP, MODEL_SERVER, SPARKGRAPH_SCENARIOS, startModelServer } from './scenarios';
import { formatSummary, runEditorSuite } from './suite';
import { resolveVsix } from './vsixPath';

// The editor-test tier: SparkGraph's packaged extension in a real VS Code.
//
// Default: code-server + headless Chromium (installed by scripts/editor/install-code-server.sh,
// run here when missing). With SPARKGRAPH_VSCODE_PATH, --vscode <exe> or --download it runs
// the same contract through @vscode/test-electron in desktop VS Code instead (electron.ts).
//
//   tsx test/editor/run.ts [--vsix file.vsix] [--scenario <name part>]... [--keep]

const USAGE = 'usage: run [--vsix <file>] [--scenario <name part>]... [--keep] [--vscode <exe> | --download]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      vsix: { type: 'string' },
      scenario: { type: 'string', multiple: true },
      keep: { type: 'boolean' },
      vscode: { type: 'string' },
      download: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }

  const vscodePath = values.vscode ?? process.env.SPARKGRAPH_VSCODE_PATH;
  if (vscodePath || values.download) {
    const { runElectron } = await import('./electron');
    return runElectron({ vscodePath, download: values.download ?? false });
  }

  const vsix = resolveVsix(REPO_ROOT, values.vsix);
  const wanted = values.scenario ?? [];
  const scenarios = wanted.length ? SPARKGRAPH_SCENARIOS.filter((s) => wanted.some((w) => s.name.toLowerCase().includes(w.toLowerCase()))) : SPARKGRAPH_SCENARIOS;
  if (scenarios.length === 0) {
    console.error(`no scenario matches ${JSON.stringify(wanted)}; scenarios: ${SPARKGRAPH_SCENARIOS.map((s) => s.name).join(' | ')}`);
    return 2;
  }
  console.log(`[editor] testing ${vsix} on ${EDITOR_APP}`);
  const settings = await startModelServer();
  const result = await runEditorSuite({ workspace: EDITOR_APP, vsix, scenarios, keep: values.keep, settings }).finally(() => MODEL_SERVER.stop());
  console.log(formatSummary(result));
  return result.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`[editor] ${err instanceof Error ? err.message : String(err)}`);
    const usageError = (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    if (usageError) console.error(USAGE);
    process.exit(usageError ? 2 : 1);
  },
);
