/**
 * What the relay's own tests share: generated HighLevel-like keys and a webhook signer, a config with a shrunk
 * retry schedule, a scripted fake hook receiver and a fake HighLevel `GET /locations/:id`, both on 127.0.0.1.
 */
import { generateKeyPairSync, sign, createSign, randomUUID } from 'node:crypto';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signRequest } from '../../src/appAuth';
import type { RelayConfig } from '../../src/config';
import { silentLogger } from '../../src/log';
import { startRelay, type RunningRelay } from '../../src/relay';

export const SECRET = 'test-secret-0123456789-abcdefghijklmnop';

export const ed25519 = generateKeyPairSync('ed25519', {
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
export const rsa = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

export const signEd25519 = (raw: string, key = ed25519.privateKey): string =>
  sign(null, Buffer.from(raw), key).toString('base64');
export const signRsa = (raw: string, key = rsa.privateKey): string =>
  createSign('SHA256').update(raw).sign(key, 'base64');

export const listen = async (server: http.Server): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

export const closeServer = (server: http.Server): Promise<void> =>
  new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

export interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
  at: number;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  delayMs?: number;
}

/** A fake Zapier hook host: every request is recorded, then answered by `script` (200 by default). */
export class HookReceiver {
  readonly received: Received[] = [];
  private readonly perPath = new Map<string, number>();
  script: (request: Received, nth: number) => Reply = () => ({ status: 200 });
  private readonly server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry: Received = {
        path: request.url ?? '',
        headers: request.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>,
        at: Date.now(),
      };
      this.received.push(entry);
      // A count per path, not a scan of everything received: the bench sends tens of thousands.
      const nth = (this.perPath.get(entry.path) ?? 0) + 1;
      this.perPath.set(entry.path, nth);
      const reply = this.script(entry, nth);
      const answer = () => {
        if (response.destroyed) return;
        response.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
        response.end('{"status":"ok"}');
      };
      if (reply.delayMs) setTimeout(answer, reply.delayMs);
      else answer();
    });
  });
  url = '';

  async start(): Promise<this> {
    this.url = await listen(this.server);
    return this;
  }

  to(pathname: string): Received[] {
    return this.received.filter((r) => r.path === pathname);
  }

  close(): Promise<void> {
    return closeServer(this.server);
  }
}

/** A fake HighLevel answering `GET /locations/:id` for the tokens it knows (token → the one location it reads). */
export class FakeHighLevel {
  readonly tokens = new Map<string, string>();
  requests: http.IncomingHttpHeaders[] = [];
  down = false;
  private readonly server = http.createServer((request, response) => {
    this.requests.push(request.headers);
    const id = /^\/locations\/([^/?]+)/.exec(request.url ?? '')?.[1];
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (this.down) {
      response.writeHead(503).end('{}');
      return;
    }
    if (!id || !token || !this.tokens.has(token)) {
      response.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"Invalid JWT"}');
      return;
    }
    if (this.tokens.get(token) !== id) {
      response
        .writeHead(403, { 'content-type': 'application/json' })
        .end('{"message":"The token does not have access to this location."}');
      return;
    }
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ location: { id, name: 'x' } }));
  });
  url = '';

  async start(): Promise<this> {
    this.url = await listen(this.server);
    return this;
  }

  close(): Promise<void> {
    return closeServer(this.server);
  }
}

export const tempDir = (): { dir: string; remove: () => void } => {
  const dir = mkdtempSync(path.join(tmpdir(), 'relay-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
};

export const testConfig = (
  overrides: Partial<RelayConfig> & Pick<RelayConfig, 'database' | 'highlevelApiUrl'>,
): RelayConfig => ({
  port: 0,
  host: '127.0.0.1',
  secret: SECRET,
  highlevelPublicKey: ed25519.publicKey,
  legacyRsa: false,
  highlevelRsaPublicKey: undefined,
  allowTargetHosts: ['hooks.zapier.com'],
  allowLoopbackTargets: true,
  retentionDays: 7,
  contactStateDays: 90,
  retrySchedule: [50, 50, 50],
  deliveryTimeoutMs: 1000,
  maxBodyBytes: 64 * 1024,
  concurrency: 16,
  perTargetConcurrency: 4,
  ...overrides,
});

export const start = (config: RelayConfig): Promise<RunningRelay> => startRelay(config, silentLogger);

export const webhook = async (
  relayUrl: string,
  body: Record<string, unknown> | string,
  headers?: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> => {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await fetch(`${relayUrl}/v1/highlevel/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(headers ?? { 'x-ghl-signature': signEd25519(raw) }) },
    body: raw,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

export const appCall = async (
  relayUrl: string,
  method: 'POST' | 'DELETE',
  pathname: string,
  body: Record<string, unknown> | undefined,
  options: { token?: string; timestamp?: number; secret?: string; signature?: string } = {},
): Promise<{ status: number; body: Record<string, unknown>; signature: string; timestamp: number }> => {
  const raw = body === undefined ? '' : JSON.stringify(body);
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature =
    options.signature ?? signRequest(options.secret ?? SECRET, timestamp, method, pathname, raw);
  const headers: Record<string, string> = {
    'x-relay-timestamp': String(timestamp),
    'x-relay-signature': signature,
  };
  if (raw) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(`${relayUrl}${pathname}`, { method, headers, body: raw || undefined });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    signature,
    timestamp,
  };
};

export const waitFor = async (
  check: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
  what = 'condition',
) => {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const LOCATION = 've9EPM428h8vShlRW1KT';
export const OTHER_LOCATION = 'otherLocation0000001';

/**
 * HighLevel's `timestamp` of every event below unless given: one minute before this module was loaded, one value
 * for the run (equal timestamps keep their arrival order, docs/RELAY_CONTRACT.md §5), recent enough for the relay's age check.
 */
export const EVENT_TIME = new Date(Date.now() - 60_000).toISOString();

export const contactEvent = (
  type: string,
  fields: Record<string, unknown> = {},
): Record<string, unknown> => ({
  type,
  locationId: LOCATION,
  id: 'nmFmQEsNgz6AVpgLVUJ0',
  email: 'john@example.com',
  firstName: 'John',
  tags: [],
  timestamp: EVENT_TIME,
  webhookId: randomUUID(),
  ...fields,
});
