/** A small keep-alive HTTP client for tests and the bench (node:http: less overhead per request than fetch). */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export type HttpResponse = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Request start → full answer read, in ms. */
  ms: number;
};

export function createAgent(maxSockets = 64): Agent {
  return new Agent({ keepAlive: true, maxSockets });
}

/** Sends one request; rejects on a network error (connection refused or reset: e.g. the relay was killed). */
export function send(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: Buffer | string;
    agent?: Agent;
    timeoutMs?: number;
  } = {},
): Promise<HttpResponse> {
  const started = performance.now();
  const body =
    options.body === undefined
      ? undefined
      : typeof options.body === 'string'
        ? Buffer.from(options.body)
        : options.body;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method ?? 'GET',
        headers: { ...(body ? { 'content-length': String(body.length) } : {}), ...options.headers },
        agent: options.agent,
        timeout: options.timeoutMs ?? 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timed out after ${options.timeoutMs ?? 30_000} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every `everyMs` until it returns true or `timeoutMs` passes; returns whether it became true. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  everyMs = 50,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(everyMs);
  }
}
