import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HookFailure, createHookClient } from '../src/hookClient';

describe('hookClient', () => {
  const seen: { method: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  let reply: (response: http.ServerResponse) => void = (response) => response.writeHead(200).end('{}');
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen.push({
        method: request.method ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      reply(response);
    });
  });
  const client = createHookClient(4);
  let url = '';
  let late: NodeJS.Timeout | undefined;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/1`;
  });
  afterAll(async () => {
    clearTimeout(late);
    client.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    seen.length = 0;
    reply = (response) => response.writeHead(200).end('{}');
  });

  it('POSTs the body with the given headers and its length, and answers the status', async () => {
    const answer = await client.post(url, { 'x-relay-delivery-id': 'd1' }, '{"a":"é"}', 5000);
    expect(answer).toEqual({ status: 200, retryAfter: null });
    expect(seen).toHaveLength(1);
    expect(seen[0].method).toBe('POST');
    expect(seen[0].body).toBe('{"a":"é"}');
    expect(seen[0].headers['x-relay-delivery-id']).toBe('d1');
    expect(seen[0].headers['content-length']).toBe(String(Buffer.byteLength('{"a":"é"}')));
  });

  it('answers Retry-After as sent, and does not follow a redirect', async () => {
    reply = (response) => response.writeHead(429, { 'retry-after': '7' }).end();
    expect(await client.post(url, {}, '{}', 5000)).toEqual({ status: 429, retryAfter: '7' });
    reply = (response) => response.writeHead(302, { location: '/elsewhere' }).end();
    expect(await client.post(url, {}, '{}', 5000)).toEqual({ status: 302, retryAfter: null });
    expect(seen).toHaveLength(2);
  });

  it('fails with "timeout" when no answer comes in time', async () => {
    reply = (response) => {
      late = setTimeout(() => response.writeHead(200).end(), 1500);
    };
    const failed = client.post(url, {}, '{}', 200);
    await expect(failed).rejects.toBeInstanceOf(HookFailure);
    await expect(failed).rejects.toMatchObject({ reason: 'timeout' });
  });

  it('fails with the socket error code when nobody listens', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(client.post(`http://127.0.0.1:${port}/x`, {}, '{}', 5000)).rejects.toMatchObject({
      reason: 'ECONNREFUSED',
    });
  });

  it('refuses a URL that is not http or https before sending anything', async () => {
    await expect(client.post('ftp://127.0.0.1/x', {}, '{}', 5000)).rejects.toMatchObject({
      reason: 'unsupported protocol',
    });
    await expect(client.post('not a url', {}, '{}', 5000)).rejects.toMatchObject({ reason: 'invalid URL' });
    expect(seen).toHaveLength(0);
  });
});
