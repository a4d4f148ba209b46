/**
 * The relay's HTTP API on node:http (docs/RELAY_CONTRACT.md): routes, bodies read with a size limit, plain JSON
 * answers. A handler that throws (the store unreachable) answers 503, never crashes the process.
 */
import http from 'node:http';
import type { RelayConfig } from './config';
import { handleWebhook, type Answer, type IngestDeps } from './ingest';
import type { Metrics } from './metrics';
import type { Store } from './store/store';
import {
  MAX_SUBSCRIPTION_BODY,
  createSubscription,
  deleteSubscription,
  replay,
  type SignedRequest,
  type SubscriptionDeps,
} from './subscriptions';

export interface ServerDeps extends IngestDeps, SubscriptionDeps {
  config: RelayConfig;
  store: Store;
  metrics: Metrics;
}

class TooLarge extends Error {}

const readBody = (request: http.IncomingMessage, limit: number): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new TooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    request.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new TooLarge());
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    request.on('error', (error) => {
      if (!failed) reject(error);
    });
  });

const header = (request: http.IncomingMessage, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const send = (response: http.ServerResponse, answer: Answer, close = false): void => {
  const body = JSON.stringify(answer.body);
  response.writeHead(answer.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    ...(close ? { connection: 'close' } : {}),
  });
  response.end(body);
};

export const createServer = (deps: ServerDeps): http.Server => {
  const handle = async (request: http.IncomingMessage, response: http.ServerResponse): Promise<void> => {
    const url = request.url ?? '/';
    const path = url.split('?')[0];
    const method = request.method ?? 'GET';
    const started = Date.now();

    if (path === '/health' && method === 'GET') {
      try {
        await deps.store.ping();
        const depth = await deps.store.queueDepth();
        send(response, {
          status: 200,
          body: { status: 'ok', store: deps.store.kind, storeReachable: true, queue: depth },
        });
      } catch {
        send(response, {
          status: 503,
          body: { status: 'unavailable', store: deps.store.kind, storeReachable: false },
        });
      }
      return;
    }
    if (path === '/metrics' && method === 'GET') {
      const depth = await deps.store.queueDepth().catch(() => undefined);
      const text = deps.metrics.render(depth);
      response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      response.end(text);
      return;
    }

    const routes: { match: boolean; limit: number; run: (raw: Buffer) => Promise<Answer> }[] = [];
    const signed = (raw: Buffer): SignedRequest => ({
      method,
      path: url,
      raw,
      timestamp: header(request, 'x-relay-timestamp'),
      signature: header(request, 'x-relay-signature'),
      authorization: header(request, 'authorization'),
      now: Date.now(),
    });
    const subscriptionId = /^\/v1\/subscriptions\/([^/]+)$/.exec(path)?.[1];
    if (path === '/v1/highlevel/webhooks') {
      routes.push({
        match: method === 'POST',
        limit: deps.config.maxBodyBytes,
        run: async (raw) => {
          const answer = await handleWebhook(
            deps,
            raw,
            { ghl: header(request, 'x-ghl-signature'), wh: header(request, 'x-wh-signature') },
            started,
          );
          if (answer.status === 200) deps.metrics.ingest.observe((Date.now() - started) / 1000);
          return answer;
        },
      });
    } else if (path === '/v1/subscriptions') {
      routes.push({
        match: method === 'POST',
        limit: MAX_SUBSCRIPTION_BODY,
        run: (raw) => createSubscription(deps, signed(raw)),
      });
    } else if (subscriptionId) {
      routes.push({
        match: method === 'DELETE',
        limit: MAX_SUBSCRIPTION_BODY,
        run: (raw) => deleteSubscription(deps, signed(raw), decodeURIComponent(subscriptionId)),
      });
    } else if (path === '/v1/admin/replay') {
      routes.push({
        match: method === 'POST',
        limit: MAX_SUBSCRIPTION_BODY,
        run: (raw) => replay(deps, signed(raw)),
      });
    }
    const route = routes[0];
    if (!route) {
      send(response, { status: 404, body: { error: 'Not found.' } });
      return;
    }
    if (!route.match) {
      send(response, { status: 405, body: { error: `${method} is not allowed here.` } });
      return;
    }
    let raw: Buffer;
    try {
      raw = await readBody(request, route.limit);
    } catch (error) {
      if (error instanceof TooLarge) {
        if (path === '/v1/highlevel/webhooks') deps.metrics.reject('too_large');
        send(
          response,
          { status: 413, body: { error: `The request body is over ${route.limit} bytes.` } },
          true,
        );
        response.on('finish', () => request.destroy());
      } else {
        request.destroy();
      }
      return;
    }
    let answer: Answer;
    try {
      answer = await route.run(raw);
    } catch (error) {
      deps.log.error('request failed', { path, error: (error as Error).message.slice(0, 200) });
      answer = { status: 503, body: { error: 'The relay could not store the request; try again.' } };
    }
    send(response, answer);
  };

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      deps.log.error('unhandled request error', { error: (error as Error).message.slice(0, 200) });
      if (!response.headersSent) send(response, { status: 500, body: { error: 'Internal error.' } });
      else response.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  return server;
};
