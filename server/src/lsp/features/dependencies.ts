import {
  CodeActionKind,
  DiagnosticSeverity,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { pathToFileURL } from 'node:url';
import {
  DependenciesRequest,
  INSTALL_DEPENDENCY_COMMAND,
  SnippetDependenciesRequest,
  type DependenciesResult,
  type InstallDependencyArgs,
  type MissingDependencyInfo,
  type SnippetDependenciesParams,
  type SnippetDependenciesResult,
} from '../../../../shared/protocol';
import { dependencyReport } from '../../core/deps/dependencyReport';
import { missingForSnippet, renderInstallHints } from '../../core/deps/snippetDependencies';
import { manifestEditFor } from '../../core/deps/manifestEdit';
import { renderMissingDependenciesMarkdown } from '../../core/deps/renderMarkdown';
import type { DependencyReport, MissingDependency } from '../../core/deps/types';
import { readWorkspaceText, scanWorkspaceFiles, type WorkspaceFiles } from '../../core/deps/workspaceFiles';
import { toRange } from '../convert';
import type { Folder, ServerState } from '../serverState';

// Dependency diagnostics: every import no manifest declares gets a warning with the install
// command, broken manifests an error, unused declarations an information. Recomputed (after a
// short pause) whenever a folder's index changes; code actions install the package through the
// client (which asks first) or add it to the manifest as an edit the user previews.

export const DIAGNOSTIC_SOURCE = 'sparkgraph';
export const MISSING_CODE = 'missing-dependency';
export const UNUSED_CODE = 'unused-dependency';
export const MANIFEST_CODE = 'manifest-problem';
export const OPTIONAL_CODE = 'optional-dependency';
const DEBOUNCE_MS = 300;

export function registerDependencies(connection: Connection, state: ServerState): { codeActions: (params: CodeActionParams) => Promise<CodeAction[]> } {
  const reports = new Map<string, DependencyReport>();
  const published = new Map<string, Set<string>>();
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Map<string, Promise<void>>();

  // The walk for manifests and Rust/Go sources is the costly part; editor edits cannot add or
  // remove files, so it is redone only after a build or file events.
  const walks = new Map<string, { index: Folder['index']; files: WorkspaceFiles }>();
  const refresh = async (folder: Folder): Promise<void> => {
    const enabled = folder.settings['dependencies.enabled'];
    let report: DependencyReport | undefined;
    try {
      if (enabled) {
        let walk = walks.get(folder.root);
        if (!walk || walk.index !== folder.index) {
          walk = { index: folder.index, files: scanWorkspaceFiles(folder.root, (p, d) => folder.index.isIgnored(p, d)) };
          walks.set(folder.root, walk);
        }
        report = await dependencyReport(folder.index, { files: walk.files });
      }
    } catch (e) {
      connection.console.error(`dependency analysis of ${folder.root} failed: ${(e as Error).stack ?? e}`);
      return;
    }
    if (state.folders.get(folder.root) !== folder) return;
    if (report) reports.set(folder.root, report);
    else reports.delete(folder.root);
    const byUri = report ? diagnosticsOf(state, folder, report) : new Map<string, Diagnostic[]>();
    const before = published.get(folder.root) ?? new Set<string>();
    for (const [uri, diagnostics] of byUri) void connection.sendDiagnostics({ uri, diagnostics });
    for (const uri of before) if (!byUri.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    published.set(folder.root, new Set(byUri.keys()));
  };

  const schedule = (folder: Folder) => {
    clearTimeout(timers.get(folder.root));
    const t = setTimeout(() => {
      timers.delete(folder.root);
      // One analysis at a time per folder; a change meanwhile schedules the next.
      const prev = running.get(folder.root) ?? Promise.resolve();
      const next = prev.then(() => refresh(folder));
      running.set(folder.root, next);
    }, DEBOUNCE_MS);
    t.unref();
    timers.set(folder.root, t);
  };

  state.onIndexChange((folder, kind) => {
    if (kind !== 'document') walks.delete(folder.root);
    if (kind !== 'removed') return schedule(folder);
    // The folder left the workspace: take its diagnostics with it.
    clearTimeout(timers.get(folder.root));
    reports.delete(folder.root);
    for (const uri of published.get(folder.root) ?? []) void connection.sendDiagnostics({ uri, diagnostics: [] });
    published.delete(folder.root);
  });

  /** Quick fixes for our diagnostics among those the client sends (wiring merges them with other code actions). */
  const quickFixes = async (params: CodeActionParams): Promise<CodeAction[]> => {
    const ref = state.fileOf(params.textDocument.uri);
    if (!ref) return [];
    const ours = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && (d.code === MISSING_CODE || d.code === OPTIONAL_CODE));
    if (ours.length === 0) return [];
    await running.get(ref.folder.root);
    const report = reports.get(ref.folder.root);
    if (!report) return [];
    return codeActions(state, ref.folder, ref.path, report, ours, params);
  };

  connection.onRequest(DependenciesRequest, async (): Promise<DependenciesResult> => {
    const folders: DependenciesResult['folders'] = [];
    const md: string[] = [];
    for (const folder of state.folders.values()) {
      // The report the diagnostics came from, unless a change is still waiting to be analysed.
      await running.get(folder.root);
      const cached = timers.has(folder.root) ? undefined : reports.get(folder.root);
      const report = cached ?? (await dependencyReport(folder.index));
      folders.push({
        root: folder.root,
        missing: report.missing.map((m) => info(state, folder, m)),
        optional: report.optional.map((m) => info(state, folder, m)),
        unused: report.unused.map((u) => ({ package: u.package, manifest: u.manifest, group: u.group })),
        problems: report.problems.map((p) => ({ manifest: p.manifest, message: p.message, line: p.range[0] })),
      });
      md.push(renderMissingDependenciesMarkdown(report));
    }
    return { folders, markdown: md.join('\n\n') };
  });

  connection.onRequest(SnippetDependenciesRequest, async (p) =>
    snippetDependencies(state, p, (folder) => {
      const walk = walks.get(folder.root);
      return walk && walk.index === folder.index ? walk.files : undefined;
    }),
  );

  return { codeActions: quickFixes };
}

const SNIPPET_FILE = { typescript: 'snippet.ts', javascript: 'snippet.js', python: 'snippet.py' } as const;

/** The code is judged as if it were the given file (or a file at the root of the first folder). */
export async function snippetDependencies(state: ServerState, p: SnippetDependenciesParams, walkOf: (folder: Folder) => WorkspaceFiles | undefined = () => undefined): Promise<SnippetDependenciesResult> {
  const language = p.language in SNIPPET_FILE ? p.language : 'typescript';
  const ref = p.uri ? state.fileOf(p.uri) : undefined;
  const folder = ref?.folder ?? [...state.folders.values()][0];
  if (!folder || typeof p.code !== 'string' || !folder.settings['dependencies.enabled']) return { missing: [], markdown: '' };
  await folder.ready;
  // Beside the file it is meant for: the manifests above that file govern it.
  const path = ref?.path ?? '';
  const fits = language === 'python' ? /\.pyi?$/.test(path) : /\.[cm]?[jt]sx?$/.test(path);
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
  const asPath = fits ? path : `${dir}${SNIPPET_FILE[language]}`;
  // The folder's last walk for manifests is reused: a chat answer may hold several code blocks.
  const missing = await missingForSnippet(folder.index, p.code, language, asPath, walkOf(folder));
  return { missing: missing.map((m) => info(state, folder, m)), markdown: renderInstallHints(missing) };
}

function info(state: ServerState, folder: Folder, m: MissingDependency): MissingDependencyInfo {
  return {
    package: m.package,
    ecosystem: m.ecosystem,
    dev: m.dev,
    imports: m.imports.map((i) => ({ file: i.file, uri: state.uriOf(folder, i.file), line: i.range[0], character: i.range[1] })),
    install: m.install,
  };
}

function diagnosticsOf(state: ServerState, folder: Folder, report: DependencyReport): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  const add = (path: string, d: Diagnostic) => {
    const uri = state.uriOf(folder, path);
    let list = out.get(uri);
    if (!list) out.set(uri, (list = []));
    list.push(d);
  };
  const importKinds = [
    { list: report.missing, severity: DiagnosticSeverity.Warning, code: MISSING_CODE, message: missingMessage },
    {
      list: report.optional,
      severity: DiagnosticSeverity.Information,
      code: OPTIONAL_CODE,
      message: (m: MissingDependency) => `${m.package} is imported inside try (optional) and not declared in ${m.install.manifest}. To declare it: \`${m.install.command}\`.`,
    },
  ];
  for (const { list, severity, code, message } of importKinds) {
    for (const m of list) {
      for (const i of m.imports) add(i.file, { range: toRange(i.range), severity, source: DIAGNOSTIC_SOURCE, code, message: message(m), data: { package: m.package } });
    }
  }
  for (const p of report.problems) {
    add(p.manifest, { range: toRange(p.range), severity: DiagnosticSeverity.Error, source: DIAGNOSTIC_SOURCE, code: MANIFEST_CODE, message: p.message });
  }
  const texts = new Map<string, string[]>();
  for (const u of report.unused) {
    const line = u.line ?? 0;
    // Underline the name where the line holds it, so the information is visible in the editor.
    let lines = texts.get(u.manifest);
    if (!lines) texts.set(u.manifest, (lines = (readWorkspaceText(folder.root, u.manifest) ?? '').split('\n')));
    const col = Math.max(0, (lines[line] ?? '').indexOf(u.package));
    const end = (lines[line] ?? '').includes(u.package) ? col + u.package.length : col;
    add(u.manifest, {
      range: { start: { line, character: col }, end: { line, character: end } },
      severity: DiagnosticSeverity.Information,
      source: DIAGNOSTIC_SOURCE,
      code: UNUSED_CODE,
      message: `${u.package} is declared (${u.group}) but nothing in the project imports it`,
    });
  }
  return out;
}

export function missingMessage(m: MissingDependency): string {
  const where = m.install.cwd === '' ? 'the workspace root' : `${m.install.cwd}/`;
  const pip = m.install.tool === 'pip' ? ` and add it to ${m.install.manifest}` : '';
  return `${m.package} is imported but not declared in ${m.install.manifest}${m.dev ? ' (dev dependency)' : ''}. Install it with \`${m.install.command}\` in ${where}${pip}.`;
}

function codeActions(state: ServerState, folder: Folder, path: string, report: DependencyReport, diagnostics: Diagnostic[], _params: CodeActionParams): CodeAction[] {
  const actions: CodeAction[] = [];
  const done = new Set<MissingDependency>();
  for (const d of diagnostics) {
    const m = [...report.missing, ...report.optional].find((x) => x.imports.some((i) => i.file === path && i.range[0] === d.range.start.line && i.range[1] === d.range.start.character));
    if (!m || done.has(m)) continue;
    done.add(m);
    const args: InstallDependencyArgs = {
      package: m.package,
      command: m.install.command,
      cwd: pathToFileURL(m.install.cwd === '' ? folder.root : `${folder.root}/${m.install.cwd}`).toString(),
      manifest: state.uriOf(folder, m.install.manifest),
    };
    const title = `Install ${m.package} with \`${m.install.command}\``;
    actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, command: { title, command: INSTALL_DEPENDENCY_COMMAND, arguments: [args] } });
    const edit = addToManifestEdit(state, folder, m);
    if (edit) actions.push({ title: `Add ${m.package} to ${m.install.manifest}`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit });
  }
  return actions;
}

function addToManifestEdit(state: ServerState, folder: Folder, m: MissingDependency): WorkspaceEdit | undefined {
  const text = readWorkspaceText(folder.root, m.install.manifest);
  const e = manifestEditFor(m, text);
  if (!e) return undefined;
  const uri = state.uriOf(folder, e.path);
  const annotationId = `sparkgraph.add.${m.package}`;
  const textEdit = { range: toRange(e.range), newText: e.newText, annotationId };
  return {
    documentChanges: [
      ...(e.create ? [{ kind: 'create' as const, uri, options: { ignoreIfExists: true }, annotationId }] : []),
      { textDocument: { uri, version: null }, edits: [textEdit] },
    ],
    changeAnnotations: { [annotationId]: { label: e.label, needsConfirmation: true, description: `declares ${m.package}${m.dev ? ' as a dev dependency' : ''}; run the install command to fetch it` } },
  };
}
