/**
 * A local HighLevel-compatible API server (DESIGN.md §4) for end-to-end tests, the demo and benchmarks.
 *
 * Request pipeline of an API route (one with `config.scope`):
 *   latency fault → Version header (400) → bearer token (401) → location active (400)
 *   → rate limit (headers on every response, 429) → forced status / malformed body / random 5xx faults
 *   → scope (401, HighLevel's message) → JSON-schema body/query validation (422) → handler (location scoping 403, not found, …).
 * The OAuth endpoints (`/v2/oauth/chooselocation`, `/oauth/token`) need no Version header or token.
 */
import type { AddressInfo } from 'node:net';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { type SandboxContext, type TaskOptions, newTraceId } from './context';
import {
  ApiError,
  MESSAGES,
  forbiddenScope,
  formatSchemaErrors,
  locationInactive,
  statusBody,
  unauthorized,
  type SchemaError,
} from './errors';
import { createRng, type Rng } from './random';
import { RateLimiter } from './rateLimit';
import { registerAutomationRoutes } from './routes/automation';
import { registerBulkRoutes } from './routes/bulk';
import { registerContactRoutes } from './routes/contacts';
import { registerLocationRoutes } from './routes/locations';
import { registerOAuthRoutes } from './routes/oauth';
import { registerTaskAndNoteRoutes } from './routes/tasksNotes';
import { attachJournal, type Journal } from './journal';
import { createWebhooks, type SandboxWebhooks, type WebhookRetryOptions } from './webhooks';
import { installFixture, seedContacts } from './seed';
import { DEMO_COMPANY_ID, DEMO_LOCATION_ID, DEMO_USER_ID, OTHER_LOCATION_ID, SandboxStore } from './store';
import { TokenService } from './tokens';
import { SCOPES } from '../lib/scopes';

export { SandboxStore } from './store';
export { DEMO_COMPANY_ID, DEMO_LOCATION_ID, DEMO_USER_ID, OTHER_LOCATION_ID } from './store';
export { CUSTOM_FIELD_IDS, DEMO_BUSINESS_IDS, DEMO_TAGS, DEMO_USER_IDS } from './seed';
export { DEMO_CAMPAIGN_IDS, DEMO_WORKFLOW_IDS, automationOf } from './automation';

export const API_VERSION = '2021-07-28';
export const SANDBOX_CLIENT_ID = 'sandbox-client-id';
export const SANDBOX_CLIENT_SECRET = 'sandbox-client-secret-not-for-production';

/** Options of `startSandbox`; every one is optional and the defaults suit a test. */
export interface SandboxOptions {
  /** Port on 127.0.0.1 (the sandbox never listens on other interfaces). Default 0: any free port. */
  port?: number;
  /** Lifetime of issued access tokens, in seconds. Default 86399 (HighLevel's, about a day). */
  accessTokenLifetimeSeconds?: number;
  /** Burst limit per sub-account. Default `{ max: 100, intervalMs: 10_000 }` (HighLevel's). */
  rateLimit?: { max: number; intervalMs: number };
  /** Requests per sub-account per day. Default 200000 (HighLevel's). */
  dailyLimit?: number;
  /** Generated contacts added to the fixed demo data at start (deterministic). Default 0. */
  seed?: number;
  /** The token endpoint issues Company tokens (userType Company, no locationId). Default false. */
  companyTokens?: boolean;
  /** Print one line per request to stdout. Default false. */
  logRequests?: boolean;
  /** Add `Retry-After` (seconds) to rate-limit 429s. HighLevel documents none, so off by default. */
  retryAfterOn429?: boolean;
  /** "Now" of the seeded history (epoch ms). Default: the start of the current UTC day. */
  seedAnchor?: number;
  /** Status for unknown contact / task / note ids. Default 400 (the spec's BadRequestDTO; no 404 is documented). */
  notFoundStatus?: 400 | 404;
  /**
   * Whether task bodies carry `dateAdded` / `dateUpdated`. HighLevel's TaskSchema (apps/contacts.json) documents
   * only `id, title, body, assignedTo, dueDate, completed, contactId`, so the default is `false`: exactly the
   * documented fields. `true` adds the two dates (ISO instants), for proving that triggers stay correct when a
   * server sends them (docs/TASK_TRIGGERS.md §2).
   */
  taskDates?: boolean;
  /**
   * Order of `POST /locations/:id/tasks/search`, which HighLevel does not document (docs/TASK_TRIGGERS.md §2).
   * - `'shuffled'` (default): every search that starts a listing (`skip` absent or 0) draws a new random order;
   *   its later pages (same filters, `skip` > 0) continue that order, since `skip` can only mean something if the
   *   pages of one listing share an order. A task created, completed or deleted between two pages shifts the
   *   rest by one, as it would in any database listing. Seeded, so a run is reproducible.
   * - `'newest'`: newest (`dateAdded`) first, what the sandbox answered before; kept for comparisons.
   */
  taskSearchOrder?: 'shuffled' | 'newest';
  /**
   * Where the sandbox's "now" comes from (epoch ms): record timestamps and the rate-limit windows. Default
   * `Date.now`. The truth simulator passes its simulated clock so that hours pass in seconds.
   */
  clock?: () => number;
  /**
   * Where the sandbox POSTs its webhooks (HighLevel's marketplace app webhooks: one URL for every event, as the
   * relay's ingest `…/v1/highlevel/webhooks`). Default unset: no webhook is sent. `Sandbox.webhooks.options.url`
   * changes it at run time. Payloads, signature and delivery: docs/SANDBOX.md §6.
   */
  webhookUrl?: string;
  /** Ed25519 private key (PKCS#8 PEM) that signs `X-GHL-Signature`. Default: a new key pair at every start. */
  webhookPrivateKey?: string;
  /** Share (0..1) of webhooks delivered twice, with the same webhookId. Default 0.01 (docs/SANDBOX.md §6.3). */
  webhookDuplicateRate?: number;
  /** Each delivery attempt waits a random 0..N ms, so close events may arrive out of order. Default 20. */
  webhookReorderMs?: number;
  /** Seed of the webhooks' jitter, reorder and duplicate draws and of their webhookIds. Default 0x600d. */
  webhookSeed?: number;
  /** An attempt without an answer after this many ms is retried. Default 10,000. */
  webhookTimeoutMs?: number;
  /** Retries: `maxRetries` (default 12), `baseDelayMs` (500, doubling), `maxDelayMs` (30,000); jittered. */
  webhookRetry?: Partial<WebhookRetryOptions>;
  /** TaskCreate carries `contactId` and `body` (HighLevel's issue #332 reports them missing). Default false. */
  webhookFullTaskCreate?: boolean;
  /** Webhook attempts in flight at once. Default 16. */
  webhookConcurrency?: number;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  ms: number;
}

export interface Faults {
  latencyMs?: number; // added to every API response
  errorRate?: number; // 0..1 share of API requests answered 5xx (500/502/503)
  forceStatus?: { status: number; count: number; retryAfterSeconds?: number; body?: unknown }; // next `count` API requests get this status
  malformedBody?: number; // next N API requests answer 200 with a non-JSON body
  /** Also apply latency / forceStatus / malformedBody / errorRate to POST /oauth/token. */
  oauth?: boolean;
}

export interface IssuedTokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  locationId: string;
  companyId: string;
  userId: string;
}

export interface Sandbox {
  url: string; // e.g. http://127.0.0.1:54321 (API base AND marketplace base)
  clientId: string;
  clientSecret: string;
  locationId: string;
  companyId: string;
  userId: string;
  /** A second sub-account of the same agency (for location-scoping tests). */
  otherLocationId: string;
  requestLog: RequestLogEntry[];
  clearLog(): void;
  seed(n: number): void; // deterministic
  setFaults(f: Faults): void;
  clearFaults(): void;
  setLocationActive(active: boolean): void;
  setCompanyTokens(on: boolean): void;
  setAccessTokenLifetime(seconds: number): void;
  expireAccessTokens(): void; // every issued access token now answers 401
  issueTokens(opts?: { scopes?: string[] }): IssuedTokens; // mint a Location token directly, default = all scopes
  resetRateLimit(): void;
  /** Changes the burst limit (and optionally the daily limit) at run time. */
  setRateLimit(limit: { max: number; intervalMs: number; daily?: number }): void;
  /** HighLevel's "Allow Duplicate Contact" setting of the demo location (default: not allowed, email then phone). */
  setDuplicateRule(allowDuplicates: boolean, priority?: Array<'email' | 'phone'>): void;
  store: SandboxStore; // direct typed access to data for assertions
  /** The task switches of SandboxOptions (`dates` = taskDates, `searchOrder` = taskSearchOrder); writable at run time. */
  taskOptions: TaskOptions;
  /**
   * The sandbox's record of what happened since it started (contacts created / updated with field changes /
   * deleted, tags added / removed, reassignments, tasks created / completed / reopened, notes created / edited,
   * appointments created), in order; seeding is not journaled (sandbox/journal.ts).
   */
  journal: Journal;
  /**
   * The sandbox's webhooks (sandbox/webhooks.ts, docs/SANDBOX.md §6): its public key (also at
   * `GET /sandbox/webhooks/public-key`), the switches (writable), every event and attempt, `idle()`.
   */
  webhooks: SandboxWebhooks;
  /** The fastify instance (e.g. for `app.inject`). */
  app: FastifyInstance;
  close(): Promise<void>;
}

const MAX_LOG_ENTRIES = 100_000;
const DAY_MS = 86_400_000;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const send = (reply: FastifyReply, status: number, body: unknown): FastifyReply => {
  if (typeof body === 'string') return reply.code(status).type('application/json; charset=utf-8').send(body);
  return reply.code(status).send(body);
};

/**
 * Starts a HighLevel-compatible API on 127.0.0.1, seeded with the fixed demo data (see `SandboxOptions`).
 * Rejects with the server's listen error when the port cannot be used (`code: 'EADDRINUSE'` when it is busy),
 * after freeing what it had built. Call `close()` when done.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const store = new SandboxStore();
  const clock = options.clock ?? (() => Date.now());
  store.clock = clock;
  const seedAnchor = options.seedAnchor ?? Math.floor(clock() / DAY_MS) * DAY_MS;
  installFixture(store, seedAnchor);
  const journal = attachJournal(store, () => store.now());
  const webhooks = createWebhooks({
    store,
    ...(options.webhookPrivateKey !== undefined ? { privateKey: options.webhookPrivateKey } : {}),
    ...(options.webhookSeed !== undefined ? { seed: options.webhookSeed } : {}),
    options: {
      url: options.webhookUrl,
      ...(options.webhookDuplicateRate !== undefined ? { duplicateRate: options.webhookDuplicateRate } : {}),
      ...(options.webhookReorderMs !== undefined ? { reorderMs: options.webhookReorderMs } : {}),
      ...(options.webhookTimeoutMs !== undefined ? { timeoutMs: options.webhookTimeoutMs } : {}),
      ...(options.webhookFullTaskCreate !== undefined
        ? { fullTaskCreate: options.webhookFullTaskCreate }
        : {}),
      ...(options.webhookConcurrency !== undefined ? { concurrency: options.webhookConcurrency } : {}),
      ...(options.webhookRetry !== undefined ? { retry: options.webhookRetry } : {}),
    },
  });
  journal.subscribe(webhooks.onJournal);

  const tokens = new TokenService(options.accessTokenLifetimeSeconds ?? 86_399, () => [
    DEMO_LOCATION_ID,
    OTHER_LOCATION_ID,
  ]);
  const ctx: SandboxContext = {
    store,
    tokens,
    clientId: SANDBOX_CLIENT_ID,
    clientSecret: SANDBOX_CLIENT_SECRET,
    state: { companyTokens: options.companyTokens ?? false },
    onInstall: webhooks.sendInstall,
    notFoundStatus: options.notFoundStatus ?? 400,
    tasks: {
      options: { dates: options.taskDates ?? false, searchOrder: options.taskSearchOrder ?? 'shuffled' },
      orderRng: createRng(0x7a5c),
      orders: new Map(),
    },
  };
  const limiter = new RateLimiter(
    options.rateLimit?.max ?? 100,
    options.rateLimit?.intervalMs ?? 10_000,
    options.dailyLimit ?? 200_000,
  );
  let faults: Faults = {};
  let faultRng: Rng = createRng(7);
  const requestLog: RequestLogEntry[] = [];

  const app = Fastify({
    logger: false,
    routerOptions: { ignoreTrailingSlash: true },
    ajv: {
      customOptions: {
        allErrors: true,
        removeAdditional: false,
        coerceTypes: false,
        useDefaults: false,
        allowUnionTypes: true,
      },
    },
  });

  // JSON bodies: fastify's own parser, but an empty body (e.g. a DELETE sent with a JSON content type)
  // is "no body" rather than an error, as in HighLevel's Express stack.
  const jsonParser = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = String(body);
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    jsonParser(request, text, done);
  });
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );

  const applyFaults = (reply: FastifyReply): FastifyReply | undefined => {
    const forced = faults.forceStatus;
    if (forced && forced.count > 0) {
      forced.count -= 1;
      if (forced.retryAfterSeconds !== undefined)
        reply.header('Retry-After', String(forced.retryAfterSeconds));
      return send(reply, forced.status, forced.body ?? statusBody(forced.status));
    }
    if (faults.malformedBody && faults.malformedBody > 0) {
      faults.malformedBody -= 1;
      return reply.code(200).type('application/json; charset=utf-8').send('{"contacts":[{"id":"trunc');
    }
    if (faults.errorRate && faultRng() < faults.errorRate) {
      const status = [500, 502, 503][Math.floor(faultRng() * 3)];
      return send(reply, status, statusBody(status));
    }
    return undefined;
  };

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const config = request.routeOptions.config ?? {};
    const scope = config.scope;
    const faultsApply = scope !== undefined || (config.oauth === true && faults.oauth === true);
    if (!faultsApply) return;
    if (faults.latencyMs && faults.latencyMs > 0) await sleep(faults.latencyMs);
    if (scope !== undefined) {
      const version = request.headers.version;
      if (version === undefined)
        return send(reply, 400, { statusCode: 400, message: MESSAGES.versionMissing });
      if (version !== API_VERSION)
        return send(reply, 400, { statusCode: 400, message: MESSAGES.versionInvalid });
      const header = request.headers.authorization ?? '';
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      const record = match ? tokens.lookupAccessToken(match[1]) : undefined;
      if (!record) {
        const error = unauthorized();
        return send(reply, error.statusCode, error.body);
      }
      request.auth = record;
      const resourceId = record.locationId ?? record.companyId;
      if (record.locationId && store.location(record.locationId)?.active === false) {
        const error = locationInactive();
        return send(reply, error.statusCode, error.body);
      }
      const decision = limiter.hit(`${ctx.clientId}:${resourceId}`, clock());
      reply.headers(decision.headers);
      if (!decision.allowed) {
        if (options.retryAfterOn429) reply.header('Retry-After', String(decision.retryAfterSeconds));
        return send(reply, 429, { statusCode: 429, message: MESSAGES.tooManyRequests });
      }
    }
    const faulted = applyFaults(reply);
    if (faulted) return faulted;
    if (scope !== undefined && !request.auth?.scopes.includes(scope)) {
      const error = forbiddenScope();
      return send(reply, error.statusCode, error.body);
    }
    return undefined;
  });

  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const entry: RequestLogEntry = {
      method: request.method,
      path: request.url.split('?')[0],
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 100) / 100,
    };
    if (requestLog.length >= MAX_LOG_ENTRIES) requestLog.splice(0, MAX_LOG_ENTRIES / 2);
    requestLog.push(entry);
    if (options.logRequests) {
      console.log(
        `${new Date().toISOString()} ${entry.method} ${entry.path} → ${entry.status} (${entry.ms} ms)`,
      );
    }
  });

  app.setErrorHandler((error: FastifyError | ApiError, request: FastifyRequest, reply: FastifyReply) => {
    const isApi = request.routeOptions.config?.scope !== undefined;
    const trace = (body: Record<string, unknown>): Record<string, unknown> =>
      isApi && (body.statusCode === 400 || body.statusCode === 422)
        ? { ...body, traceId: newTraceId() }
        : body;
    if (error instanceof ApiError) {
      reply.headers(error.headers);
      return reply.code(error.statusCode).send(trace(error.body));
    }
    if (error.validation) {
      const messages = formatSchemaErrors(error.validation as unknown as SchemaError[]);
      return reply
        .code(422)
        .send(trace({ statusCode: 422, message: messages, error: 'Unprocessable Entity' }));
    }
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) console.error('[sandbox] unexpected error', error);
    const body =
      status === 500
        ? statusBody(500)
        : { statusCode: status, message: error.message, error: statusBody(status).message };
    return reply.code(status).send(trace(body));
  });

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) =>
    reply.code(404).send({
      statusCode: 404,
      message: `Cannot ${request.method} ${request.url.split('?')[0]}`,
      error: 'Not Found',
    }),
  );

  registerOAuthRoutes(app, ctx);
  registerContactRoutes(app, ctx);
  registerTaskAndNoteRoutes(app, ctx);
  registerLocationRoutes(app, ctx);
  registerAutomationRoutes(app, ctx);
  registerBulkRoutes(app, ctx);
  // The key that verifies the webhooks' X-GHL-Signature (HighLevel publishes its own in its webhook guide).
  app.get('/sandbox/webhooks/public-key', async (_request, reply) =>
    reply.send({ algorithm: 'Ed25519', header: 'X-GHL-Signature', publicKey: webhooks.publicKey }),
  );

  // Seed before listening, with a fixed id sequence so every sandbox holds the same data.
  store.reseedIds(0x1d5eed);
  if (options.seed && options.seed > 0) seedContacts(store, options.seed, seedAnchor);

  try {
    await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  } catch (error) {
    // A busy port (code EADDRINUSE) or a refused one: free what was built, and let the caller word it.
    await app.close();
    throw error;
  }
  const address = app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${address.port}`;

  const sandbox: Sandbox = {
    url,
    clientId: SANDBOX_CLIENT_ID,
    clientSecret: SANDBOX_CLIENT_SECRET,
    locationId: DEMO_LOCATION_ID,
    companyId: DEMO_COMPANY_ID,
    userId: DEMO_USER_ID,
    otherLocationId: OTHER_LOCATION_ID,
    requestLog,
    clearLog: () => {
      requestLog.length = 0;
    },
    seed: (n: number) => seedContacts(store, n, seedAnchor),
    setFaults: (f: Faults) => {
      faults = { ...f, ...(f.forceStatus ? { forceStatus: { ...f.forceStatus } } : {}) };
      faultRng = createRng(7);
    },
    clearFaults: () => {
      faults = {};
    },
    setLocationActive: (active: boolean) => store.setLocationActive(DEMO_LOCATION_ID, active),
    setCompanyTokens: (on: boolean) => {
      ctx.state.companyTokens = on;
    },
    setAccessTokenLifetime: (seconds: number) => {
      tokens.accessTokenLifetimeSeconds = seconds;
    },
    expireAccessTokens: () => tokens.expireAccessTokens(),
    issueTokens: (opts: { scopes?: string[] } = {}) => {
      const response = tokens.mint({
        userType: 'Location',
        locationId: DEMO_LOCATION_ID,
        companyId: DEMO_COMPANY_ID,
        userId: DEMO_USER_ID,
        scopes: opts.scopes ?? [...SCOPES],
      });
      return {
        access_token: response.access_token,
        refresh_token: response.refresh_token,
        expires_in: response.expires_in,
        locationId: DEMO_LOCATION_ID,
        companyId: DEMO_COMPANY_ID,
        userId: DEMO_USER_ID,
      };
    },
    resetRateLimit: () => limiter.reset(),
    setRateLimit: (limit: { max: number; intervalMs: number; daily?: number }) => {
      limiter.max = limit.max;
      limiter.intervalMs = limit.intervalMs;
      if (limit.daily !== undefined) limiter.dailyLimit = limit.daily;
      limiter.reset();
    },
    setDuplicateRule: (allowDuplicates: boolean, priority?: Array<'email' | 'phone'>) =>
      store.setDuplicateRule(DEMO_LOCATION_ID, allowDuplicates, priority),
    store,
    taskOptions: ctx.tasks.options,
    journal,
    webhooks: {
      publicKey: webhooks.publicKey,
      appId: webhooks.appId,
      versionId: webhooks.versionId,
      options: webhooks.options,
      events: webhooks.events,
      attempts: webhooks.attempts,
      failed: webhooks.failed,
      pending: webhooks.pending,
      idle: webhooks.idle,
      send: webhooks.send,
      clear: webhooks.clear,
      close: webhooks.close,
    },
    app,
    close: async () => {
      webhooks.close();
      await app.close();
    },
  };
  return sandbox;
}
