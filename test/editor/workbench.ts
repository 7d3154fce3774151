import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import type { CodeServer } from './codeServer';
import { DeadlineError, pollUntil } from './deadline';

// What a user does in the workbench, as Playwright steps against code-server's DOM. Each step
// leaves a screenshot; each wait has a deadline and, on timeout, leaves a screenshot and the
// code-server logs in the artifacts dir before failing.

export interface WorkbenchOptions {
  /** Screenshots and log dumps go here (test-artifacts/editor). */
  artifactsDir: string;
  /** Browser console errors collected by openWorkbench, saved with failures. */
  consoleErrors?: string[];
}

export interface FilePosition {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export interface AnchorOptions {
  /** Only lines containing this text; picks e.g. the declaration over a call. */
  lineContains?: string;
}

export const TIMEOUTS = {
  /** The palette or Quick Open showing the wanted row. */
  ui: 15_000,
  /** A file opened from Quick Open showing in the active editor. */
  open: 20_000,
  /** The extension under test answering (status, hover, command output); indexing included. */
  extension: 120_000,
} as const;

// Monaco renders spaces as U+00A0 in some modes; compare text the way a reader sees it.
const normalize = (text: string) => text.replace(/\u00a0/g, ' ');

const fileSafe = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * Browser-side: the viewport rectangle of `anchor` inside the active editor's rendered lines.
 * Kept as source text because tsx compiles functions with helpers (`__name`) that do not exist
 * in the page, which breaks `page.evaluate(fn)`.
 */
const FIND_ANCHOR_SOURCE = `(({ anchor, lineContains }) => {
  const norm = (s) => s.replace(/\\u00a0/g, ' ');
  const editor = document.querySelector('.editor-group-container.active .monaco-editor') || document.querySelector('.monaco-editor');
  if (!editor) return { error: 'no editor is open' };
  const lines = Array.from(editor.querySelectorAll('.view-lines .view-line'));
  const seen = [];
  for (const line of lines) {
    const text = norm(line.textContent || '');
    seen.push(text.trim());
    if (lineContains && !text.includes(lineContains)) continue;
    const at = text.indexOf(anchor);
    if (at < 0) continue;
    // The anchor may span several token spans: map [at, at + length) onto text nodes.
    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let offset = 0, started = false, node;
    while ((node = walker.nextNode())) {
      const len = node.textContent.length;
      if (!started && at < offset + len) { range.setStart(node, at - offset); started = true; }
      if (started && at + anchor.length <= offset + len) { range.setEnd(node, at + anchor.length - offset); break; }
      offset += len;
    }
    const rect = range.getBoundingClientRect();
    if (rect.width === 0) continue;
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  }
  return { error: 'visible lines: ' + JSON.stringify(seen.slice(0, 40)) };
})`;

/** 1-based position of `anchor` on the first line (containing `lineContains`, if given) that has it. */
export function anchorPosition(text: string, anchor: string, options: AnchorOptions = {}): FilePosition | undefined {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    if (options.lineContains && !lines[i].includes(options.lineContains)) continue;
    const at = lines[i].indexOf(anchor);
    if (at >= 0) return { line: i + 1, column: at + 1 };
  }
  return undefined;
}

type AnchorHit = { x: number; y: number; error?: undefined } | { error: string };

export class Workbench {
  private scenario = 'workbench';
  private currentStep = 'start';
  private readonly reported = new WeakSet<object>();

  constructor(
    readonly page: Page,
    readonly server: CodeServer,
    readonly options: WorkbenchOptions,
  ) {
    mkdirSync(options.artifactsDir, { recursive: true });
  }

  /** Names the screenshots and log dumps that follow. */
  beginScenario(name: string): void {
    this.scenario = fileSafe(name);
    this.currentStep = 'start';
  }

  async screenshot(name: string): Promise<string> {
    const file = join(this.options.artifactsDir, `${this.scenario}-${fileSafe(name)}.png`);
    await this.page.screenshot({ path: file, timeout: 15_000 });
    return file;
  }

  /** Runs one step; saves `<scenario>-<step>.png` after it, or a failure screenshot and logs. */
  async step<T>(name: string, action: () => Promise<T>): Promise<T> {
    this.currentStep = name;
    const started = Date.now();
    try {
      const value = await action();
      await this.screenshot(name);
      console.log(`    ✓ ${name} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
      return value;
    } catch (err) {
      await this.report(err, name);
      console.log(`    ✗ ${name} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
      throw err;
    }
  }

  /** Polls `probe` until it returns a value; on timeout saves diagnostics and throws. */
  async wait<T>(what: string, timeoutMs: number, probe: (seen: (observation: string) => void) => Promise<T | undefined>): Promise<T> {
    try {
      return await pollUntil(what, timeoutMs, probe);
    } catch (err) {
      if (err instanceof DeadlineError) await this.report(err, `${this.currentStep}-timeout`);
      throw err;
    }
  }

  private async timedOut(what: string, timeoutMs: number, lastSeen: string): Promise<never> {
    const err = new DeadlineError(what, timeoutMs, lastSeen);
    await this.report(err, `${this.currentStep}-timeout`);
    throw err;
  }

  /** Screenshot + code-server logs + browser console into the artifacts dir, once per error. */
  private async report(err: unknown, label: string): Promise<void> {
    if (typeof err === 'object' && err !== null) {
      if (this.reported.has(err)) return;
      this.reported.add(err);
    }
    const name = `${this.scenario}-${fileSafe(label)}`;
    try {
      await this.screenshot(`${label}-failed`);
    } catch (shotErr) {
      console.log(`    (could not save a screenshot: ${(shotErr as Error).message.split('\n')[0]})`);
    }
    const browserErrors = this.options.consoleErrors ?? [];
    writeFileSync(join(this.options.artifactsDir, `${name}-browser-console.txt`), browserErrors.join('\n'));
    const logs = this.server.dumpLogs(this.options.artifactsDir, name);
    console.log(`    --- diagnostics for ${name} ---\n${logs.replace(/^/gm, '    | ')}`);
  }

  // --- status bar ------------------------------------------------------------

  async statusBarTexts(): Promise<string[]> {
    const items = this.page.locator('.part.statusbar .statusbar-item').filter({ visible: true });
    const out: string[] = [];
    for (const item of await items.all()) {
      // Icon-only items carry their meaning in aria-label alone.
      const text = normalize((await item.innerText({ timeout: 1_000 })).trim());
      const label = normalize((await item.getAttribute('aria-label', { timeout: 1_000 })) ?? '');
      out.push(label && !label.includes(text) ? `${text} [${label}]` : text);
    }
    return out;
  }

  /** Waits for a status bar item whose text matches; returns that text. */
  async waitForStatusBarItem(pattern: RegExp, timeoutMs: number = TIMEOUTS.extension): Promise<string> {
    return this.wait(`a status bar item matching ${pattern}`, timeoutMs, async (seen) => {
      const texts = await this.statusBarTexts();
      seen(JSON.stringify(texts));
      return texts.find((t) => pattern.test(t));
    });
  }

  // --- quick input: command palette and Quick Open ---------------------------

  private quickInput() {
    return this.page.locator('.quick-input-widget');
  }

  private quickInputBox() {
    return this.quickInput().locator('input').filter({ visible: true }).first();
  }

  /** Opens the quick input with `key`, falling back to `fallback`; leaves it empty or with `prefix`. */
  private async openQuickInput(key: string, fallback: string, prefix: string): Promise<void> {
    await this.page.keyboard.press('Escape');
    for (const shortcut of [key, fallback]) {
      await this.page.keyboard.press(shortcut);
      const timeout = shortcut === fallback ? TIMEOUTS.ui : 3_000;
      const opened = await this.quickInput().waitFor({ state: 'visible', timeout }).then(
        () => true,
        () => false,
      );
      if (opened) {
        await this.quickInputBox().fill(prefix);
        return;
      }
    }
    await this.timedOut(`the quick input to open (${key}, then ${fallback})`, TIMEOUTS.ui, 'it stayed hidden');
  }

  private async focusedRow(seen: (s: string) => void): Promise<string | undefined> {
    const row = this.quickInput().locator('.monaco-list-row.focused').filter({ visible: true }).first();
    if (!(await row.count())) {
      seen('no highlighted row');
      return undefined;
    }
    const label = normalize((await row.getAttribute('aria-label')) || (await row.innerText()));
    seen(label);
    return label;
  }

  private async pickAndClose(what: string, accept: (label: string) => boolean): Promise<void> {
    await this.wait(what, TIMEOUTS.ui, async (seen) => {
      const label = await this.focusedRow(seen);
      return label !== undefined && accept(label) ? true : undefined;
    });
    await this.page.keyboard.press('Enter');
    await this.wait('the quick input to close', TIMEOUTS.ui, async () => ((await this.quickInput().isVisible()) ? undefined : true));
  }

  /**
   * Runs a command by its palette title, e.g. "SparkGraph: Show Index Stats". A command that
   * asks for input keeps the quick input open: pass `thenInput`, the text its input box shows.
   */
  async runCommand(title: string, options: { thenInput?: RegExp } = {}): Promise<void> {
    await this.openQuickInput('F1', 'Control+Shift+P', '>');
    await this.page.keyboard.type(title);
    if (!options.thenInput) {
      await this.pickAndClose(`the command palette to highlight "${title}"`, (label) => label.startsWith(title));
      return;
    }
    const prompt = options.thenInput;
    await this.wait(`the command palette to highlight "${title}"`, TIMEOUTS.ui, async (seen) => {
      const label = await this.focusedRow(seen);
      return label !== undefined && label.startsWith(title) ? true : undefined;
    });
    await this.page.keyboard.press('Enter');
    await this.wait(`the command's input box (${prompt})`, TIMEOUTS.ui, async (seen) => {
      const text = normalize(await this.quickInput().innerText().catch(() => ''));
      seen(JSON.stringify(text.slice(0, 200)));
      return prompt.test(text) ? true : undefined;
    });
  }

  /** Types `text` into an input box the extension opened (replacing its value) and accepts it. */
  async answerInputBox(text: string): Promise<void> {
    await this.wait('an input box to open', TIMEOUTS.ui, async () => ((await this.quickInput().isVisible()) ? true : undefined));
    await this.quickInputBox().fill(text);
    await this.page.keyboard.press('Enter');
    await this.wait('the input box to close', TIMEOUTS.ui, async () => ((await this.quickInput().isVisible()) ? undefined : true));
  }

  /** Clicks the button labelled `label` on a notification whose text matches `pattern`. */
  async clickNotificationButton(pattern: RegExp, label: string, timeoutMs: number = TIMEOUTS.extension): Promise<void> {
    const toast = await this.wait(`a notification matching ${pattern} with a "${label}" button`, timeoutMs, async (seen) => {
      const toasts = this.page.locator('.notifications-toasts .notification-toast').filter({ visible: true });
      const texts = (await toasts.allInnerTexts()).map(normalize);
      seen(JSON.stringify(texts.map((t) => t.slice(0, 200))));
      const i = texts.findIndex((t) => pattern.test(t) && t.includes(label));
      return i < 0 ? undefined : toasts.nth(i);
    });
    await toast.getByRole('button', { name: label }).click();
  }

  /** Clicks the first visible button named `label` inside any of `selectors`. */
  async clickButton(label: string, selectors: readonly string[]): Promise<void> {
    const button = await this.wait(`a "${label}" button in ${selectors.join(', ')}`, TIMEOUTS.ui, async (seen) => {
      for (const selector of selectors) {
        const b = this.page.locator(selector).getByRole('button', { name: label, exact: true }).filter({ visible: true }).first();
        if (await b.count()) return b;
      }
      seen('no such button visible');
      return undefined;
    });
    await button.click();
  }

  /** Reads a file of the opened workspace from disk (to place anchors by line and column). */
  readWorkspaceFile(relPath: string): string {
    return readFileSync(join(this.server.workspace, relPath), 'utf8');
  }

  /** 1-based position of `anchor` in a workspace file, on the first line containing `lineContains`. */
  findAnchor(relPath: string, anchor: string, options: AnchorOptions = {}): FilePosition {
    const at = anchorPosition(this.readWorkspaceFile(relPath), anchor, options);
    if (!at) throw new Error(`"${anchor}" not found in ${relPath}${options.lineContains ? ` on a line containing "${options.lineContains}"` : ''}`);
    return at;
  }

  /** Opens a workspace file with Quick Open (Ctrl+P), optionally with the cursor at a position. */
  async openFile(relPath: string, at?: FilePosition): Promise<void> {
    const name = basename(relPath);
    await this.openQuickInput('Control+P', 'F1', '');
    // Filled, not typed: keys typed while a webview (the chat) still holds the focus were seen
    // to get lost, leaving Quick Open on its recently-opened list.
    await this.quickInputBox().fill(at ? `${relPath}:${at.line}:${at.column}` : relPath);
    await this.pickAndClose(`Quick Open to highlight ${relPath}`, (label) => label.includes(name));
    await this.wait(`${name} to be the active editor`, TIMEOUTS.open, async (seen) => {
      const active = this.page.locator('.editor-group-container.active .tab.active').first();
      // The tab renders name and extension in separate elements ("crypto" + ".ts"), so prefer
      // its aria-label and join the rendered text without line breaks.
      const label = (await active.getAttribute('aria-label', { timeout: 1_000 })) ?? '';
      const tab = `${label} ${normalize(await active.innerText({ timeout: 1_000 })).replace(/\s*\n\s*/g, '')}`;
      seen(`active tab: ${tab}`);
      const shown = await this.page.locator('.editor-group-container.active .monaco-editor .view-lines').first().isVisible();
      return tab.includes(name) && shown ? true : undefined;
    });
    if (at) {
      // The status bar's "Ln x, Col y" proves the cursor is where later steps expect it.
      const expected = `Ln ${at.line}, Col ${at.column}`;
      await this.wait(`the cursor at ${expected}`, TIMEOUTS.open, async (seen) => {
        const texts = await this.statusBarTexts();
        const position = texts.find((t) => /^Ln \d+, Col \d+/.test(t)) ?? '(no cursor position in the status bar)';
        seen(position);
        return position.startsWith(expected) ? true : undefined;
      });
    }
  }

  /** Opens a file with the cursor on `anchor`. */
  async placeCursor(relPath: string, anchor: string, options: AnchorOptions = {}): Promise<FilePosition> {
    const at = this.findAnchor(relPath, anchor, options);
    await this.openFile(relPath, at);
    return at;
  }

  // --- hovers -----------------------------------------------------------------

  /** Moves the mouse where no hover or tooltip appears (the bottom of the editor area). */
  async parkMouse(): Promise<void> {
    const box = await this.page.locator('.part.editor').first().boundingBox();
    if (box) await this.page.mouse.move(box.x + box.width - 40, box.y + box.height - 40, { steps: 2 });
  }

  /** Moves the mouse onto `anchor` in the active editor (it must be on screen). */
  async hover(anchor: string, options: AnchorOptions = {}): Promise<void> {
    const hit = (await this.page.evaluate(`${FIND_ANCHOR_SOURCE}(${JSON.stringify({ anchor, lineContains: options.lineContains ?? '' })})`)) as AnchorHit;
    if (hit.error !== undefined) throw new Error(`"${anchor}" is not on screen in the active editor (${hit.error})`);
    await this.page.mouse.move(hit.x, hit.y, { steps: 4 });
  }

  /** Text of the visible editor hover widget ('' when none). */
  async hoverText(): Promise<string> {
    const texts = await this.page.locator('.monaco-editor .monaco-hover').filter({ visible: true }).allInnerTexts();
    return normalize(texts.join('\n').trim());
  }

  /**
   * Hovers `anchor` until the hover contains every expected string. The first answers may come
   * before the extension has indexed, so it re-hovers every few seconds until the deadline.
   */
  async waitForHover(anchor: string, expected: readonly string[], options: AnchorOptions & { timeoutMs?: number } = {}): Promise<string> {
    let lastHover = 0;
    return this.wait(`a hover over "${anchor}" containing ${JSON.stringify(expected)}`, options.timeoutMs ?? TIMEOUTS.extension, async (seen) => {
      if (Date.now() - lastHover > 4_000) {
        await this.page.keyboard.press('Escape');
        await this.parkMouse();
        await this.hover(anchor, options);
        lastHover = Date.now();
      }
      const text = await this.hoverText();
      seen(text ? JSON.stringify(text.slice(0, 400)) : '(no hover shown)');
      return text && expected.every((s) => text.includes(s)) ? text : undefined;
    });
  }

  // --- any text -------------------------------------------------------------------

  /** Waits until visible text inside any of `selectors` matches; returns that element's text. */
  async waitForText(pattern: RegExp, selectors: readonly string[], what: string, timeoutMs: number = TIMEOUTS.extension): Promise<string> {
    return this.wait(`${what} (text matching ${pattern})`, timeoutMs, async (seen) => {
      const observed: string[] = [];
      for (const selector of selectors) {
        const texts = await this.page.locator(selector).filter({ visible: true }).allInnerTexts();
        for (const text of texts.map(normalize)) {
          if (pattern.test(text)) return text;
          if (text.trim()) observed.push(`${selector}: ${text.trim().slice(0, 160)}`);
        }
      }
      seen(observed.length ? JSON.stringify(observed.slice(0, 6)) : `nothing visible in ${selectors.join(', ')}`);
      return undefined;
    });
  }

  /** Back to a plain window between scenarios: no hover, no quick input, no editors. */
  async reset(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.parkMouse();
    await this.runCommand('View: Close All Editors');
    await this.wait('all editors to close', TIMEOUTS.ui, async (seen) => {
      const tabs = await this.page.locator('.part.editor .tab').count();
      seen(`${tabs} tabs open`);
      return tabs === 0 ? true : undefined;
    });
  }
}
