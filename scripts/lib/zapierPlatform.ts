/**
 * A local stand-in for Zapier's RPC service, so that zapier-platform-core's real `z.cache` and `z.cursor` code
 * paths run (src/tools/create-rpc-client.js: POST {id, storeKey, method, params} with an X-Token header;
 * create-cache.js: values travel as JSON text). TTLs, scopes and `nx` are honoured, on an injectable clock:
 * - scope `['auth']`: per connection; `['user']`: per Zapier user; both: per connection and user; none: the app;
 * - `ttl` in whole seconds (none: kept until deleted); `nx: true` sets only when absent and answers false if not;
 * - `z.cursor` is kept per step (the token's zap id) and `storeKey`.
 * It also accepts core's log stream (POST /logs), so a step with a token never reaches Zapier's log server.
 * The token encodes the step's identity (connection, user, zap); it is not a secret.
 *
 * Placeholder written against the lead's documented API (coordination.md); main's version wins on merge.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StepIdentity {
  connectionId: string;
  userId?: string;
  zapId?: string;
}

interface Entry {
  value: string;
  expiresAt?: number;
}

const scopeKey = (identity: StepIdentity, scope: unknown): string => {
  const parts = Array.isArray(scope) ? [...new Set(scope.map(String))].sort() : [];
  const auth = parts.includes('auth') ? `auth=${identity.connectionId}` : '';
  const user = parts.includes('user') ? `user=${identity.userId ?? 'user'}` : '';
  return [auth, user].filter(Boolean).join('&') || 'app';
};

export class ZapierStateServer {
  private readonly store = new Map<string, Map<string, Entry>>();
  private readonly cursors = new Map<string, string>();
  private server!: http.Server;
  url = '';

  private constructor(private readonly now: () => number) {}

  static async start(options: { now?: () => number } = {}): Promise<ZapierStateServer> {
    const instance = new ZapierStateServer(options.now ?? (() => Date.now()));
    instance.server = http.createServer((request, response) => instance.handle(request, response));
    await new Promise<void>((resolve) => instance.server.listen(0, '127.0.0.1', resolve));
    const { port } = instance.server.address() as AddressInfo;
    instance.url = `http://127.0.0.1:${port}`;
    return instance;
  }

  tokenFor(identity: StepIdentity): string {
    return Buffer.from(JSON.stringify(identity)).toString('base64url');
  }

  /** Every live entry (for assertions), with its scope key. */
  entries(): Array<{ scope: string; key: string; value: unknown; expiresAt?: number }> {
    const out: Array<{ scope: string; key: string; value: unknown; expiresAt?: number }> = [];
    for (const [scope, map] of this.store) {
      for (const [key, entry] of map) {
        if (entry.expiresAt !== undefined && entry.expiresAt <= this.now()) continue;
        out.push({
          scope,
          key,
          value: JSON.parse(entry.value),
          ...(entry.expiresAt ? { expiresAt: entry.expiresAt } : {}),
        });
      }
    }
    return out;
  }

  clear(): void {
    this.store.clear();
    this.cursors.clear();
  }

  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    await closed;
  }

  private live(scope: string, key: string): Entry | undefined {
    const entry = this.store.get(scope)?.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= this.now()) {
      this.store.get(scope)?.delete(key);
      return undefined;
    }
    return entry;
  }

  private call(identity: StepIdentity, storeKey: unknown, method: string, params: unknown[]): unknown {
    switch (method) {
      case 'zcache_get': {
        const [key, scope] = params;
        return this.live(scopeKey(identity, scope), String(key))?.value ?? null;
      }
      case 'zcache_set': {
        const [key, value, ttl, scope, nx] = params;
        const scoped = scopeKey(identity, scope);
        if (nx === true && this.live(scoped, String(key))) return false;
        let map = this.store.get(scoped);
        if (!map) this.store.set(scoped, (map = new Map()));
        map.set(String(key), {
          value: String(value),
          ...(typeof ttl === 'number' ? { expiresAt: this.now() + ttl * 1000 } : {}),
        });
        return true;
      }
      case 'zcache_delete': {
        const [key, scope] = params;
        const scoped = scopeKey(identity, scope);
        const existed = this.live(scoped, String(key)) !== undefined;
        this.store.get(scoped)?.delete(String(key));
        return existed;
      }
      case 'get_cursor':
        return this.cursors.get(`${identity.zapId}\u0000${String(storeKey)}`) ?? null;
      case 'set_cursor':
        this.cursors.set(`${identity.zapId}\u0000${String(storeKey)}`, String(params[0]));
        return null;
      default:
        throw new Error(`Unexpected method '${method}'`);
    }
  }

  private handle(request: http.IncomingMessage, response: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url?.startsWith('/logs')) {
        response.writeHead(200).end();
        return;
      }
      let id: unknown = null;
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          id: unknown;
          storeKey: unknown;
          method: string;
          params: unknown[];
        };
        id = body.id;
        const token = String(request.headers['x-token'] ?? '');
        const identity = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as StepIdentity;
        const result = this.call(identity, body.storeKey, body.method, body.params ?? []);
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id, result }));
      } catch (error) {
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ id, error: error instanceof Error ? error.message : String(error) }));
      }
    });
  }
}
