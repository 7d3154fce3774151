import { strict as assert } from 'node:assert';
import { SseParser } from '../../../client/src/llm/sse';

describe('server-sent events parser', () => {
  const text = 'data: {"a":1}\n\n: keep-alive comment\n\nevent: x\ndata: line one\ndata: line two\n\r\ndata:{"b":2}\r\n\r\ndata: [DONE]\n\ndata: {"after":"done"}\n\n';

  it('yields each event once, joins multi-line data, skips comments and stops at [DONE]', () => {
    const p = new SseParser();
    assert.deepEqual(p.push(text), ['{"a":1}', 'line one\nline two', '{"b":2}']);
    assert.equal(p.done, true);
  });

  it('gives the same events however the stream is cut into chunks', () => {
    for (let size = 1; size <= 7; size++) {
      const p = new SseParser();
      const events: string[] = [];
      for (let i = 0; i < text.length; i += size) events.push(...p.push(text.slice(i, i + size)));
      events.push(...p.end());
      assert.deepEqual(events, ['{"a":1}', 'line one\nline two', '{"b":2}'], `chunks of ${size}`);
    }
  });

  it('keeps an event the stream ended without a blank line after', () => {
    const p = new SseParser();
    assert.deepEqual(p.push('data: {"x":1}'), []);
    assert.deepEqual(p.end(), ['{"x":1}']);
    assert.equal(p.done, false);
  });
});
