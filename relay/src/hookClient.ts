/**
 * One POST to a Zap's hook URL over node:http / node:https with keep-alive agents (one connection pool per
 * origin, up to the dispatcher's concurrency: every Zap's hook shares Zapier's one hooks host). Cheaper per
 * request than `fetch`, which builds Request, Headers, Response and an AbortSignal for each. Redirects are never
 * followed; the response body is discarded; the timeout covers connecting up to the response's headers.
 */
import http from 'node:http';
import https from 'node:https';

export interface HookAnswer {
  status: number;
  retryAfter: string | null;
}

/** Why a POST got no answer: `timeout`, or the socket's error code (ECONNREFUSED, ECONNRESET …). */
export class HookFailure extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export interface HookClient {
  post(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<HookAnswer>;
  close(): void;
}

export const createHookClient = (maxSockets: number): HookClient => {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets }),
    'https:': new https.Agent({ keepAlive: true, maxSockets }),
  };
  return {
    post: (url, headers, body, timeoutMs) =>
      new Promise<HookAnswer>((resolve, reject) => {
        let target: URL;
        try {
          target = new URL(url);
        } catch {
          reject(new HookFailure('invalid URL'));
          return;
        }
        const protocol = target.protocol;
        if (protocol !== 'http:' && protocol !== 'https:') {
          reject(new HookFailure('unsupported protocol'));
          return;
        }
        const send = protocol === 'https:' ? https.request : http.request;
        const payload = Buffer.from(body, 'utf8');
        let settled = false;
        const request = send(
          target,
          {
            method: 'POST',
            agent: agents[protocol],
            headers: { ...headers, 'content-length': String(payload.length) },
          },
          (response) => {
            settled = true;
            clearTimeout(timer);
            // Read to the end so that the connection goes back to the pool.
            response.resume();
            response.on('error', () => undefined);
            const retryAfter = response.headers['retry-after'];
            resolve({
              status: response.statusCode ?? 0,
              retryAfter: typeof retryAfter === 'string' ? retryAfter : null,
            });
          },
        );
        const timer = setTimeout(() => {
          if (settled) return;
          settled = true;
          request.destroy();
          reject(new HookFailure('timeout'));
        }, timeoutMs);
        request.on('error', (error: NodeJS.ErrnoException) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          reject(new HookFailure(error.code ?? error.name));
        });
        request.end(payload);
      }),
    close: () => {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
};
