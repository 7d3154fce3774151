import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SLASH_COMMANDS } from '../../../client/src/chat/slashCommands';
import { ACTIVE_CONTEXT_KEY, CALL_CHAINS_VIEW, CHAT_CONTAINER, CHAT_PARTICIPANT_ID, CHAT_VIEW, COMMAND_CATEGORY, COMMANDS, LANGUAGE_IDS, paletteTitle } from '../../../client/src/commandIds';
import { DEFAULT_MODEL_SETTINGS, MODEL_SETTINGS_SECTION, USER_ONLY_MODEL_SETTINGS } from '../../../client/src/llm/modelSettings';
import { REFACTOR_COMMANDS } from '../../../shared/protocol';
import { CLIENT_ONLY_SETTINGS, DEFAULT_SETTINGS } from '../../../shared/settings';

// package.json is the extension's contract with VS Code; these checks hold it to the code.

interface ConfigProperty {
  type?: string;
  default?: unknown;
  description?: string;
  scope?: string;
  enum?: string[];
}

const ROOT = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
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
      'sparkgraph.model.provider': 'application',
      'sparkgraph.model.baseUrl': 'application',
      'sparkgraph.model.name': 'window',
      'sparkgraph.model.timeoutMs': 'window',
      'sparkgraph.model.maxRetries': 'window',
      'sparkgraph.model.contextTokens': 'window',
      'sparkgraph.model.pricePer1kInputTokens': 'window',
      'sparkgraph.model.pricePer1kOutputTokens': 'window',
    });
  });

  it('contributes the client-only model settings with their defaults; where code is sent is for user settings only', () => {
    for (const [key, value] of Object.entries(DEFAULT_MODEL_SETTINGS)) {
      const p = properties[`${MODEL_SETTINGS_SECTION}.${key}`];
      assert.ok(p, `${MODEL_SETTINGS_SECTION}.${key} is not contributed`);
      assert.deepEqual(p.default, value, `default of ${MODEL_SETTINGS_SECTION}.${key}`);
      assert.ok((p.description ?? (p as { markdownDescription?: string }).markdownDescription ?? '').length > 10, `${key} needs a description`);
    }
    for (const key of USER_ONLY_MODEL_SETTINGS) assert.equal(properties[`${MODEL_SETTINGS_SECTION}.${key}`].scope, 'application', key);
    assert.deepEqual(properties['sparkgraph.model.provider'].enum, ['none', 'vscode', 'openai']);
    assert.ok(!Object.keys(properties).some((k) => /api.?key|secret|password/i.test(k)), 'no API key setting: the key lives in secret storage');
  });

  it('contributes no sparkgraph.* setting beyond the settings type and trace.server', () => {
    const allowed = new Set([...Object.keys(DEFAULT_SETTINGS).map((k) => `sparkgraph.${k}`), 'sparkgraph.trace.server', ...Object.keys(DEFAULT_MODEL_SETTINGS).map((k) => `${MODEL_SETTINGS_SECTION}.${k}`)]);
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
        ['sparkgraph.openChat', 'SparkGraph: Open Chat'],
        ['sparkgraph.ask', 'SparkGraph: Ask a Question'],
        ['sparkgraph.setModelApiKey', 'SparkGraph: Set Model API Key'],
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

  it('puts the chat webview in its own activity-bar container, with an icon that ships', () => {
    assert.deepEqual(manifest.contributes.viewsContainers.activitybar, [CHAT_CONTAINER]);
    assert.deepEqual(manifest.contributes.views[CHAT_CONTAINER.id], [{ type: 'webview', id: CHAT_VIEW.id, name: CHAT_VIEW.name }]);
    assert.ok(existsSync(join(ROOT, CHAT_CONTAINER.icon)), CHAT_CONTAINER.icon);
    for (const asset of ['media/chat.js', 'media/chat.css']) assert.ok(existsSync(join(ROOT, asset)), asset);
  });

  it('declares the @sparkgraph chat participant with the available slash commands', () => {
    const [participant, ...others] = manifest.contributes.chatParticipants;
    assert.deepEqual(others, []);
    assert.equal(participant.id, CHAT_PARTICIPANT_ID);
    assert.equal(participant.name, 'sparkgraph');
    assert.deepEqual(
      participant.commands.map((c: { name: string }) => c.name),
      SLASH_COMMANDS.filter((c) => c.available).map((c) => c.name),
    );
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
