import { join } from 'node:path';
import { chunk, FakeOpenAi, stream } from '../helpers/fakeOpenAi';
import { askInChat, chatFrame, runCommandWithInput, waitForChatLink, waitForEditorAt, waitForLastTurnText, waitForModelAnswer, waitForModelNote } from './chatPanel';
import { CONTRACT, EDITOR_APP_FIXTURE } from './contract';
import { REPO_ROOT } from './editorEnv';
import type { Scenario } from './suite';
import { TIMEOUTS } from './workbench';

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

export const chatScenario: Scenario = {
  id: 'chat',
  name: 'chat panel answers a question with links that open the line',
  async run(wb) {
    const { openTitle, question, expectLink, file, line } = CONTRACT.chat;
    // Asked once, so the index must be complete first.
    await wb.step('index-ready', () => wb.waitForStatusBarItem(CONTRACT.status.ready));
    await wb.step('open-chat', () => wb.runCommand(openTitle));
    const frame = await wb.step('chat-loaded', () => chatFrame(wb));
    await wb.step('ask', async () => {
      const input = frame.locator('#input');
      await input.click();
      await input.fill(question);
      await input.press('Enter');
    });
    const link = await wb.step('answer-linked', () => waitForChatLink(wb, frame, expectLink));
    // The model server has no reply queued for this question: the graph answer stays, with a note.
    await wb.step('model-fallback-note', () => waitForModelNote(wb, frame, 'The model could not answer'));
    await wb.step('click-link', () => link.click());
    await wb.step('landed-on-line', () => waitForEditorAt(wb, file, line));
  },
};

export const chatExplainScenario: Scenario = {
  id: 'chat-explain',
  name: 'chat /explain shows how the function under the cursor is reached',
  async run(wb) {
    const { file, anchor, lineContains, expect, link } = CONTRACT.chatExplain;
    await wb.step('index-ready', () => wb.waitForStatusBarItem(CONTRACT.status.ready));
    await wb.step('cursor-on-verifyPassword', () => wb.placeCursor(file, anchor, { lineContains }));
    await wb.step('open-chat', () => wb.runCommand(CONTRACT.chat.openTitle));
    const frame = await wb.step('chat-loaded', () => chatFrame(wb));
    await wb.step('context-shown', () =>
      wb.wait('the chat to offer the current file as context', TIMEOUTS.ui, async (seen) => {
        const label = await frame.locator('#context').innerText();
        seen(label);
        return label.includes(file) ? true : undefined;
      }),
    );
    await wb.step('ask-explain', () => askInChat(frame, '/explain'));
    await wb.step('chains-shown', () => waitForLastTurnText(wb, frame, expect));
    await wb.step('chain-linked', () => waitForChatLink(wb, frame, link, true));
  },
};

/**
 * The local OpenAI-compatible server the chat's model settings point at for the whole run (the
 * editor reads those settings at start-up). It answers 500 unless a scenario queued a reply.
 */
export const MODEL_SERVER = new FakeOpenAi();

/** Starts MODEL_SERVER; returns the user settings that make it the chat's model. */
export async function startModelServer(): Promise<Record<string, unknown>> {
  const baseUrl = await MODEL_SERVER.start();
  return { 'sparkgraph.model.provider': 'openai', 'sparkgraph.model.baseUrl': baseUrl, 'sparkgraph.model.name': CONTRACT.chatModel.modelName, 'sparkgraph.model.maxRetries': 1 };
}

export const chatModelScenario: Scenario = {
  id: 'chat-model',
  name: 'chat streams a model answer from an OpenAI-compatible server under the graph answer, and Stop cancels one',
  async run(wb) {
    const { question, modelName, answer, usage, link, file, line, contextHeader, keyTitle, apiKey, keySaved } = CONTRACT.chatModel;
    await wb.step('index-ready', () => wb.waitForStatusBarItem(CONTRACT.status.ready));
    await wb.step('set-api-key', async () => {
      await runCommandWithInput(wb, keyTitle, 'SparkGraph: model API key', apiKey);
      await wb.waitForText(keySaved, ['.notifications-toasts'], 'the key to be stored', TIMEOUTS.ui);
    });
    await wb.step('open-chat', () => wb.runCommand(CONTRACT.chat.openTitle));
    const frame = await wb.step('chat-loaded', () => chatFrame(wb));
    await wb.step('model-configured', () =>
      wb.wait(`the chat to name ${modelName} as its model`, TIMEOUTS.ui, async (seen) => {
        const label = await frame.locator('#model').innerText();
        seen(label);
        return label.includes(modelName) ? true : undefined;
      }),
    );
    MODEL_SERVER.replies.push(stream(answer, usage));
    const asked = MODEL_SERVER.received.length;
    await wb.step('ask', async () => {
      const input = frame.locator('#input');
      await input.click();
      await input.fill(question);
      await input.press('Enter');
    });
    const section = await wb.step('model-answer', () => waitForModelAnswer(wb, frame, [answer.join('').replace(/`/g, ''), `${usage[0]} prompt + ${usage[1]} completion tokens`]));
    await wb.step('graph-context-sent', async () => {
      const request = MODEL_SERVER.received[asked];
      const sent = request?.body.messages.map((m) => m.content).join('\n') ?? '';
      if (request?.body.model !== modelName || !sent.includes(contextHeader)) throw new Error(`the model was not sent the graph context; it got: ${sent.slice(0, 800)}`);
      if (request.headers.authorization !== `Bearer ${apiKey}`) throw new Error(`the stored key was not sent: authorization ${JSON.stringify(request.headers.authorization)}`);
    });
    await wb.step('click-model-citation', () => section.locator('a.loc', { hasText: link }).click());
    await wb.step('landed-on-line', () => waitForEditorAt(wb, file, line));

    // Stop: the server keeps its stream open after a first piece until the editor hangs up.
    const { held } = CONTRACT.chatModel;
    MODEL_SERVER.replies.push((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk(held.firstPiece));
    });
    let hungUp = false;
    void MODEL_SERVER.aborted.then(() => (hungUp = true));
    await wb.step('ask-held', () => askInChat(frame, held.question));
    await wb.step('first-piece-streamed', () => waitForLastTurnText(wb, frame, held.firstPiece));
    await wb.step('stop', () => frame.locator('#stop').click());
    await wb.step('cancelled-note', () => waitForModelNote(wb, frame, held.cancelled));
    await wb.step('request-aborted', () =>
      wb.wait('the model request to be closed', TIMEOUTS.ui, async (seen) => {
        seen(hungUp ? 'closed' : 'still open');
        return hungUp ? true : undefined;
      }),
    );
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
export const SPARKGRAPH_SCENARIOS: readonly Scenario[] = [statusBarScenario, hoverScenario, callChainsScenario, statsScenario, chatScenario, chatExplainScenario, chatModelScenario, refactorScenario, dependenciesScenario];
