import { join, resolve } from 'node:path';
import { REPO_ROOT } from './editorEnv';
import { parseArgs } from 'node:util';
import { EDITOR_APP } from './scenarios';
import { formatSummary, runEditorSuite, type Scenario } from './suite';

// Proves the editor-test machinery with any extension: give it a .vsix and what that
// extension should show, and it drives a real code-server through the same harness.
//
//   npx tsx test/editor/selfcheck.ts --vsix my.vsix --status 'Mine: ready' \
//     --hover-file src/auth/crypto.ts --hover-anchor verifyPassword --hover-expect 'hello' \
//     --command 'Mine: Say Hello' --command-expect 'command ran'

const USAGE = `usage: selfcheck --vsix <file> [--workspace <dir>] [--status <regex>]
       [--hover-file <path> --hover-anchor <text> --hover-expect <text>]
       [--command <palette title> --command-expect <regex>] [--keep]`;

function scenariosFrom(values: Record<string, string | boolean | undefined>): Scenario[] {
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const scenarios: Scenario[] = [];
  const status = str('status');
  if (status) {
    scenarios.push({ id: 'status', name: 'status bar item', run: async (wb) => void (await wb.step('status', () => wb.waitForStatusBarItem(new RegExp(status)))) });
  }
  const [file, anchor, expect] = [str('hover-file'), str('hover-anchor'), str('hover-expect')];
  if (file && anchor && expect) {
    scenarios.push({
      id: 'hover',
      name: 'hover',
      async run(wb) {
        await wb.step('open-file', () => wb.openFile(file));
        await wb.step('hover', () => wb.waitForHover(anchor, [expect]));
      },
    });
  }
  const [command, commandExpect] = [str('command'), str('command-expect')];
  if (command && commandExpect) {
    scenarios.push({
      id: 'command',
      name: 'command',
      async run(wb) {
        if (file && anchor) await wb.step('cursor', () => wb.placeCursor(file, anchor));
        await wb.step('run-command', () => wb.runCommand(command));
        await wb.step('command-output', () => wb.waitForText(new RegExp(commandExpect), ['.notifications-toasts', '.part.panel', '.part.editor .view-lines', '.part.sidebar .pane-body'], 'the command output'));
      },
    });
  }
  return scenarios;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      vsix: { type: 'string' },
      workspace: { type: 'string' },
      status: { type: 'string' },
      'hover-file': { type: 'string' },
      'hover-anchor': { type: 'string' },
      'hover-expect': { type: 'string' },
      command: { type: 'string' },
      'command-expect': { type: 'string' },
      artifacts: { type: 'string' },
      keep: { type: 'boolean' },
    },
  });
  const scenarios = scenariosFrom(values);
  if (!values.vsix || scenarios.length === 0) {
    console.error(USAGE);
    return 2;
  }
  const result = await runEditorSuite({
    workspace: resolve(values.workspace ?? EDITOR_APP),
    vsix: resolve(values.vsix),
    scenarios,
    artifactsDir: resolve(values.artifacts ?? join(REPO_ROOT, 'test-artifacts', 'editor-selfcheck')),
    keep: values.keep,
  });
  console.log(formatSummary(result));
  return result.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
