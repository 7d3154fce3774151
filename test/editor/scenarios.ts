import { join } from 'node:path';
import { CONTRACT, EDITOR_APP_FIXTURE } from './contract';
import { REPO_ROOT } from './editorEnv';
import type { Scenario } from './suite';

// SparkGraph's extension in a real VS Code, on test/fixtures/editor-app: what a user sees.

export const EDITOR_APP = join(REPO_ROOT, EDITOR_APP_FIXTURE);

// Where a command's result can show up: a view in a side bar or the panel, a peek, a
// notification, or (for documents) an editor. The scenarios close all editors first, so an
// editor showing the text was opened by the command.
const VIEW_AREAS = ['.part.sidebar .pane-body', '.part.auxiliarybar .pane-body', '.part.panel', '.peekview-widget', '.notifications-toasts'];
const DOCUMENT_AREAS = ['.part.editor .view-lines', '.part.panel', '.peekview-widget', '.notifications-toasts'];

export const statusBarScenario: Scenario = {
  id: 'status',
  name: 'status bar shows SparkGraph and becomes ready',
  async run(wb) {
    await wb.step('status-shown', () => wb.waitForStatusBarItem(CONTRACT.status.appears, 60_000));
    await wb.step('status-ready', async () => {
      const text = await wb.waitForStatusBarItem(CONTRACT.status.ready);
      // "ready · 0 files" on a fixture full of source files means every parse failed.
      const files = /(\d[\d,]*) files?\b/.exec(text);
      if (files && Number(files[1].replace(/,/g, '')) === 0) throw new Error(`SparkGraph says ready but indexed no files: "${text}"`);
    });
  },
};

export const hoverScenario: Scenario = {
  id: 'hover',
  name: 'hover on verifyPassword shows the cross-file chain',
  async run(wb) {
    const { file, anchor, lineContains, expect } = CONTRACT.hover;
    await wb.step('open-crypto', () => wb.openFile(file));
    await wb.step('hover-verifyPassword', () => wb.waitForHover(anchor, expect, { lineContains }));
  },
};

export const callChainsScenario: Scenario = {
  id: 'call-chains',
  name: 'Show Call Chains lists handleLogin',
  async run(wb) {
    const { file, anchor, lineContains, title, expect } = CONTRACT.callChains;
    await wb.step('cursor-on-verifyPassword', () => wb.placeCursor(file, anchor, { lineContains }));
    await wb.step('run-show-call-chains', () => wb.runCommand(title));
    await wb.step('chains-show-handleLogin', () => wb.waitForText(expect, VIEW_AREAS, 'a view or peek listing the callers of verifyPassword'));
  },
};

export const statsScenario: Scenario = {
  id: 'stats',
  name: 'Show Index Stats reports files',
  async run(wb) {
    const { title, expect } = CONTRACT.stats;
    await wb.step('run-show-index-stats', () => wb.runCommand(title));
    await wb.step('stats-shown', () => wb.waitForText(expect, DOCUMENT_AREAS, 'the index stats'));
  },
};

export const dependenciesScenario: Scenario = {
  id: 'dependencies',
  name: 'an undeclared import gets a warning with the install command and quick fixes',
  async run(wb) {
    const { file, anchor, lineContains, problem, problemsTitle, quickFixTitle, quickFixes } = CONTRACT.dependencies;
    await wb.step('open-client', () => wb.openFile(file));
    await wb.step('run-focus-problems', () => wb.runCommand(problemsTitle));
    await wb.step('problem-listed', () => wb.waitForText(problem, ['.part.panel'], 'the missing-dependency warning in the Problems panel'));
    await wb.step('cursor-on-import', () => wb.placeCursor(file, anchor, { lineContains }));
    await wb.step('run-quick-fix', () => wb.runCommand(quickFixTitle));
    await wb.step('quick-fixes-listed', () => wb.waitForText(quickFixes, ['.action-widget', '.context-view'], 'the install and add-to-manifest quick fixes'));
  },
};

export const refactorScenario: Scenario = {
  id: 'refactor',
  name: 'Rename Across Workspace previews the change as diffs',
  async run(wb) {
    const { file, anchor, lineContains, title, newName, notification, expect } = CONTRACT.refactor;
    await wb.step('cursor-on-verifyPassword', () => wb.placeCursor(file, anchor, { lineContains }));
    await wb.step('run-rename-across-workspace', () => wb.runCommand(title, { thenInput: /rename across the workspace/i }));
    await wb.step('type-new-name', () => wb.answerInputBox(newName));
    await wb.step('show-diffs', () => wb.clickNotificationButton(notification, 'Show Diffs'));
    await wb.step('diff-shows-new-name', () => wb.waitForText(expect, ['.part.editor .view-lines'], 'a diff editor with the renamed code'));
    // Applying goes through VS Code's refactor preview (every edit needs confirmation); it is
    // discarded there, so nothing is written.
    await wb.step('preview-and-apply', () => wb.clickNotificationButton(/apply "rename verifyPassword/, 'Preview and Apply'));
    await wb.step('refactor-preview-shown', () => wb.waitForText(/Refactor Preview[\s\S]*login\.ts[\s\S]*checkPassword/, ['.part.panel'], 'the Refactor Preview listing the changed files'));
    await wb.step('discard-in-preview', () => wb.clickButton('Discard', ['.part.panel']));
  },
};

/** In order: the status scenario also waits out the first indexing. */
export const SPARKGRAPH_SCENARIOS: readonly Scenario[] = [statusBarScenario, hoverScenario, callChainsScenario, statsScenario, refactorScenario, dependenciesScenario];
