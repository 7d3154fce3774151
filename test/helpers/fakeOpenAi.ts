import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A local server speaking the OpenAI chat-completions wire protocol, streaming included. Each
// test queues how the next requests are answered and reads back what was sent.

export interface Received {
  body: { model: string; messages: { role: string; content: string }[]; temperature: number; stream: boolean };
  headers: IncomingMessage['headers'];
  url: string;
}

export type Reply = (req: IncomingMessage, res: ServerResponse) => void;

export class FakeOpenAi {
  readonly received: Received[] = [];
  readonly replies: Reply[] = [];
  /** Resolves when a request's connection closes before its answer ended (a client abort). */
  readonly aborted: Promise<void>;
  private server: Server;
  private markAborted!: () => void;

  constructor() {
    this.aborted = new Promise((r) => (this.markAborted = r));
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (d) => (raw += d));
      req.on('end', () => {
        this.received.push({ body: JSON.parse(raw), headers: req.headers, url: req.url ?? '' });
        res.on('close', () => {
          if (!res.writableEnded) this.markAborted();
        });
        const reply = this.replies.shift() ?? ((_q, s) => s.writeHead(500).end('no reply queued'));
        reply(req, res);
      });
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }
}

export const chunk = (content: string) => `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content } }] })}\n\n`;
export const usageChunk = (prompt: number, completion: number) =>
  `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion } })}\n\n`;

/** Streams the pieces as server-sent events, then `[DONE]`. */
export function stream(pieces: readonly string[], usage?: readonly [number, number]): Reply {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    for (const p of pieces) res.write(chunk(p));
    if (usage) res.write(usageChunk(usage[0], usage[1]));
    res.end('data: [DONE]\n\n');
  };
}

export function status(code: number, headers: Record<string, string> = {}, body = JSON.stringify({ error: { message: `status ${code}` } })): Reply {
  return (_req, res) => res.writeHead(code, { 'content-type': 'application/json', ...headers }).end(body);
}
