// Server-sent events as chat-completion servers send them: `data:` lines, events separated by a
// blank line, `[DONE]` at the end. Chunks may split anywhere, even inside a UTF-8 character
// (the caller decodes with a streaming TextDecoder) or between `\r` and `\n`.

export class SseParser {
  private buffer = '';
  private data: string[] = [];
  done = false;

  /** Feeds decoded text; returns the data payloads of the events it completed. */
  push(text: string): string[] {
    this.buffer += text;
    const events: string[] = [];
    for (;;) {
      const nl = this.buffer.search(/\r\n|\r|\n/);
      if (nl < 0) break;
      // A lone trailing `\r` may be the first half of `\r\n`: wait for the next chunk.
      if (this.buffer[nl] === '\r' && nl === this.buffer.length - 1) break;
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + (this.buffer.startsWith('\r\n', nl) ? 2 : 1));
      this.line(line, events);
    }
    return events;
  }

  /** The stream ended: an event not closed by a blank line still counts. */
  end(): string[] {
    const events: string[] = [];
    if (this.buffer) this.line(this.buffer, events);
    this.buffer = '';
    this.line('', events);
    return events;
  }

  private line(line: string, events: string[]): void {
    if (line === '') {
      if (this.data.length) {
        const payload = this.data.join('\n');
        this.data = [];
        if (payload.trim() === '[DONE]') this.done = true;
        else if (!this.done) events.push(payload);
      }
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    if (field !== 'data') return;
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    this.data.push(value);
  }
}
