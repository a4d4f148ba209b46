/**
 * A stand-in for HighLevel's `GET /locations/:locationId` (API version 2021-07-28) on 127.0.0.1: the relay checks a
 * user's access token with it once when a subscription is created (docs/RELAY_CONTRACT.md §3). A token reads only
 * its own sub-account: 200 with `{ location: { id, … } }` for it, 403 for any other, 401 without a known token.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

export type FakeHighLevel = {
  url: string;
  /** A fresh access token that can read exactly `locationId`. */
  tokenFor(locationId: string): string;
  /** Every request it answered, in order (the Authorization header is reduced to whether it was present). */
  requests: Array<{
    method: string;
    path: string;
    version: string | undefined;
    hadToken: boolean;
    status: number;
  }>;
  close(): Promise<void>;
};

export async function startFakeHighLevel(): Promise<FakeHighLevel> {
  const tokens = new Map<string, string>();
  const requests: FakeHighLevel['requests'] = [];
  const answer = (req: IncomingMessage): { status: number; body: unknown } => {
    const match = /^\/locations\/([^/?]+)$/.exec((req.url ?? '').split('?')[0]);
    if (req.method !== 'GET' || !match) return { status: 404, body: { message: 'Not found' } };
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const owned = token ? tokens.get(token) : undefined;
    if (!owned) return { status: 401, body: { statusCode: 401, message: 'Invalid JWT' } };
    const locationId = decodeURIComponent(match[1]);
    if (owned !== locationId) {
      return {
        status: 403,
        body: { statusCode: 403, message: 'The token does not have access to this location.' },
      };
    }
    return { status: 200, body: { location: { id: locationId, name: 'Relay Test Co', timezone: 'UTC' } } };
  };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const { status, body } = answer(req);
      const version = req.headers.version;
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        version: Array.isArray(version) ? version[0] : version,
        hadToken: Boolean(req.headers.authorization),
        status,
      });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tokenFor(locationId) {
      const token = `test-token-${randomBytes(12).toString('hex')}`;
      tokens.set(token, locationId);
      return token;
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
