import { strict as assert } from 'node:assert';
import { statusView } from '../../../client/src/statusText';

describe('status bar text', () => {
  it('shows progress while indexing', () => {
    assert.equal(statusView({ state: 'indexing', percent: 45 }).text, '$(sync~spin) SparkGraph: indexing 45%');
    assert.equal(statusView({ state: 'indexing', percent: 44.6 }).text, '$(sync~spin) SparkGraph: indexing 45%');
    assert.equal(statusView({ state: 'indexing' }).text, '$(sync~spin) SparkGraph: indexing 0%');
    assert.equal(statusView({ state: 'indexing', percent: 140 }).text, '$(sync~spin) SparkGraph: indexing 100%');
  });

  it('shows the file count with a thousands separator when ready', () => {
    const view = statusView({ state: 'ready', files: 1234, nodes: 56789, edges: 1000000 });
    assert.equal(view.text, '$(graph) SparkGraph: ready · 1,234 files');
    assert.equal(view.tooltip, 'SparkGraph index ready: 1,234 files, 56,789 nodes, 1,000,000 edges. Click for index stats.');
    assert.match(view.text, /SparkGraph.*ready/i);
    assert.equal(statusView({ state: 'ready', files: 1 }).text, '$(graph) SparkGraph: ready · 1 file');
    assert.equal(statusView({ state: 'ready' }).text, '$(graph) SparkGraph: ready · 0 files');
  });

  it('puts the error message in the tooltip, not the text', () => {
    const view = statusView({ state: 'error', message: 'the language server stopped unexpectedly; restarting' });
    assert.equal(view.text, '$(error) SparkGraph: error');
    assert.equal(view.tooltip, 'SparkGraph: the language server stopped unexpectedly; restarting. Click for index stats; see "SparkGraph: Open Logs" for details.');
    assert.match(statusView({ state: 'error' }).tooltip, /unknown error/);
  });

  it('says when the server is starting', () => {
    assert.equal(statusView({ state: 'starting' }).text, '$(sync~spin) SparkGraph: starting');
  });
});
