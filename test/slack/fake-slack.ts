import { createHmac } from 'crypto';
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import { WebSocketServer, type WebSocket } from 'ws';

/** One Web API call as received (form or JSON arguments, `blocks`/`attachments` decoded). */
export interface SlackCall {
  method: string;
  token: string | null;
  args: Record<string, any>;
  /** When the call was received (ms since the epoch). */
  at: number;
}

/**
 * A local fake of the Slack Web API (`POST /api/<method>`): records every call and answers
 * `{ ok: true, ... }` like Slack for auth.test, chat.postMessage, chat.update, chat.postEphemeral,
 * views.open, views.publish, conversations.history/replies (the messages posted) and users.info
 * (from `users`, a Slack user id → e-mail map). It can
 * also misbehave like Slack does: answer 429 with Retry-After for a while (`limiter`), 500
 * (`panne`), or carry a call out and never answer (`silence`, until the client times out). The
 * calls it carried out are in `calls` (a silenced one too); the refused ones are in `refused`.
 */
export class FakeSlack {
  readonly calls: SlackCall[] = [];
  /** Slack user id → profile e-mail, answered by users.info. */
  readonly users = new Map<string, string>();
  /** Methods answered `{ ok: false, error }` (a failing Slack), until removed. */
  readonly failing = new Map<string, string>();
  /** Calls answered 429 / 500 / not at all, by method. */
  readonly refused: Array<{ method: string; status: 429 | 500 | 'silence' }> = [];
  /** Messages posted, as conversations.history and conversations.replies give them back. */
  private readonly messages: Array<{
    channel: string;
    ts: string;
    thread_ts?: string;
    text?: string;
    metadata?: unknown;
  }> = [];
  private limiteJusqua = 0;
  private limiteDuree = 0;
  private readonly pannes = new Map<string, number>();
  private readonly silences = new Map<string, number>();
  private server: Server | null = null;
  private sequence = 0;
  url = '';
  /** Socket Mode: the WebSocket server apps.connections.open points to, and the bot's connection. */
  private wss: WebSocketServer | null = null;
  private socket: WebSocket | null = null;
  private readonly acks = new Map<string, (payload: unknown) => void>();

  /** Serves Socket Mode: apps.connections.open answers a local WebSocket URL, which says hello. */
  async startSocketMode(): Promise<void> {
    this.wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((resolve) => this.wss!.once('listening', () => resolve()));
    this.wss.on('connection', (ws) => {
      this.socket = ws;
      ws.on('message', (data) => {
        const message = JSON.parse((data as Buffer).toString()) as { envelope_id?: string; payload?: unknown };
        if (message.envelope_id) this.acks.get(message.envelope_id)?.(message.payload ?? null);
      });
      ws.send(
        JSON.stringify({
          type: 'hello',
          num_connections: 1,
          debug_info: { host: 'fake' },
          connection_info: { app_id: 'A0AIGUIL' },
        }),
      );
    });
  }

  /** Sends a Socket Mode envelope to the connected bot; resolves with its acknowledgement. */
  async envelope(type: string, payload: Record<string, unknown>, ms = 8000): Promise<unknown> {
    await this.waitFor('connexion du bot en mode socket', () => this.socket?.readyState === 1, ms);
    const envelopeId = `env-${++this.sequence}`;
    const ack = new Promise<unknown>((resolve) => this.acks.set(envelopeId, resolve));
    this.socket!.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: true,
        retry_attempt: 0,
        retry_reason: '',
      }),
    );
    return ack;
  }

  /** Answers 429 (Retry-After in whole seconds, as Slack) to every chat.* call for `ms`, from the next chat.* call on. */
  limiter(ms: number): void {
    this.limiteDuree = ms;
  }

  /** Answers HTTP 500 to the next `fois` calls of `method`. */
  panne(method: string, fois: number): void {
    this.pannes.set(method, fois);
  }

  /** Never answers the next `fois` calls of `method` (the client times out). */
  silence(method: string, fois: number): void {
    this.silences.set(method, fois);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0];
        const args = parseArgs(raw, req.headers['content-type'] ?? '');
        const auth = req.headers.authorization;
        if (this.limiteDuree > 0 && method.startsWith('chat.')) {
          this.limiteJusqua = Date.now() + this.limiteDuree;
          this.limiteDuree = 0;
        }
        const restant = this.limiteJusqua - Date.now();
        if (restant > 0 && method.startsWith('chat.')) {
          this.refused.push({ method, status: 429 });
          res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(Math.ceil(restant / 1000)) });
          res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
          return;
        }
        if (this.decompte(this.pannes, method)) {
          this.refused.push({ method, status: 500 });
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end('erreur interne');
          return;
        }
        if (this.decompte(this.silences, method)) {
          // Carried out, but the answer never comes (the client times out): like a slow Slack.
          this.refused.push({ method, status: 'silence' });
          this.calls.push({
            method,
            token: auth ? auth.replace(/^Bearer /, '') : (args.token ?? null),
            args,
            at: Date.now(),
          });
          this.answer(method, args);
          setTimeout(() => res.destroy(), 30_000).unref();
          return;
        }
        this.calls.push({
          method,
          token: auth ? auth.replace(/^Bearer /, '') : (args.token ?? null),
          args,
          at: Date.now(),
        });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(this.answer(method, args)));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/`;
  }

  async stop(): Promise<void> {
    this.socket?.terminate();
    await new Promise<void>((resolve) => (this.wss ? this.wss.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private decompte(compteurs: Map<string, number>, method: string): boolean {
    const n = compteurs.get(method) ?? 0;
    if (n <= 0) return false;
    compteurs.set(method, n - 1);
    return true;
  }

  of(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Waits until `predicate` holds on the recorded calls (polls; fails after `ms`). */
  async waitFor<T>(what: string, predicate: () => T | undefined | null | false, ms = 8000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = predicate();
      if (value) return value;
      if (Date.now() > deadline)
        throw new Error(`Attendu en ${ms} ms : ${what} (appels : ${this.calls.map((c) => c.method).join(', ')})`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private answer(method: string, args: Record<string, any>): Record<string, unknown> {
    const error = this.failing.get(method);
    if (error) return { ok: false, error };
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://aiguillage.slack.test/',
          team: 'Aiguillage',
          team_id: 'T0AIGUIL',
          user: 'aiguillage',
          user_id: 'UBOT',
          bot_id: 'BBOT',
        };
      case 'apps.connections.open':
        return this.wss
          ? { ok: true, url: `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}/` }
          : { ok: false, error: 'not_allowed_token_type' };
      case 'conversations.history':
        return {
          ok: true,
          messages: this.messages.filter((m) => m.channel === args.channel && !m.thread_ts).reverse(),
          has_more: false,
        };
      case 'conversations.replies':
        return {
          ok: true,
          messages: this.messages.filter(
            (m) => m.channel === args.channel && (m.thread_ts === args.ts || m.ts === args.ts),
          ),
          has_more: false,
        };
      case 'chat.postMessage': {
        const ts = `1790000000.${String(++this.sequence).padStart(6, '0')}`;
        this.messages.push({
          channel: args.channel,
          ts,
          thread_ts: args.thread_ts,
          text: args.text,
          metadata: args.metadata,
        });
        return {
          ok: true,
          channel: args.channel,
          ts,
          message: { type: 'message', ts, text: args.text, blocks: args.blocks, bot_id: 'BBOT', user: 'UBOT' },
        };
      }
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case 'views.open':
      case 'views.publish':
        return {
          ok: true,
          view: { id: `V${++this.sequence}`, ...(typeof args.view === 'string' ? JSON.parse(args.view) : args.view) },
        };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `1790000000.${String(++this.sequence).padStart(6, '0')}` };
      case 'users.info': {
        const email = this.users.get(args.user);
        if (email === undefined) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: { id: args.user, name: args.user.toLowerCase(), profile: { email, real_name: args.user } },
        };
      }
      default:
        return { ok: true };
    }
  }
}

function parseArgs(raw: string, contentType: string): Record<string, any> {
  if (!raw) return {};
  const args: Record<string, any> = contentType.includes('application/json')
    ? JSON.parse(raw)
    : Object.fromEntries(new URLSearchParams(raw));
  for (const key of ['blocks', 'attachments', 'view', 'metadata']) {
    if (typeof args[key] === 'string') args[key] = JSON.parse(args[key]);
  }
  return args;
}

/** The headers of a request signed like Slack does (`v0=` HMAC-SHA256 of `v0:<ts>:<raw body>`). */
export function slackSignature(
  signingSecret: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const signature = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}

/** The form-encoded body of an interactivity request (a click on a message button). */
export function blockActionBody(opts: {
  slackUserId: string;
  actionId: string;
  value: string;
  channel: string;
  message: { ts: string; text?: string; blocks?: unknown[] };
}): string {
  const payload = {
    type: 'block_actions',
    team: { id: 'T0AIGUIL', domain: 'aiguillage' },
    user: { id: opts.slackUserId, username: opts.slackUserId.toLowerCase(), team_id: 'T0AIGUIL' },
    api_app_id: 'A0AIGUIL',
    token: 'jeton-de-verification-obsolete',
    container: { type: 'message', message_ts: opts.message.ts, channel_id: opts.channel, is_ephemeral: false },
    trigger_id: '123.456.abc',
    channel: { id: opts.channel, name: 'approbations' },
    message: {
      type: 'message',
      user: 'UBOT',
      bot_id: 'BBOT',
      ts: opts.message.ts,
      text: opts.message.text ?? '',
      blocks: opts.message.blocks ?? [],
    },
    response_url: 'https://hooks.slack.test/actions/T0AIGUIL/1/abc',
    actions: [
      {
        type: 'button',
        action_id: opts.actionId,
        block_id: 'decision',
        value: opts.value,
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
