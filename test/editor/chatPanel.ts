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

/** Waits for a location link in the conversation whose text contains `text`. */
export function waitForChatLink(wb: Workbench, frame: Frame, text: string): Promise<Locator> {
  return wb.wait(`a link "${text}" in the chat answer`, TIMEOUTS.extension, async (seen) => {
    const links = frame.locator('#log a.loc');
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
