import assert from 'node:assert/strict';
import { normalizeSettings } from '../../../shared/settings';

describe('sparkgraph.dependencies.enabled', () => {
  it('defaults to on and is read flat (client config.get) or nested (workspace/configuration)', () => {
    assert.equal(normalizeSettings(undefined)['dependencies.enabled'], true);
    assert.equal(normalizeSettings({ 'dependencies.enabled': false })['dependencies.enabled'], false);
    assert.equal(normalizeSettings({ dependencies: { enabled: false } })['dependencies.enabled'], false);
    assert.equal(normalizeSettings({ dependencies: { enabled: 'no' } })['dependencies.enabled'], true);
  });
});
