/**
 * The black-box harness itself (relay/test/support/): the PostgreSQL starter, the hook receiver's scripts and its
 * way of telling which process sent a request, the signers. If these lie, the durability and security tests do too.
 */
import { createHmac, createPublicKey, verify } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { contactEvent, taskEvent } from './support/events';
import { createAgent, send } from './support/http';
import { startHookReceiver, statuses } from './support/hookReceiver';
import { startPostgres } from './support/postgres';
import { appSignatureHeaders, createHighLevelSigner } from './support/signing';

test('startPostgres: a real server with fsync on, fresh databases, removed on stop', async () => {
  const server = await startPostgres();
  try {
    const url = await server.createDatabase('harness_check');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ fsync: string; db: string }>(
      "SELECT current_setting('fsync') AS fsync, current_database() AS db",
    );
    await client.end();
    expect(rows).toEqual([{ fsync: 'on', db: 'harness_check' }]);
  } finally {
    await server.stop();
  }
  expect(existsSync(server.dir)).toBe(false);
}, 120_000);

test('startPostgres: when the server cannot start, the error says so and why', async () => {
  // PG_BIN is tried first: point it at binaries that fail the way a broken installation does.
  const fake = mkdtempSync(join(tmpdir(), 'fake-pg-'));
  chmodSync(fake, 0o755);
  for (const name of ['initdb', 'pg_ctl']) {
    writeFileSync(
      join(fake, name),
      '#!/bin/sh\necho "initdb: error: simulated broken installation" >&2\nexit 1\n',
    );
    chmodSync(join(fake, name), 0o755);
  }
  const saved = process.env.PG_BIN;
  process.env.PG_BIN = fake;
  try {
    await expect(startPostgres()).rejects.toThrow(
      /^PostgreSQL could not start: initdb failed:\n.*simulated broken installation/,
    );
  } finally {
    if (saved === undefined) delete process.env.PG_BIN;
    else process.env.PG_BIN = saved;
    rmSync(fake, { recursive: true, force: true });
  }
});

test('hook receiver: scripted answers per target, ids and attempts recorded, sender process identified', async () => {
  const receiver = await startHookReceiver({ identifyPids: () => [process.pid] });
  const agent = createAgent(1);
  try {
    receiver.script('flaky', statuses(500, 429, 200));
    const post = (attempt: number) =>
      send(receiver.target('flaky'), {
        method: 'POST',
        agent,
        body: JSON.stringify({ id: 'dlv_1', eventId: 'evt_1' }),
        headers: { 'x-relay-delivery-id': 'dlv_1', 'x-relay-attempt': String(attempt) },
      });
    expect([
      (await post(1)).status,
      (await post(2)).status,
      (await post(3)).status,
      (await post(4)).status,
    ]).toEqual([500, 429, 200, 200]);
    const hits = receiver.hitsOf('flaky');
    expect(hits.map((hit) => [hit.deliveryId, hit.attempt, hit.status, hit.pid])).toEqual([
      ['dlv_1', 1, 500, process.pid],
      ['dlv_1', 2, 429, process.pid],
      ['dlv_1', 3, 200, process.pid],
      ['dlv_1', 4, 200, process.pid],
    ]);
    expect(hits[0].body?.eventId).toBe('evt_1');
    expect(receiver.openCount()).toBe(0);
  } finally {
    agent.destroy();
    await receiver.close();
  }
});

test('signers: Ed25519 and RSA over the raw bytes; the app signature of contract §2', () => {
  const signer = createHighLevelSigner();
  const raw = JSON.stringify(contactEvent('ContactCreate', { locationId: 'loc' }));
  const ed = createPublicKey(signer.publicKeyPem);
  expect(verify(null, Buffer.from(raw), ed, Buffer.from(signer.sign(raw), 'base64'))).toBe(true);
  expect(verify(null, Buffer.from(`${raw} `), ed, Buffer.from(signer.sign(raw), 'base64'))).toBe(false);
  const rsa = createPublicKey(signer.rsaPublicKeyPem);
  expect(verify('sha256', Buffer.from(raw), rsa, Buffer.from(signer.signRsa(raw), 'base64'))).toBe(true);
  const headers = appSignatureHeaders('s'.repeat(40), 'delete', '/v1/subscriptions/sub_1', '', 1_700_000_000);
  const expected = createHmac('sha256', 's'.repeat(40))
    .update('1700000000.DELETE./v1/subscriptions/sub_1.')
    .digest('hex');
  expect(headers).toEqual({ 'x-relay-timestamp': '1700000000', 'x-relay-signature': `v1=${expected}` });
});

test('event factories: the envelope (webhookId, ISO timestamp) on every kind; a TaskCreate may lack contactId', () => {
  const task = taskEvent('TaskCreate', { locationId: 'loc', contactId: null });
  expect(task).not.toHaveProperty('contactId');
  expect(task.webhookId).toMatch(/^[0-9a-f-]{36}$/);
  expect(new Date(task.timestamp).toISOString()).toBe(task.timestamp);
  expect(contactEvent('ContactCreate', { locationId: 'loc' }).webhookId).not.toBe(
    contactEvent('ContactCreate', { locationId: 'loc' }).webhookId,
  );
});
