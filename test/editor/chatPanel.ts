import type { Frame, Locator } from 'playwright-core';
import { TIMEOUTS, type Workbench } from './workbench';

// The chat panel is a webview: its DOM lives in a nested iframe of the workbench. These helpers
// find that frame and wait on what the user sees in it.

/** The frame holding the chat's composer (once the webview has loaded its script). */
export function chatFrame(wb: Workbench): Promise<Frame> {
  return wb.wait('the chat panel webview to load', TIMEOUTS.extension, async (seen) => {
    const frames = wb.page.frames();
    for (const frame of frames) {
      const found = await frame
        .locator('#composer')
        .count()
        .catch(() => 0);
      if (found) return frame;
    }
    seen(`${frames.length} frames, none with the chat composer`);
    return undefined;
  });
}

/** Types a question into the chat and sends it with Enter. */
export async function askInChat(frame: Frame, question: string): Promise<void> {
  const input = frame.locator('#input');
  await input.click();
  await input.fill(question);
  await input.press('Enter');
}

/** Waits for the last turn to show `text`. */
export function waitForLastTurnText(wb: Workbench, frame: Frame, text: string): Promise<true> {
  return wb.wait(`the last chat turn to show "${text}"`, TIMEOUTS.extension, async (seen) => {
    const turn = frame.locator('#log .turn').last();
    const shown = (await turn.count()) ? await turn.innerText() : '(no turn)';
    seen(JSON.stringify(shown.slice(0, 400)));
    return shown.includes(text) ? true : undefined;
  });
}

/** Waits for a location link in the conversation (in its last turn, with `lastTurn`) whose text contains `text`. */
export function waitForChatLink(wb: Workbench, frame: Frame, text: string, lastTurn = false): Promise<Locator> {
  return wb.wait(`a link "${text}" in the chat answer`, TIMEOUTS.extension, async (seen) => {
    const links = (lastTurn ? frame.locator('#log .turn').last() : frame.locator('#log')).locator('a.loc');
    const texts = await links.allInnerTexts();
    const log = (await frame.locator('#log').innerText().catch(() => '')).trim();
    seen(texts.length ? `links: ${JSON.stringify(texts)}` : `no links; conversation: ${JSON.stringify(log.slice(0, 300))}`);
    const i = texts.findIndex((t) => t.includes(text));
    return i >= 0 ? links.nth(i) : undefined;
  });
}

/** Waits until `file` is the active editor with the cursor on `line` (1-based). */
export function waitForEditorAt(wb: Workbench, file: string, line: number): Promise<true> {
  const name = file.split('/').pop()!;
  return wb.wait(`${name} active with the cursor on line ${line}`, TIMEOUTS.open, async (seen) => {
    const active = wb.page.locator('.editor-group-container.active .tab.active').first();
    const label = (await active.getAttribute('aria-label', { timeout: 1_000 }).catch(() => null)) ?? '';
    const position = (await wb.statusBarTexts()).find((t) => /^Ln \d+, Col \d+/.test(t)) ?? '(no cursor position)';
    seen(`active tab: ${label}; ${position}`);
    return label.includes(name) && position.startsWith(`Ln ${line},`) ? true : undefined;
  });
}

/** Waits for the last turn's model answer to finish; returns its section. */
export function waitForModelAnswer(wb: Workbench, frame: Frame, expected: readonly string[]): Promise<Locator> {
  return wb.wait(`a model answer containing ${JSON.stringify(expected)}`, TIMEOUTS.extension, async (seen) => {
    const section = frame.locator('#log .turn').last().locator('section.model');
    if (!(await section.count())) {
      seen(`no model answer; conversation: ${JSON.stringify((await frame.locator('#log').innerText().catch(() => '')).slice(-300))}`);
      return undefined;
    }
    const text = await section.innerText();
    const state = (await section.getAttribute('class')) ?? '';
    seen(`${state}: ${JSON.stringify(text.slice(0, 400))}`);
    return state.includes('done') && expected.every((e) => text.includes(e)) ? section : undefined;
  });
}

/** Waits for the last turn's model section to show a note containing `text` (a failed model). */
export function waitForModelNote(wb: Workbench, frame: Frame, text: string): Promise<true> {
  return wb.wait(`a model note containing "${text}"`, TIMEOUTS.extension, async (seen) => {
    const note = frame.locator('#log .turn').last().locator('section.model .note');
    const shown = (await note.count()) ? await note.innerText() : '(no note)';
    seen(shown);
    return shown.includes(text) ? true : undefined;
  });
}

/**
 * Runs a palette command that asks for a value in an input box (which keeps the quick input
 * open, so Workbench.runCommand's wait for it to close does not apply), and enters `value`.
 */
export async function runCommandWithInput(wb: Workbench, title: string, inputTitle: string, value: string): Promise<void> {
  const widget = wb.page.locator('.quick-input-widget');
  const box = widget.locator('input').filter({ visible: true }).first();
  await wb.page.keyboard.press('Escape');
  await wb.page.keyboard.press('F1');
  await widget.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
  await box.fill(`>${title}`);
  await wb.wait(`the palette to highlight "${title}"`, TIMEOUTS.ui, async (seen) => {
    const row = widget.locator('.monaco-list-row.focused').filter({ visible: true }).first();
    const label = (await row.count()) ? ((await row.getAttribute('aria-label')) ?? '') : '';
    seen(label || 'no highlighted row');
    return label.startsWith(title) ? true : undefined;
  });
  await wb.page.keyboard.press('Enter');
  await wb.wait(`the input box "${inputTitle}"`, TIMEOUTS.ui, async (seen) => {
    const shown = (await widget.isVisible()) ? await widget.innerText() : '(closed)';
    seen(JSON.stringify(shown.slice(0, 200)));
    return shown.includes(inputTitle) ? true : undefined;
  });
  await box.fill(value);
  await box.press('Enter');
}
