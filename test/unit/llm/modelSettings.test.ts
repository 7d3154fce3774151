import { strict as assert } from 'node:assert';
import { DEFAULT_MODEL_SETTINGS, normalizeModelSettings, settingsProblem } from '../../../client/src/llm/modelSettings';

describe('model settings', () => {
  it('defaults to no model, and keeps only valid values', () => {
    assert.deepEqual(normalizeModelSettings(undefined), DEFAULT_MODEL_SETTINGS);
    assert.equal(DEFAULT_MODEL_SETTINGS.provider, 'none');
    const s = normalizeModelSettings({ provider: 'openai', baseUrl: ' http://h:8080/v1 ', name: 'qwen', timeoutMs: 10, maxRetries: 99, contextTokens: 5000.7, pricePer1kInputTokens: -1, pricePer1kOutputTokens: 0.002 });
    assert.deepEqual(s, { ...DEFAULT_MODEL_SETTINGS, provider: 'openai', baseUrl: 'http://h:8080/v1', name: 'qwen', contextTokens: 5000, pricePer1kOutputTokens: 0.002 });
    assert.equal(normalizeModelSettings({ provider: 'gpt' }).provider, 'none');
  });

  it('says what is missing before an OpenAI-compatible endpoint can be asked', () => {
    assert.match(settingsProblem({ ...DEFAULT_MODEL_SETTINGS, provider: 'openai' })!, /set sparkgraph\.model\.name/);
    assert.match(settingsProblem({ ...DEFAULT_MODEL_SETTINGS, provider: 'openai', name: 'm', baseUrl: 'localhost:11434' })!, /must be an http\(s\) URL|is not a URL/);
    assert.equal(settingsProblem({ ...DEFAULT_MODEL_SETTINGS, provider: 'openai', name: 'm' }), undefined);
    assert.equal(settingsProblem({ ...DEFAULT_MODEL_SETTINGS, provider: 'vscode' }), undefined);
  });
});
