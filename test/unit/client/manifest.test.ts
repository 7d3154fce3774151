import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REFACTOR_COMMANDS } from '../../../shared/protocol';
import { ACTIVE_CONTEXT_KEY, CALL_CHAINS_VIEW, COMMAND_CATEGORY, COMMANDS, LANGUAGE_IDS, paletteTitle } from '../../../client/src/commandIds';
import { CLIENT_ONLY_SETTINGS, DEFAULT_SETTINGS } from '../../../shared/settings';

// package.json is the extension's contract with VS Code; these checks hold it to the code.

interface ConfigProperty {
  type?: string;
  default?: unknown;
  description?: string;
  scope?: string;
  enum?: string[];
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
const properties: Record<string, ConfigProperty> = manifest.contributes.configuration.properties;
const contributed: { command: string; title: string; category?: string }[] = manifest.contributes.commands;

describe('package.json manifest', () => {
  it('keeps the entry point and the language activation events', () => {
    assert.equal(manifest.main, './dist/client/extension.js');
    for (const lang of ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python']) {
      assert.ok(manifest.activationEvents.includes(`onLanguage:${lang}`), `onLanguage:${lang} missing`);
    }
    for (const lang of LANGUAGE_IDS) assert.ok(manifest.activationEvents.includes(`onLanguage:${lang}`), `onLanguage:${lang} missing`);
  });

  it('describes every setting with its default, a description and a scope', () => {
    assert.equal(manifest.contributes.configuration.title, 'SparkGraph');
    for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) {
      const p = properties[`sparkgraph.${key}`];
      assert.ok(p, `sparkgraph.${key} is not contributed`);
      assert.deepEqual(p.default, value, `default of sparkgraph.${key}`);
      assert.ok(p.description && p.description.length > 10, `sparkgraph.${key} needs a description`);
      assert.ok(p.scope, `sparkgraph.${key} needs a scope`);
    }
  });

  it('gives each setting the scope it is read at', () => {
    const scopes = Object.fromEntries(Object.entries(properties).map(([k, p]) => [k, p.scope]));
    assert.deepEqual(scopes, {
      'sparkgraph.ignore': 'resource',
      'sparkgraph.maxFileSize': 'resource',
      'sparkgraph.workers': 'machine-overridable',
      'sparkgraph.cache': 'machine-overridable',
      'sparkgraph.chainMaxLength': 'window',
      'sparkgraph.hoverChains': 'window',
      'sparkgraph.dependencies.enabled': 'resource',
      'sparkgraph.trace.server': 'window',
    });
  });

  it('contributes no sparkgraph.* setting beyond the settings type and trace.server', () => {
    const allowed = new Set([...Object.keys(DEFAULT_SETTINGS).map((k) => `sparkgraph.${k}`), 'sparkgraph.trace.server']);
    for (const key of Object.keys(properties)) assert.ok(allowed.has(key), `unexpected setting ${key}`);
    const trace = properties['sparkgraph.trace.server'];
    assert.deepEqual(trace.enum, ['off', 'messages', 'verbose']);
    assert.equal(trace.default, 'off');
    assert.equal(trace.default, CLIENT_ONLY_SETTINGS['trace.server']);
  });

  it('contributes exactly the commands of the command table, with the palette titles', () => {
    assert.deepEqual(
      contributed.map((c) => [c.command, `${c.category}: ${c.title}`]),
      [
        ['sparkgraph.reindex', 'SparkGraph: Reindex Workspace'],
        ['sparkgraph.showStats', 'SparkGraph: Show Index Stats'],
        ['sparkgraph.showCallChains', 'SparkGraph: Show Call Chains'],
        ['sparkgraph.openLogs', 'SparkGraph: Open Logs'],
        ['sparkgraph.refactor.rename', 'SparkGraph: Rename Across Workspace…'],
        ['sparkgraph.refactor.move', 'SparkGraph: Move to File…'],
        ['sparkgraph.refactor.signature', 'SparkGraph: Change Signature…'],
        ['sparkgraph.refactor.migrate', 'SparkGraph: Migrate All Uses of a Call…'],
      ],
    );
    const table = Object.values(COMMANDS).map((c) => c.id).sort();
    assert.deepEqual(contributed.map((c) => c.command).sort(), table);
    for (const c of contributed) {
      const [name] = Object.entries(COMMANDS).find(([, v]) => v.id === c.command)!;
      assert.equal(c.category, COMMAND_CATEGORY);
      assert.equal(`${c.category}: ${c.title}`, paletteTitle(name as keyof typeof COMMANDS));
    }
  });

  it('the refactor commands are the ones the server code actions invoke', () => {
    assert.deepEqual(
      [COMMANDS.refactorRename.id, COMMANDS.refactorMove.id, COMMANDS.refactorSignature.id, COMMANDS.refactorMigrate.id],
      [REFACTOR_COMMANDS.rename, REFACTOR_COMMANDS.move, REFACTOR_COMMANDS.signature, REFACTOR_COMMANDS.migrate],
    );
  });

  it('puts the Call Chains view in the Explorer', () => {
    assert.deepEqual(manifest.contributes.views.explorer, [{ id: 'sparkgraph.callChains', name: 'Call Chains', when: 'sparkgraph.active' }]);
    assert.equal(CALL_CHAINS_VIEW.id, 'sparkgraph.callChains');
    assert.equal(ACTIVE_CONTEXT_KEY, 'sparkgraph.active');
  });

  it('offers Show Call Chains in the editor context menu of the supported languages only', () => {
    const entries: { command: string; when: string }[] = manifest.contributes.menus['editor/context'];
    const entry = entries.find((e) => e.command === 'sparkgraph.showCallChains');
    assert.ok(entry, 'no editor/context entry');
    const pattern = /editorLangId =~ \/(.+)\/$/.exec(entry.when);
    assert.ok(pattern, `when clause ${entry.when} has no editorLangId regex`);
    const matches = new RegExp(pattern[1]);
    for (const lang of ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python']) assert.ok(matches.test(lang), lang);
    for (const lang of ['json', 'markdown', 'typescript-injection', 'go']) assert.ok(!matches.test(lang), lang);
  });

  it('packages with vsce and runs every test tier from npm test', () => {
    assert.match(manifest.scripts.package, /vsce package --no-dependencies --out sparkgraph\.vsix/);
    assert.match(manifest.scripts['test:vsix'], /test\/package\//);
    for (const tier of ['test:unit', 'test:protocol', 'test:vsix', 'test:editor']) assert.match(manifest.scripts.test, new RegExp(`npm run ${tier}\\b`), tier);
    assert.ok(manifest.repository?.url, 'vsce needs a repository');
    assert.equal(manifest.license, 'MIT');
  });
});
