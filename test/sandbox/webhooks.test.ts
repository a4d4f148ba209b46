/**
 * The sandbox's webhooks (sandbox/webhooks.ts, docs/SANDBOX.md §6): HighLevel's event types and sparse payloads
 * for every journaled change, the Ed25519 `X-GHL-Signature`, and HighLevel's delivery (retries on non-2xx and on
 * no answer with the same webhookId, duplicates, no order promise).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';
import { retryDelayMs, type WebhookBody } from '../../sandbox/webhooks';
import { authorize, client, type Client } from './helpers';

interface Received {
  raw: string;
  body: WebhookBody;
  signature: string | undefined;
}

/** A loopback receiver: records every POST; `answer` decides each status (or `'hang'`: no answer). */
class Receiver {
  readonly received: Received[] = [];
  answer: (request: Received, index: number) => number | 'hang' = () => 200;
  private server!: Server;
  private readonly hanging = new Set<ServerResponse>();
  url = '';

  async start(): Promise<void> {
    this.server = createServer((request: IncomingMessage, response: ServerResponse) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const entry: Received = {
          raw,
          body: JSON.parse(raw) as WebhookBody,
          signature: request.headers['x-ghl-signature'] as string | undefined,
        };
        this.received.push(entry);
        const status = this.answer(entry, this.received.length - 1);
        if (status === 'hang') {
          this.hanging.add(response);
          return;
        }
        response.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhooks`;
  }

  bodies(): WebhookBody[] {
    return this.received.map((entry) => entry.body);
  }

  async stop(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const T0 = Date.UTC(2026, 11, 4, 9, 30);
const FAST_RETRY = { maxRetries: 12, baseDelayMs: 5, maxDelayMs: 20 };

let receiver: Receiver;
let sandbox: Sandbox;
let api: Client;

const start = async (options: SandboxOptions = {}): Promise<void> => {
  sandbox = await startSandbox({
    webhookUrl: receiver.url,
    webhookDuplicateRate: 0,
    webhookReorderMs: 0,
    webhookRetry: FAST_RETRY,
    // One attempt at a time: without reordering, arrivals then follow the journal.
    webhookConcurrency: 1,
    clock: () => T0,
    ...options,
  });
  api = client(sandbox, sandbox.issueTokens().access_token);
};

beforeEach(async () => {
  receiver = new Receiver();
  await receiver.start();
});
afterEach(async () => {
  await sandbox?.close();
  await receiver.stop();
});

/** The store's time of the n-th write after start (its clock is fixed at T0; writes never share a millisecond). */
const stamp = (n: number): string => new Date(T0 + n).toISOString();

const envelope = (write = 0) => ({
  webhookId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/),
  timestamp: stamp(write),
  appId: 'sbxMarketplaceApp001',
  versionId: 'sbxAppVersion0000001',
});

describe('sandbox webhooks: payloads', () => {
  it('sends ContactCreate, flat and sparse, with no dateUpdated, signed with the published key', async () => {
    await start();
    const created = await api.post<{ contact: { id: string } }>('/contacts/', {
      locationId: sandbox.locationId,
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.com',
      tags: ['VIP'],
    });
    await sandbox.webhooks.idle();

    expect(receiver.bodies()).toEqual([
      {
        type: 'ContactCreate',
        locationId: sandbox.locationId,
        id: created.body.contact.id,
        dateAdded: new Date(T0).toISOString(),
        dnd: false,
        email: 'ada@example.com',
        name: 'Ada Lovelace',
        firstName: 'Ada',
        lastName: 'Lovelace',
        tags: ['vip'],
        ...envelope(),
      },
    ]);
    const [{ raw, signature }] = receiver.received;
    expect(raw).toBe(sandbox.webhooks.events[0].raw);
    const published = await api.get<{ publicKey: string; algorithm: string }>('/sandbox/webhooks/public-key');
    expect(published.body).toEqual({
      algorithm: 'Ed25519',
      header: 'X-GHL-Signature',
      publicKey: sandbox.webhooks.publicKey,
    });
    const key = createPublicKey(published.body.publicKey);
    expect(verify(null, Buffer.from(raw), key, Buffer.from(signature ?? '', 'base64'))).toBe(true);
    expect(
      verify(null, Buffer.from(raw.replace('Ada', 'Eve')), key, Buffer.from(signature ?? '', 'base64')),
    ).toBe(false);
  });

  it('signs with a given private key', async () => {
    const pair = generateKeyPairSync('ed25519');
    await start({ webhookPrivateKey: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() });
    expect(sandbox.webhooks.publicKey).toBe(
      pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    );
    sandbox.store.createContact(sandbox.locationId, { email: 'k@example.com' });
    await sandbox.webhooks.idle();
    const [{ raw, signature }] = receiver.received;
    expect(verify(null, Buffer.from(raw), pair.publicKey, Buffer.from(signature ?? '', 'base64'))).toBe(true);
  });

  it('sends ContactTagUpdate with the whole tag list for tag writes, ContactUpdate for other fields', async () => {
    await start();
    const contact = sandbox.store.createContact(sandbox.locationId, {
      email: 'tag@example.com',
      tags: ['a'],
    });
    await api.post(`/contacts/${contact.id}/tags`, { tags: ['b'] });
    await api.delete(`/contacts/${contact.id}/tags`, { tags: ['a', 'b'] });
    await api.put(`/contacts/${contact.id}`, { city: 'Lyon' });
    await api.put(`/contacts/${contact.id}`, { city: 'Paris', tags: ['c'] });
    await api.put(`/contacts/${contact.id}`, { dnd: true });
    await sandbox.webhooks.idle();

    expect(receiver.bodies().map((body) => [body.type, body.tags, body.city])).toEqual([
      ['ContactCreate', ['a'], undefined],
      ['ContactTagUpdate', ['a', 'b'], undefined],
      ['ContactTagUpdate', [], undefined],
      ['ContactUpdate', [], 'Lyon'],
      ['ContactUpdate', ['c'], 'Paris'],
      ['ContactTagUpdate', ['c'], 'Paris'],
      ['ContactDndUpdate', ['c'], 'Paris'],
    ]);
    expect(receiver.bodies().every((body) => !('dateUpdated' in body))).toBe(true);
    // One webhookId per event.
    expect(new Set(receiver.bodies().map((body) => body.webhookId)).size).toBe(7);
  });

  it('sends ContactDelete with what the contact was', async () => {
    await start();
    const contact = sandbox.store.createContact(sandbox.locationId, { firstName: 'Gone', tags: ['x'] });
    await api.delete(`/contacts/${contact.id}`);
    await sandbox.webhooks.idle();
    expect(receiver.bodies()[1]).toEqual({
      type: 'ContactDelete',
      locationId: sandbox.locationId,
      id: contact.id,
      dateAdded: new Date(T0).toISOString(),
      dnd: false,
      name: 'Gone',
      firstName: 'Gone',
      tags: ['x'],
      ...envelope(1),
    });
  });

  it('sends TaskCreate without contactId and body (issue #332), TaskComplete and TaskDelete whole', async () => {
    await start();
    const contact = sandbox.store.createContact(sandbox.locationId, { firstName: 'Tasky' });
    const due = '2026-12-10T12:00:00.000Z';
    const task = await api.post<{ task: { id: string } }>(`/contacts/${contact.id}/tasks`, {
      title: 'Call back',
      body: 'About the quote',
      dueDate: due,
      completed: false,
    });
    const taskId = task.body.task.id;
    await api.put(`/contacts/${contact.id}/tasks/${taskId}/completed`, { completed: true });
    await api.put(`/contacts/${contact.id}/tasks/${taskId}/completed`, { completed: false });
    await api.put(`/contacts/${contact.id}/tasks/${taskId}`, { title: 'Call again' });
    await api.delete(`/contacts/${contact.id}/tasks/${taskId}`);
    await sandbox.webhooks.idle();

    const base = { locationId: sandbox.locationId, id: taskId, dateAdded: stamp(1), dueDate: due };
    const whole = { ...base, body: 'About the quote', contactId: contact.id };
    // Reopening (write 3) and editing (write 4) a task send nothing: HighLevel has no event for either.
    expect(receiver.bodies().slice(1)).toEqual([
      { type: 'TaskCreate', ...base, title: 'Call back', ...envelope(1) },
      { type: 'TaskComplete', ...whole, title: 'Call back', ...envelope(2) },
      { type: 'TaskDelete', ...whole, title: 'Call again', ...envelope(5) },
    ]);
  });

  it('keeps contactId and body on TaskCreate with webhookFullTaskCreate', async () => {
    await start({ webhookFullTaskCreate: true });
    const contact = sandbox.store.createContact(sandbox.locationId, { firstName: 'Tasky' });
    sandbox.store.createTask(contact.id, { title: 'T', body: 'B', dueDate: T0, completed: false });
    await sandbox.webhooks.idle();
    expect(receiver.bodies()[1]).toEqual(
      expect.objectContaining({ type: 'TaskCreate', contactId: contact.id, body: 'B', title: 'T' }),
    );
  });

  it('sends NoteCreate, NoteUpdate, NoteDelete and AppointmentCreate (nested, times with the offset)', async () => {
    await start();
    const contact = sandbox.store.createContact(sandbox.locationId, { firstName: 'Noted' });
    const note = sandbox.store.createNote(contact.id, { body: 'First', pinned: false });
    sandbox.store.updateNote(note?.id ?? '', { body: 'Second' });
    sandbox.store.deleteNote(note?.id ?? '');
    const appointment = sandbox.store.addAppointment(contact.id, {
      calendarId: 'sbxCalendar000000001',
      title: 'Visit',
      status: 'booked',
      appointmentStatus: 'confirmed',
      startTime: Date.UTC(2027, 0, 15, 16, 0),
      endTime: Date.UTC(2027, 0, 15, 16, 30),
    });
    await sandbox.webhooks.idle();

    const noteFields = { locationId: sandbox.locationId, id: note?.id, contactId: contact.id };
    const dateAdded = stamp(1);
    expect(receiver.bodies().slice(1)).toEqual([
      { type: 'NoteCreate', ...noteFields, body: 'First', dateAdded, ...envelope(1) },
      { type: 'NoteUpdate', ...noteFields, body: 'Second', dateAdded, ...envelope(2) },
      { type: 'NoteDelete', ...noteFields, body: 'Second', dateAdded, ...envelope(3) },
      {
        type: 'AppointmentCreate',
        locationId: sandbox.locationId,
        appointment: {
          id: appointment?.id,
          title: 'Visit',
          calendarId: 'sbxCalendar000000001',
          contactId: contact.id,
          appointmentStatus: 'confirmed',
          // The demo location is in America/New_York: UTC-5 in January and December.
          startTime: '2027-01-15T11:00:00-05:00',
          endTime: '2027-01-15T11:30:00-05:00',
          dateAdded: '2026-12-04T04:30:00-05:00',
          dateUpdated: '2026-12-04T04:30:00-05:00',
        },
        ...envelope(4),
      },
    ]);
  });

  it('sends INSTALL when an authorization code is exchanged', async () => {
    await start();
    await authorize(sandbox);
    await sandbox.webhooks.idle();
    expect(receiver.bodies()).toEqual([
      {
        type: 'INSTALL',
        locationId: sandbox.locationId,
        installType: 'Location',
        companyId: sandbox.companyId,
        userId: sandbox.userId,
        planId: 'sbxPlan0000000000001',
        trial: {},
        isWhitelabelCompany: false,
        ...envelope(),
      },
    ]);
  });

  it('sends nothing without a URL, nothing for quiet writes, and starts when the URL is set', async () => {
    await start({ webhookUrl: undefined });
    sandbox.store.createContact(sandbox.locationId, { firstName: 'Unheard' });
    sandbox.webhooks.options.url = receiver.url;
    sandbox.journal.quietly(() => sandbox.store.createContact(sandbox.locationId, { firstName: 'Quiet' }));
    sandbox.store.createContact(sandbox.locationId, { firstName: 'Heard' });
    await sandbox.webhooks.idle();
    expect(receiver.bodies().map((body) => body.firstName)).toEqual(['Heard']);
  });
});

describe('sandbox webhooks: delivery', () => {
  it('retries any non-2xx with the same webhookId and bytes, until a 2xx', async () => {
    await start();
    receiver.answer = (_request, index) => [500, 404, 302][index] ?? 200;
    sandbox.store.createContact(sandbox.locationId, { firstName: 'Retry' });
    await sandbox.webhooks.idle();
    expect(receiver.received).toHaveLength(4);
    expect(new Set(receiver.received.map((entry) => entry.raw)).size).toBe(1);
    expect(sandbox.webhooks.attempts.map((attempt) => [attempt.attempt, attempt.status])).toEqual([
      [1, 500],
      [2, 404],
      [3, 302],
      [4, 200],
    ]);
  });

  it('retries when no answer comes in time, and gives up after 12 retries', async () => {
    await start({ webhookTimeoutMs: 100 });
    receiver.answer = (_request, index) => (index === 0 ? 'hang' : 503);
    const event = sandbox.webhooks.send({ type: 'UNINSTALL', locationId: sandbox.locationId });
    await sandbox.webhooks.idle();
    expect(receiver.received).toHaveLength(13);
    expect(sandbox.webhooks.attempts[0]).toEqual(
      expect.objectContaining({ attempt: 1, error: 'no answer within 100 ms' }),
    );
    expect(sandbox.webhooks.attempts[0].status).toBeUndefined();
    expect(sandbox.webhooks.failed).toEqual([event?.webhookId]);
  });

  it('retries a refused connection', async () => {
    await start({
      webhookUrl: 'http://127.0.0.1:9/nothing-listens',
      webhookRetry: { ...FAST_RETRY, maxRetries: 2 },
    });
    sandbox.store.createContact(sandbox.locationId, { firstName: 'Nobody' });
    await sandbox.webhooks.idle();
    expect(sandbox.webhooks.attempts.map((attempt) => attempt.status)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(sandbox.webhooks.failed).toHaveLength(1);
  });

  it('backs off exponentially with jitter, capped', () => {
    const retry = { maxRetries: 12, baseDelayMs: 500, maxDelayMs: 30_000 };
    expect([1, 2, 3, 7, 12].map((n) => retryDelayMs(retry, n, 0))).toEqual([250, 500, 1000, 15_000, 15_000]);
    expect([1, 2, 3, 7, 12].map((n) => retryDelayMs(retry, n, 1))).toEqual([500, 1000, 2000, 30_000, 30_000]);
  });

  it('delivers some events twice with the same webhookId (webhookDuplicateRate)', async () => {
    await start({ webhookDuplicateRate: 1 });
    sandbox.store.createContact(sandbox.locationId, { firstName: 'Twice' });
    await sandbox.webhooks.idle();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[0].raw).toBe(receiver.received[1].raw);
  });

  it('promises no order (webhookReorderMs), reproducibly with the seed', async () => {
    await start({ webhookReorderMs: 200, webhookSeed: 42, webhookConcurrency: 16 });
    for (let i = 0; i < 30; i += 1) sandbox.store.createContact(sandbox.locationId, { firstName: `N${i}` });
    await sandbox.webhooks.idle();
    const arrived = receiver.bodies().map((body) => body.firstName);
    const sent = sandbox.webhooks.events.map((event) => event.body.firstName);
    expect([...arrived].sort()).toEqual([...sent].sort());
    expect(arrived).not.toEqual(sent);
  });

  it('stamps timestamp with the sandbox clock (simulated time)', async () => {
    let now = T0;
    await start({ clock: () => now });
    now = T0 + 3 * 3_600_000;
    sandbox.store.createContact(sandbox.locationId, { firstName: 'Later' });
    await sandbox.webhooks.idle();
    expect(receiver.bodies()[0].timestamp).toBe(new Date(T0 + 3 * 3_600_000).toISOString());
  });
});
