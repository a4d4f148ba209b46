/**
 * A local stand-in for the part of Zapier's platform that keeps state between runs: the RPC service behind
 * `z.cache` and `z.cursor` (docs/ZAPIER.md §6).
 *
 * zapier-platform-core talks to that service over HTTP (`src/tools/create-rpc-client.js`: a JSON POST of
 * `{id, storeKey, method, params}` to `event.rpc_base`, authenticated by the step's `X-Token`). Its own test
 * mock (`createAppTester`'s `zcacheTestObj`) drops the TTL, the scope and `nx`, so code that relies on any of
 * them would pass its tests and fail on Zapier. This server answers the real protocol instead, so a step run
 * through `Runtime` with `platform` set exercises core's real `z.cache` / `z.cursor` code:
 * - `zcache_get(key, scope)`, `zcache_set(key, json, ttl, scope, nx)`, `zcache_delete(key, scope)`;
 *   `scope` null = shared by every connection of the integration, `['auth']` = one connection,
 *   `['user']` = one Zapier user, both = the pair; `nx: true` sets only when the key is absent (answers false
 *   otherwise); an expired entry is absent. Time comes from an injectable clock, so simulators can run hours
 *   of polling in seconds.
 * - `get_cursor` / `set_cursor`: the paging cursor of one paginated trigger run (keyed by the step's
 *   `storeKey`, which identifies the Zap and the operation), kept for an hour.
 * - The step token also makes core stream its logs to `LOGGING_ENDPOINT`; this server accepts them on `/logs`
 *   (and keeps the lines, so tests can check that no secret reaches a log).
 * Where Zapier documents no figure (the default TTL, the largest value), the limits are options with
 * conservative defaults; docs/ZAPIER.md §6 says what is known.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Who runs a step: Zapier resolves cache scopes from these. */
export interface StepIdentity {
  /** The connection (Zapier's "auth"): scope `['auth']`. */
  connectionId: string;
  /** The Zapier user who owns the Zap: scope `['user']`. Defaults to the connection's id. */
  userId?: string;
  /** The Zap: paging cursors are kept per Zap. Defaults to `zap`. */
  zapId?: string;
}

export interface ZapierStateOptions {
  /** The clock for TTLs, epoch ms. Default `Date.now`. */
  now?: () => number;
  /** Largest JSON value one entry may hold, in bytes (default 1 MiB); a larger `set` is an RPC error. */
  maxValueBytes?: number;
  /** TTL applied when `set` gives none, in seconds (default: none, the entry lives until deleted). */
  defaultTtlSeconds?: number;
  /** How long a paging cursor lives, in seconds (default 3600). */
  cursorTtlSeconds?: number;
}

export interface StateEntry {
  /** `app`, `auth:<connection>`, `user:<user>` or `user:<user>|auth:<connection>`. */
  scope: string;
  key: string;
  value: unknown;
  /** Epoch ms; absent when the entry never expires. */
  expiresAt?: number;
}

export interface RpcCall {
  method: string;
  identity: StepIdentity;
}

interface Stored {
  json: string;
  expiresAt?: number;
}

interface RpcRequest {
  id?: unknown;
  storeKey?: unknown;
  method?: unknown;
  params?: unknown;
}

/** A request's whole body as text. */
export const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

const scopeName = (scope: unknown, identity: StepIdentity): string => {
  if (scope === null || scope === undefined) return 'app';
  if (!Array.isArray(scope) || !scope.every((part) => part === 'user' || part === 'auth')) {
    throw new Error('scope must be an array of strings with values "user" or "auth"');
  }
  const parts: string[] = [];
  if (scope.includes('user')) parts.push(`user:${identity.userId ?? identity.connectionId}`);
  if (scope.includes('auth')) parts.push(`auth:${identity.connectionId}`);
  return parts.length === 0 ? 'app' : parts.join('|');
};

/** The stand-ins listening in this process (the log endpoint always names one of them, or the log sink). */
const running = new Set<ZapierStateServer>();

let sink: Promise<string> | undefined;
/**
 * Where core's log streams go once every stand-in has stopped: a server of this process that accepts and drops
 * log lines, open until the process exits (unref'd, so it never keeps it alive). A step that still holds a token
 * (a harness call core logs through the last step's logger) then reaches a listening port on this machine, never
 * a closed one, and never Zapier's log service.
 */
const logSink = (): Promise<string> => {
  sink ??= new Promise<string>((resolve) => {
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.end());
    });
    server.keepAliveTimeout = 120_000;
    server.listen(0, '127.0.0.1', () => {
      server.unref();
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/logs`);
    });
  });
  return sink;
};

export class ZapierStateServer {
  /** Every RPC call answered, oldest first (method and who asked). */
  readonly calls: RpcCall[] = [];
  /** The log lines core streamed (JSON Lines as sent). */
  readonly logLines: string[] = [];

  private readonly cache = new Map<string, Map<string, Stored>>();
  private readonly cursors = new Map<string, Stored>();
  private readonly identities = new Map<string, StepIdentity>();
  private readonly now: () => number;
  private readonly maxValueBytes: number;
  private readonly defaultTtlSeconds: number | undefined;
  private readonly cursorTtlSeconds: number;
  private server: Server | undefined;
  private baseUrl = '';

  private constructor(options: ZapierStateOptions) {
    this.now = options.now ?? Date.now;
    this.maxValueBytes = options.maxValueBytes ?? 1024 * 1024;
    this.defaultTtlSeconds = options.defaultTtlSeconds;
    this.cursorTtlSeconds = options.cursorTtlSeconds ?? 3600;
  }

  /** Starts the server on 127.0.0.1 (a free port) and points core's log stream at it. */
  static async start(options: ZapierStateOptions = {}): Promise<ZapierStateServer> {
    const state = new ZapierStateServer(options);
    await state.listen();
    return state;
  }

  /** The RPC endpoint, as core expects it in `event.rpc_base`. */
  get url(): string {
    return `${this.baseUrl}/rpc`;
  }

  /** A step token for this identity (what Zapier puts in `event.token`). */
  tokenFor(identity: StepIdentity): string {
    const token = `zst_${randomBytes(12).toString('hex')}`;
    this.identities.set(token, { ...identity });
    return token;
  }

  /** Every live cache entry, for assertions. */
  entries(): StateEntry[] {
    const now = this.now();
    const out: StateEntry[] = [];
    for (const [scope, entries] of this.cache) {
      for (const [key, stored] of entries) {
        if (stored.expiresAt !== undefined && stored.expiresAt <= now) continue;
        out.push({ scope, key, value: JSON.parse(stored.json) as unknown, expiresAt: stored.expiresAt });
      }
    }
    return out;
  }

  /** Forgets every cache entry and cursor (tokens stay valid). */
  clear(): void {
    this.cache.clear();
    this.cursors.clear();
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    running.delete(this);
    // Never back to core's default endpoint (Zapier's log service on the internet): a step still running, or
    // one run later with a token, must log to this machine. Another running stand-in, else the log sink.
    const other = [...running].pop();
    process.env.LOGGING_ENDPOINT = other ? `${other.baseUrl}/logs` : await logSink();
    if (!server) return;
    // A log stream still open (a step ending as its rig closes) may finish: idle sockets now, the rest after 2 s.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const timer = setTimeout(() => server.closeAllConnections(), 2_000);
    await closed;
    clearTimeout(timer);
  }

  private async listen(): Promise<void> {
    const server = createServer((request, response) => {
      void this.handle(request, response);
    });
    // Core's HTTP client keeps sockets alive; a server that drops idle sockets sooner than the client stops
    // reusing them makes a log stream that starts on a closing socket fail with ECONNRESET.
    server.keepAliveTimeout = 120_000;
    server.headersTimeout = 125_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Core streams a step's logs to LOGGING_ENDPOINT whenever the step has a token (create-logger.js).
    process.env.LOGGING_ENDPOINT = `${this.baseUrl}/logs`;
    running.add(this);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request).catch(() => '');
    if (request.url?.startsWith('/logs')) {
      for (const line of body.split('\n')) if (line.trim()) this.logLines.push(line);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      return;
    }
    let parsed: RpcRequest;
    try {
      parsed = JSON.parse(body) as RpcRequest;
    } catch {
      response.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"invalid JSON"}');
      return;
    }
    const identity = this.identities.get(String(request.headers['x-token'] ?? ''));
    const reply = (payload: { result?: unknown; error?: string }, status = 200) =>
      response
        .writeHead(status, { 'content-type': 'application/json' })
        .end(JSON.stringify({ id: parsed.id, ...payload }));
    if (!identity) {
      reply({ error: 'Unknown or missing X-Token' }, 403);
      return;
    }
    const method = String(parsed.method);
    this.calls.push({ method, identity });
    try {
      const params = Array.isArray(parsed.params) ? (parsed.params as unknown[]) : [];
      reply({ result: this.call(method, params, identity, String(parsed.storeKey ?? '')) });
    } catch (error) {
      reply({ error: error instanceof Error ? error.message : String(error) });
    }
  }

  private call(method: string, params: unknown[], identity: StepIdentity, storeKey: string): unknown {
    const now = this.now();
    const live = (stored: Stored | undefined): Stored | undefined =>
      stored && (stored.expiresAt === undefined || stored.expiresAt > now) ? stored : undefined;
    switch (method) {
      case 'zcache_get': {
        const [key, scope] = params;
        return live(this.scope(scope, identity).get(String(key)))?.json ?? null;
      }
      case 'zcache_set': {
        const [key, json, ttl, scope, nx] = params;
        if (typeof json !== 'string') throw new Error('value must be JSON text');
        if (Buffer.byteLength(json) > this.maxValueBytes) {
          throw new Error(`value is larger than ${this.maxValueBytes} bytes`);
        }
        const entries = this.scope(scope, identity);
        if (nx === true && live(entries.get(String(key)))) return false;
        const ttlSeconds = typeof ttl === 'number' ? ttl : this.defaultTtlSeconds;
        entries.set(String(key), {
          json,
          expiresAt: ttlSeconds === undefined ? undefined : now + ttlSeconds * 1000,
        });
        return true;
      }
      case 'zcache_delete': {
        const [key, scope] = params;
        const entries = this.scope(scope, identity);
        const existed = live(entries.get(String(key))) !== undefined;
        entries.delete(String(key));
        return existed;
      }
      case 'get_cursor':
        return live(this.cursors.get(this.cursorKey(identity, storeKey)))?.json ?? null;
      case 'set_cursor': {
        const [cursor] = params;
        if (typeof cursor !== 'string') throw new Error('cursor value must be a string');
        this.cursors.set(this.cursorKey(identity, storeKey), {
          json: cursor,
          expiresAt: now + this.cursorTtlSeconds * 1000,
        });
        return null;
      }
      default:
        throw new Error(`Unexpected method '${method}'`);
    }
  }

  private scope(scope: unknown, identity: StepIdentity): Map<string, Stored> {
    const name = scopeName(scope, identity);
    let entries = this.cache.get(name);
    if (!entries) {
      entries = new Map();
      this.cache.set(name, entries);
    }
    return entries;
  }

  private cursorKey(identity: StepIdentity, storeKey: string): string {
    return `${identity.zapId ?? 'zap'}:${storeKey}`;
  }
}
