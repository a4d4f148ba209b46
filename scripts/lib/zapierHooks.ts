/**
 * An emulated Zapier REST-hook side (docs/HOOKS.md §1–§2): what Zapier does for an instant trigger, on loopback.
 *
 * - **Turning a Zap on** hands out a hook URL (`http://127.0.0.1:PORT/hooks/standard/<zap>/<n>/`) and runs the
 *   trigger's `performSubscribe` through the real runtime (scripts/lib/runtime.ts) with `bundle.targetUrl`; its
 *   result is kept as the Zap's `bundle.subscribeData`.
 * - **Each POST to a hook URL** is answered 200 at once (Zapier queues a hook before it runs the Zap), then runs
 *   the trigger's `perform` with `bundle.cleanedRequest` (the parsed JSON body) and `bundle.rawRequest`
 *   (`method`, `querystring`, `headers` as Zapier shows them, `Http-` prefixed, and the raw `content`). Every item
 *   `perform` returns is a fire, recorded with the time the POST arrived and the time `perform` returned.
 *   Zapier does not de-duplicate instant triggers, so neither does this: an item returned twice fires twice.
 * - **Turning a Zap off** runs `performUnsubscribe` with `bundle.subscribeData`; from then on its hook URL
 *   answers **410 Gone** (Zapier's documented answer to a sender that keeps posting to an unsubscribed hook),
 *   as does any hook URL it never handed out.
 *
 * A step that fails with `RefreshAuthError` is retried once after the runtime refreshes the connection, as Zapier
 * does. Nothing here logs a token or a body.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Bundle } from 'zapier-platform-core';
import { describeError, isRefreshAuthError, type Runtime } from './runtime';
import { readBody } from './zapierPlatform';

/** What a turned-on Zap's trigger step is. */
export interface HookZapSpec {
  /** The trigger's key, e.g. `new_contact_instant`. */
  trigger: string;
  /** The trigger's input (its filters). */
  inputData?: Record<string, unknown>;
  /** The connection the Zap runs with. Default: the runtime given to `EmulatedZapier.start`. */
  runtime?: Runtime;
  /** Shown in logs and `bundle.meta.zap.id`. Default `zap-<n>`. */
  zapId?: string;
}

/** One item a Zap's trigger fired with. */
export interface HookFire {
  zapId: string;
  trigger: string;
  /** The item `perform` returned. */
  item: Record<string, unknown>;
  /** Its `id` as text (the fire's identity). */
  id: string;
  /** Real epoch ms when the POST reached the hook URL. */
  receivedAt: number;
  /** Real epoch ms when `perform` returned. */
  firedAt: number;
  /** The sender's request headers, lower-case (e.g. `x-relay-delivery-id`). */
  headers: Record<string, string>;
}

/** One POST to a hook URL and what it was answered. */
export interface HookRequest {
  zapId: string | undefined;
  path: string;
  status: number;
  receivedAt: number;
  /** Items `perform` returned (absent when it was not run: 410, fault, or still running). */
  items?: number;
  /** `perform`'s error, in one line (Zapier shows it in the Zap's history; the sender still got 200). */
  error?: string;
}

export interface HookZap {
  readonly id: string;
  readonly trigger: string;
  readonly targetUrl: string;
  readonly inputData: Record<string, unknown>;
  /** What `performSubscribe` returned. */
  readonly subscribeData: Record<string, unknown>;
  readonly on: boolean;
  /** The fires of this Zap, in the order `perform` returned them. */
  fires(): HookFire[];
}

interface ZapState {
  id: string;
  trigger: string;
  targetUrl: string;
  path: string;
  inputData: Record<string, unknown>;
  runtime: Runtime;
  subscribeData: Record<string, unknown>;
  on: boolean;
}

export interface EmulatedZapierOptions {
  /** The default connection of the Zaps. */
  runtime: Runtime;
  /** Port on 127.0.0.1. Default 0: any free port. */
  port?: number;
  /**
   * Performs run at once at most; later hooks wait their turn (already answered 200, as Zapier queues them).
   * Zapier runs each in a container of its own, but here they share one process and one state stand-in, whose
   * log endpoint a few thousand concurrent runs (an import) would flood. Default 16.
   */
  maxConcurrentPerforms?: number;
}

/** `x-relay-delivery-id` → `Http-X-Relay-Delivery-Id`: how Zapier shows a hook's headers in `bundle.rawRequest`. */
const zapierHeaderName = (name: string): string =>
  `Http-${name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase())
    .join('-')}`;

const headerRecord = (request: IncomingMessage): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `bundle.cleanedRequest` of a hook: the parsed JSON body (an object or a list), else the query and the text. */
const cleanedRequestOf = (raw: string, query: URLSearchParams): unknown => {
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (isRecord(parsed) || Array.isArray(parsed)) return parsed;
  } catch {
    // not JSON: Zapier hands the query string and the text over
  }
  return { ...Object.fromEntries(query), ...(raw ? { content: raw } : {}) };
};

export class EmulatedZapier {
  readonly fires: HookFire[] = [];
  readonly requests: HookRequest[] = [];
  private readonly zaps = new Map<string, ZapState>();
  private readonly byPath = new Map<string, ZapState>();
  private readonly running = new Set<Promise<void>>();
  private counter = 0;
  /** The next `count` hook POSTs are answered `status` without running `perform` (e.g. a Zapier outage). */
  private fault: { status: number; count: number } | undefined;

  /** Performs running now, and those waiting for a turn (first come, first served). */
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly runtime: Runtime,
    private readonly maxConcurrentPerforms: number,
  ) {}

  /** Resolves when a perform may start (maxConcurrentPerforms). */
  private slot(): Promise<void> {
    if (this.active < this.maxConcurrentPerforms) {
      this.active += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** A perform ended: the next waiting one takes its turn. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active -= 1;
  }

  static async start(options: EmulatedZapierOptions): Promise<EmulatedZapier> {
    const ref: { self?: EmulatedZapier } = {};
    const server = createServer((request, response) => {
      const self = ref.self;
      if (!self) {
        response.writeHead(503).end();
        return;
      }
      self.handle(request, response).catch(() => {
        if (!response.headersSent) response.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    ref.self = new EmulatedZapier(server, url, options.runtime, options.maxConcurrentPerforms ?? 16);
    return ref.self;
  }

  /** Turns a Zap on: a new hook URL, then `performSubscribe` with it as `bundle.targetUrl`. */
  async turnOn(spec: HookZapSpec): Promise<HookZap> {
    this.counter += 1;
    const id = spec.zapId ?? `zap-${this.counter}`;
    const path = `/hooks/standard/${this.counter}/${randomBytes(8).toString('hex')}/`;
    const state: ZapState = {
      id,
      trigger: spec.trigger,
      targetUrl: `${this.url}${path}`,
      path,
      inputData: { ...spec.inputData },
      runtime: spec.runtime ?? this.runtime,
      subscribeData: {},
      on: false,
    };
    const result = await this.step(state, 'performSubscribe', {});
    if (!isRecord(result)) throw new Error(`${spec.trigger}.performSubscribe returned no object.`);
    state.subscribeData = result;
    state.on = true;
    this.zaps.set(id, state);
    this.byPath.set(path, state);
    return this.view(state);
  }

  /**
   * Turns a Zap off: its hook URL answers 410 from now on, then `performUnsubscribe` runs with its subscribeData.
   * `unsubscribe: false` skips `performUnsubscribe` (one that failed or never ran): the sender then learns it
   * from the 410 alone.
   */
  async turnOff(zap: HookZap | string, options: { unsubscribe?: boolean } = {}): Promise<unknown> {
    const state = this.zaps.get(typeof zap === 'string' ? zap : zap.id);
    if (!state) throw new Error(`No Zap ${typeof zap === 'string' ? zap : zap.id} was turned on here.`);
    if (!state.on) return undefined;
    state.on = false;
    if (options.unsubscribe === false) return undefined;
    return this.step(state, 'performUnsubscribe', {});
  }

  /** The next `count` hook POSTs get `status` (no `perform`): a hook host that is down or slow to accept. */
  failNext(count: number, status = 503): void {
    this.fault = { status, count };
  }

  /** Resolves once every `perform` started so far has returned. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** Waits (real time, polling every 5 ms) until `predicate` holds, or rejects after `timeoutMs`. */
  async waitFor(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for hook fires.`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  firesOf(zap: HookZap | string): HookFire[] {
    const id = typeof zap === 'string' ? zap : zap.id;
    return this.fires.filter((fire) => fire.zapId === id);
  }

  async close(): Promise<void> {
    await this.idle();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private view(state: ZapState): HookZap {
    return {
      id: state.id,
      trigger: state.trigger,
      targetUrl: state.targetUrl,
      inputData: { ...state.inputData },
      subscribeData: { ...state.subscribeData },
      get on() {
        return state.on;
      },
      fires: () => this.firesOf(state.id),
    };
  }

  /** One step of the Zap's trigger through the runtime, refreshing once on RefreshAuthError. */
  private async step(
    state: ZapState,
    method: 'performSubscribe' | 'performUnsubscribe' | 'perform',
    extra: Partial<Bundle>,
  ): Promise<unknown> {
    const path = `triggers.${state.trigger}.operation.${method}`;
    if (!state.runtime.has(path)) throw new Error(`The app defines no ${path}.`);
    const bundleFor = (): Bundle => ({
      ...state.runtime.bundle(state.inputData, {
        zap: { id: state.id, user: { timezone: 'America/New_York' } },
      } as Partial<Bundle['meta']>),
      targetUrl: state.targetUrl,
      subscribeData: state.subscribeData as Bundle['subscribeData'],
      ...extra,
    });
    try {
      return await state.runtime.call(path, bundleFor());
    } catch (error) {
      if (!isRefreshAuthError(error)) throw error;
      await state.runtime.refresh();
      return state.runtime.call(path, bundleFor());
    }
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const receivedAt = Date.now();
    const url = new URL(request.url ?? '/', this.url);
    const raw = await readBody(request);
    const state = this.byPath.get(url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`);
    const log: HookRequest = { zapId: state?.id, path: url.pathname, status: 200, receivedAt };
    this.requests.push(log);
    if (!state || !state.on || request.method !== 'POST') {
      log.status = !state || !state.on ? 410 : 405;
      response.writeHead(log.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: 'error', message: 'This hook is no longer active.' }));
      return;
    }
    if (this.fault && this.fault.count > 0) {
      this.fault.count -= 1;
      log.status = this.fault.status;
      response.writeHead(log.status).end();
      return;
    }
    const headers = headerRecord(request);
    const requestId = randomBytes(8).toString('hex');
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ status: 'success', id: requestId, request_id: requestId }));

    const rawRequest = {
      method: 'POST' as const,
      querystring: url.search.replace(/^\?/, ''),
      headers: Object.fromEntries(
        Object.entries(headers).map(([name, value]) => [zapierHeaderName(name), value]),
      ),
      content: raw,
    };
    const run = (async () => {
      await this.slot();
      try {
        const items = await this.step(state, 'perform', {
          cleanedRequest: cleanedRequestOf(raw, url.searchParams),
          rawRequest,
        } as Partial<Bundle>);
        if (!Array.isArray(items)) throw new Error(`${state.trigger}.perform returned no array.`);
        const firedAt = Date.now();
        log.items = items.length;
        for (const item of items) {
          if (!isRecord(item)) continue;
          this.fires.push({
            zapId: state.id,
            trigger: state.trigger,
            item,
            id: String(item.id),
            receivedAt,
            firedAt,
            headers,
          });
        }
      } catch (error) {
        log.error = describeError(error);
      } finally {
        this.release();
      }
    })();
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }
}
