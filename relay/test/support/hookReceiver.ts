/**
 * A scriptable stand-in for Zapier's hook URLs on 127.0.0.1. Each target is a path `/hooks/<name>`; every POST is
 * recorded with its `X-Relay-Delivery-Id`, `X-Relay-Attempt`, parsed body, when it arrived and was answered, and
 * which process sent it. A script per target decides the answer (default 200 at once): a status, a delay, headers
 * (e.g. `Retry-After`, or `Location` for a redirect).
 *
 * Which process sent a delivery: the relay may add an `X-Relay-Instance` header (recorded when present). Without it,
 * pass `identifyPids`: on each new connection the receiver finds, in /proc (Linux), which of those processes owns the
 * client end of the socket (its local port = our remote port), so deliveries of two relay processes are told apart
 * with no help from the relay.
 */
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

export type Hit = {
  target: string;
  path: string;
  deliveryId: string | undefined;
  attempt: number | undefined;
  instance: string | undefined;
  /** pid of the sending process, when `identifyPids` was given and it was found. */
  pid: number | undefined;
  remotePort: number;
  body: DeliveryBody | undefined;
  rawBody: string;
  /** performance.now() when the request's body had arrived. */
  receivedAt: number;
  /** performance.now() when our answer was written; undefined while the request is still open. */
  answeredAt: number | undefined;
  status: number | undefined;
};

/** The fields of docs/RELAY_CONTRACT.md §4's delivery body that tests look at. */
export type DeliveryBody = {
  id: string;
  eventId: string;
  subscriptionId: string;
  trigger: string;
  type: string;
  locationId: string;
  timestamp: string;
  receivedAt: string;
  event: Record<string, unknown>;
  change?: { tag?: string; addedTags?: string[]; removedTags?: string[]; changedFields?: string[] };
};

export type Answer = { status?: number; delayMs?: number; headers?: Record<string, string>; body?: string };
/** Decides the answer to the `nth` (1-based) request of a target. */
export type Script = (hit: Hit, nth: number) => Answer;

export type HookReceiver = {
  url: string;
  port: number;
  /** The URL a subscription should use for this target. */
  target(name: string): string;
  script(name: string, script: Script): void;
  hits: Hit[];
  hitsOf(name: string): Hit[];
  /** Requests that arrived and are not answered yet. */
  openCount(): number;
  close(): Promise<void>;
};

/** Answers the given statuses in turn, then the last one forever. */
export const statuses =
  (...sequence: number[]): Script =>
  (_hit, nth) => ({ status: sequence[Math.min(nth, sequence.length) - 1] });

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const hexPort = (port: number): string => port.toString(16).toUpperCase().padStart(4, '0');

/** The pid among `pids` holding the TCP socket whose local port is `localPort` and remote port `remotePort`. */
export function socketOwner(
  localPort: number,
  remotePort: number,
  pids: readonly number[],
): number | undefined {
  const wantLocal = `:${hexPort(localPort)}`;
  const wantRemote = `:${hexPort(remotePort)}`;
  let inode: string | undefined;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10) continue;
      if (fields[1].endsWith(wantLocal) && fields[2].endsWith(wantRemote)) {
        inode = fields[9];
        break;
      }
    }
    if (inode) break;
  }
  if (!inode || inode === '0') return undefined;
  const link = `socket:[${inode}]`;
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`) === link) return pid;
      } catch {
        // the fd closed meanwhile
      }
    }
  }
  return undefined;
}

export async function startHookReceiver(
  options: { identifyPids?: () => number[] } = {},
): Promise<HookReceiver> {
  const hits: Hit[] = [];
  const scripts = new Map<string, Script>();
  const counts = new Map<string, number>();
  const owners = new WeakMap<Socket, number | undefined>();
  let open = 0;
  let port = 0;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0];
      const target = /^\/hooks\/([^/]+)\/?$/.exec(path)?.[1] ?? path;
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let body: DeliveryBody | undefined;
      try {
        body = JSON.parse(rawBody) as DeliveryBody;
      } catch {
        body = undefined;
      }
      const attempt = header(req, 'x-relay-attempt');
      const hit: Hit = {
        target,
        path,
        deliveryId: header(req, 'x-relay-delivery-id'),
        attempt: attempt === undefined ? undefined : Number(attempt),
        instance: header(req, 'x-relay-instance'),
        pid: owners.get(req.socket),
        remotePort: req.socket.remotePort ?? 0,
        body,
        rawBody,
        receivedAt: performance.now(),
        answeredAt: undefined,
        status: undefined,
      };
      hits.push(hit);
      open += 1;
      const nth = (counts.get(target) ?? 0) + 1;
      counts.set(target, nth);
      const script: Script = scripts.get(target) ?? (() => ({}));
      const answer = script(hit, nth);
      let done = false;
      const reply = () => {
        if (done) return;
        done = true;
        open -= 1;
        const status = answer.status ?? 200;
        res.writeHead(status, { 'content-type': 'application/json', ...answer.headers });
        res.end(answer.body ?? '{"status":"success"}');
        hit.status = status;
        hit.answeredAt = performance.now();
      };
      // The response's 'close' before our answer: the sender went away (it was killed or timed out). Not the
      // request's 'close', which node emits once the request body is read, so a delayed answer really is delayed.
      res.on('close', () => {
        if (done) return;
        done = true;
        open -= 1;
      });
      if (answer.delayMs) setTimeout(reply, answer.delayMs);
      else reply();
    });
  });
  server.keepAliveTimeout = 60_000;
  if (options.identifyPids) {
    const identify = options.identifyPids;
    server.on('connection', (socket: Socket) => {
      owners.set(socket, socketOwner(socket.remotePort ?? 0, port, identify()));
    });
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    target: (name) => `${url}/hooks/${name}`,
    script: (name, script) => scripts.set(name, script),
    hits,
    hitsOf: (name) => hits.filter((hit) => hit.target === name),
    openCount: () => open,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
