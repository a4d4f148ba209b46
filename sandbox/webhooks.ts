/**
 * The sandbox's webhooks: it sends what HighLevel's marketplace app webhooks send, for every change it journals
 * (sandbox/journal.ts), signed and delivered the way HighLevel delivers them (docs/SANDBOX.md §6).
 *
 * - Event types and payloads (§6.1): flat fields, sparse (absent values omitted), the envelope fields `type`,
 *   `locationId`, `webhookId`, `timestamp`, `appId`, `versionId`; contact events carry no `dateUpdated`;
 *   ContactTagUpdate carries the whole current tag list; TaskCreate lacks `contactId` and `body` unless
 *   `fullTaskCreate` (HighLevel's issue #332); appointments are nested under `appointment`.
 * - Signature (§6.2): `X-GHL-Signature`, Ed25519 over the exact bytes of the body, base64.
 * - Delivery (§6.3): a retry on any non-2xx answer and on no answer (timeout, refused connection), exponential
 *   backoff with jitter, up to 12 retries, the same `webhookId` and body on every attempt; occasional duplicates
 *   and no order promise (seeded, so a run can be replayed).
 *
 * Timers are real (`setTimeout`): delays are real milliseconds even when the sandbox's `clock` option runs
 * simulated time; `timestamp` is the store's time of the write (the simulated one when `clock` is given).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { zoneOffsetMinutes } from '../lib/core/dates';
import type { JournalEvent, RemovedRecord } from './journal';
import { createRng, type Rng } from './random';
import type { SandboxStore } from './store';
import type { Appointment, Contact, Note, Task } from './types';

/**
 * node's fetch as it was when the sandbox was loaded. In a process that also runs Zapier steps (the bench, the
 * demo), zapier-platform-core later wraps `globalThis.fetch` to log every call through the last step's logger;
 * the sandbox's webhooks are HighLevel's traffic, not the app's, and must not be logged as the app's.
 */
const fetchAsLoaded: typeof fetch = globalThis.fetch.bind(globalThis);

/** The marketplace app the sandbox's webhooks say they come from (any fixed ids would do). */
export const SANDBOX_APP_ID = 'sbxMarketplaceApp001';
export const SANDBOX_VERSION_ID = 'sbxAppVersion0000001';

/** HighLevel's webhook event types the sandbox sends. */
export type WebhookType =
  | 'ContactCreate'
  | 'ContactUpdate'
  | 'ContactDelete'
  | 'ContactTagUpdate'
  | 'ContactDndUpdate'
  | 'TaskCreate'
  | 'TaskComplete'
  | 'TaskDelete'
  | 'NoteCreate'
  | 'NoteUpdate'
  | 'NoteDelete'
  | 'AppointmentCreate'
  | 'INSTALL'
  | 'UNINSTALL';

/** A webhook body: the envelope plus the event's flat fields. */
export interface WebhookBody {
  type: WebhookType;
  locationId?: string;
  webhookId: string;
  timestamp: string;
  appId: string;
  versionId: string;
  [field: string]: unknown;
}

/** Delivery retries (§6.3). */
export interface WebhookRetryOptions {
  /** Retries after the first attempt. Default 12 (HighLevel's "up to 12 times, excluding the original attempt"). */
  maxRetries: number;
  /** Delay before the first retry; each later retry doubles it. Default 500 ms. */
  baseDelayMs: number;
  /** Longest delay between two attempts. Default 30,000 ms. */
  maxDelayMs: number;
}

/** The switches of the webhooks; `Sandbox.webhooks.options` holds them and is writable at run time. */
export interface WebhookOptions {
  /** Where to POST every event; `undefined` sends nothing (the default). */
  url: string | undefined;
  /** Share (0..1) of events delivered twice (the second copy a little later, same `webhookId`). Default 0.01. */
  duplicateRate: number;
  /**
   * Each attempt waits a random 0..`reorderMs` ms before it is sent, so events close together may arrive in
   * either order (HighLevel promises no order). Default 20; 0 with `concurrency` 1 sends in journal order.
   */
  reorderMs: number;
  /** How long an attempt waits for an answer before it counts as "no answer" and is retried. Default 10,000 ms. */
  timeoutMs: number;
  /** TaskCreate with `contactId` and `body` (HighLevel's issue #332 reports them missing). Default false. */
  fullTaskCreate: boolean;
  /** Attempts in flight at once. Default 16. */
  concurrency: number;
  retry: WebhookRetryOptions;
}

/** One event the sandbox generated (every attempt of it sends exactly `raw`). */
export interface WebhookEvent {
  webhookId: string;
  type: WebhookType;
  body: WebhookBody;
  /** The exact bytes sent (and signed). */
  raw: string;
  /** The journal event it came from (none for INSTALL / UNINSTALL / `send`). */
  seq?: number;
  /** Real time (epoch ms) the event was generated. */
  createdAt: number;
}

/** One POST of an event. */
export interface WebhookAttempt {
  webhookId: string;
  type: WebhookType;
  /** 1 for the first attempt, 2 for the first retry, … (a duplicate copy counts its own attempts). */
  attempt: number;
  /** The copy (0 = the event, 1 = its duplicate). */
  copy: number;
  /** The HTTP status, or `undefined` when no answer came (then `error` says why). */
  status?: number;
  error?: string;
  /** Real time (epoch ms) the attempt was sent and when it ended. */
  sentAt: number;
  endedAt: number;
}

export interface SandboxWebhooks {
  /** The sandbox's Ed25519 public key (SPKI PEM): verifies `X-GHL-Signature`. */
  readonly publicKey: string;
  readonly appId: string;
  readonly versionId: string;
  /** Writable at run time (e.g. `options.url = relay.url + '/v1/highlevel/webhooks'`). */
  readonly options: WebhookOptions;
  /** Every event generated while a URL was set, oldest first. */
  readonly events: WebhookEvent[];
  /** Every attempt that ended, in the order they ended. */
  readonly attempts: WebhookAttempt[];
  /** Events whose every attempt failed (after the last retry), by webhookId. */
  readonly failed: string[];
  /** Attempts waiting or in flight. */
  pending(): number;
  /** Resolves when nothing is waiting or in flight (or at once when nothing is). */
  idle(): Promise<void>;
  /** Sends an event of any type with the envelope filled in (e.g. `{ type: 'UNINSTALL', locationId }`). */
  send(fields: { type: WebhookType } & Record<string, unknown>): WebhookEvent | undefined;
  /** Empties `events`, `attempts` and `failed` (pending deliveries go on). */
  clear(): void;
  /** Stops every timer and attempt (pending deliveries are dropped). */
  close(): void;
}

export interface WebhookSetup {
  store: SandboxStore;
  options?: Partial<Omit<WebhookOptions, 'retry'>> & { retry?: Partial<WebhookRetryOptions> };
  /** Ed25519 private key (PKCS#8 PEM); default: a new key pair at every start. */
  privateKey?: string;
  /** Seed of the jitter, reorder and duplicate draws and of the webhookIds. Default 0x600d. */
  seed?: number;
}

export const DEFAULT_WEBHOOK_OPTIONS: WebhookOptions = {
  url: undefined,
  duplicateRate: 0.01,
  reorderMs: 20,
  timeoutMs: 10_000,
  fullTaskCreate: false,
  concurrency: 16,
  retry: { maxRetries: 12, baseDelayMs: 500, maxDelayMs: 30_000 },
};

type Json = Record<string, unknown>;

const iso = (ms: number): string => new Date(ms).toISOString();

/** Drops `undefined`, `''` and empty arrays: real payloads leave empty fields out (§6.1). */
const sparse = (object: Json, keep: readonly string[] = []): Json => {
  const out: Json = {};
  for (const [key, value] of Object.entries(object)) {
    const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
    if (!empty || keep.includes(key)) out[key] = value;
  }
  return out;
};

/** An ISO instant with the location's offset, as HighLevel's appointment payloads show (`…T16:00:00+05:30`). */
const isoWithOffset = (ms: number, timeZone: string): string => {
  const offset = zoneOffsetMinutes(new Date(ms), timeZone) ?? 0;
  const local = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
};

const contactFields = (contact: Contact): Json =>
  sparse(
    {
      id: contact.id,
      address1: contact.address1,
      city: contact.city,
      state: contact.state,
      companyName: contact.companyName,
      country: contact.country,
      source: contact.source,
      dateAdded: iso(contact.dateAdded),
      dateOfBirth: contact.dateOfBirth ? `${contact.dateOfBirth}T00:00:00.000Z` : undefined,
      dnd: contact.dnd,
      email: contact.email,
      name: contact.name ?? ([contact.firstName, contact.lastName].filter(Boolean).join(' ') || undefined),
      firstName: contact.firstName,
      lastName: contact.lastName,
      phone: contact.phone,
      postalCode: contact.postalCode,
      tags: [...contact.tags],
      website: contact.website,
      assignedTo: contact.assignedTo,
      customFields: Object.entries(contact.customFields).map(([id, value]) => ({ id, value })),
    },
    // The tag list is always there, empty or not: ContactTagUpdate's point is the whole current list.
    ['tags'],
  );

const taskFields = (task: Task, full: boolean): Json =>
  sparse({
    id: task.id,
    assignedTo: task.assignedTo,
    body: full ? task.body : undefined,
    contactId: full ? task.contactId : undefined,
    title: task.title,
    dateAdded: iso(task.dateAdded),
    dueDate: iso(task.dueDate),
  });

const noteFields = (note: Note): Json =>
  sparse({
    id: note.id,
    body: note.body,
    contactId: note.contactId,
    dateAdded: iso(note.dateAdded),
  });

const appointmentFields = (event: Appointment, timeZone: string): Json => ({
  appointment: sparse({
    id: event.id,
    address: event.address,
    title: event.title,
    calendarId: event.calendarId,
    contactId: event.contactId,
    appointmentStatus: event.appointmentStatus,
    assignedUserId: event.assignedUserId,
    users: event.assignedUserId ? [event.assignedUserId] : [],
    notes: event.notes,
    startTime: isoWithOffset(event.startTime, timeZone),
    endTime: isoWithOffset(event.endTime, timeZone),
    dateAdded: isoWithOffset(event.dateAdded, timeZone),
    dateUpdated: isoWithOffset(event.dateUpdated, timeZone),
  }),
});

const TAG_FIELDS = new Set(['tags']);
const DND_FIELDS = new Set(['dnd', 'dndSettings', 'inboundDndSettings']);

interface Outgoing {
  type: WebhookType;
  locationId: string;
  fields: Json;
}

/**
 * The webhooks one journal event causes (§6.1), read from the store right after the write. Tag and
 * reassignment journal events are parts of a `contact.updated` (or `contact.created`): they add nothing.
 */
const outgoingFor = (
  store: SandboxStore,
  event: JournalEvent,
  removed: RemovedRecord | undefined,
  options: WebhookOptions,
): Outgoing[] => {
  const contactEvent = (type: WebhookType, contact: Contact | undefined): Outgoing[] =>
    contact ? [{ type, locationId: contact.locationId, fields: contactFields(contact) }] : [];
  switch (event.type) {
    case 'contact.created':
      return contactEvent('ContactCreate', store.contact(event.contactId));
    case 'contact.updated': {
      const contact = store.contact(event.contactId);
      const fields = event.changes.map((change) => change.field);
      const out: Outgoing[] = [];
      if (fields.some((field) => !TAG_FIELDS.has(field) && !DND_FIELDS.has(field)))
        out.push(...contactEvent('ContactUpdate', contact));
      if (fields.some((field) => DND_FIELDS.has(field)))
        out.push(...contactEvent('ContactDndUpdate', contact));
      if (fields.some((field) => TAG_FIELDS.has(field)))
        out.push(...contactEvent('ContactTagUpdate', contact));
      return out;
    }
    case 'contact.deleted':
      return removed?.kind === 'contact' ? contactEvent('ContactDelete', removed.contact) : [];
    case 'task.created': {
      const task = store.tasks.get(event.taskId);
      return task
        ? [
            {
              type: 'TaskCreate',
              locationId: task.locationId,
              fields: taskFields(task, options.fullTaskCreate),
            },
          ]
        : [];
    }
    case 'task.completed': {
      const task = store.tasks.get(event.taskId);
      return task
        ? [{ type: 'TaskComplete', locationId: task.locationId, fields: taskFields(task, true) }]
        : [];
    }
    case 'task.deleted':
      return removed?.kind === 'task'
        ? [
            {
              type: 'TaskDelete',
              locationId: removed.task.locationId,
              fields: taskFields(removed.task, true),
            },
          ]
        : [];
    case 'note.created':
    case 'note.edited': {
      const note = store.notes.get(event.noteId);
      const type = event.type === 'note.created' ? 'NoteCreate' : 'NoteUpdate';
      return note ? [{ type, locationId: note.locationId, fields: noteFields(note) }] : [];
    }
    case 'note.deleted':
      return removed?.kind === 'note'
        ? [{ type: 'NoteDelete', locationId: removed.note.locationId, fields: noteFields(removed.note) }]
        : [];
    case 'appointment.created': {
      const appointment = store
        .appointmentsFor(event.contactId)
        .find((candidate) => candidate.id === event.appointmentId);
      if (!appointment) return [];
      const timeZone = store.location(appointment.locationId)?.timezone ?? 'UTC';
      return [
        {
          type: 'AppointmentCreate',
          locationId: appointment.locationId,
          fields: appointmentFields(appointment, timeZone),
        },
      ];
    }
    // HighLevel has no TaskUpdate event, and no event for a reopened task (§6.1).
    default:
      return [];
  }
};

/** A UUID-shaped id from the seeded generator (reproducible runs). */
const webhookIdFrom = (rng: Rng): string => {
  const hex = Array.from({ length: 32 }, () => Math.floor(rng() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
};

interface Delivery {
  event: WebhookEvent;
  copy: number;
  attempt: number;
}

/** Backoff before retry `n` (1-based): base × 2^(n−1), capped, then "equal jitter" (half fixed, half random). */
export const retryDelayMs = (retry: WebhookRetryOptions, n: number, random: number): number => {
  const delay = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (n - 1));
  return Math.round(delay / 2 + (delay / 2) * random);
};

/**
 * Starts the webhooks of a sandbox: subscribe `onJournal` to the journal; `sendInstall` on a new OAuth install.
 */
export const createWebhooks = (
  setup: WebhookSetup,
): SandboxWebhooks & {
  onJournal: (event: JournalEvent, removed?: RemovedRecord) => void;
  sendInstall: (grant: { locationId?: string; companyId: string; userId: string }) => void;
} => {
  const options: WebhookOptions = {
    ...DEFAULT_WEBHOOK_OPTIONS,
    ...setup.options,
    retry: { ...DEFAULT_WEBHOOK_OPTIONS.retry, ...setup.options?.retry },
  };
  let privateKey: KeyObject;
  if (setup.privateKey) {
    privateKey = createPrivateKey(setup.privateKey);
    if (privateKey.asymmetricKeyType !== 'ed25519')
      throw new Error('The webhook key must be an Ed25519 key.');
  } else {
    privateKey = generateKeyPairSync('ed25519').privateKey;
  }
  const publicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();

  const rng = createRng(setup.seed ?? 0x600d);
  const events: WebhookEvent[] = [];
  const attempts: WebhookAttempt[] = [];
  const failed: string[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const controllers = new Set<AbortController>();
  const ready: Delivery[] = [];
  let waiting = 0; // scheduled, timer not fired yet
  let inFlight = 0;
  let closed = false;
  let idleWaiters: Array<() => void> = [];

  const pending = (): number => waiting + ready.length + inFlight;
  const settle = (): void => {
    if (pending() > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const later = (ms: number, run: () => void): void => {
    waiting += 1;
    const timer = setTimeout(() => {
      timers.delete(timer);
      waiting -= 1;
      run();
    }, ms);
    timers.add(timer);
  };

  const enqueue = (delivery: Delivery, delayMs: number): void => {
    if (closed) return;
    if (delayMs <= 0) {
      ready.push(delivery);
      pump();
    } else {
      later(delayMs, () => {
        ready.push(delivery);
        pump();
      });
    }
  };

  const attempt = async (delivery: Delivery): Promise<void> => {
    const { event } = delivery;
    const url = options.url;
    const sentAt = Date.now();
    const record: WebhookAttempt = {
      webhookId: event.webhookId,
      type: event.type,
      attempt: delivery.attempt,
      copy: delivery.copy,
      sentAt,
      endedAt: sentAt,
    };
    if (url === undefined) {
      record.error = 'no webhook URL set';
    } else {
      const controller = new AbortController();
      controllers.add(controller);
      const timer = setTimeout(() => controller.abort(), options.timeoutMs);
      try {
        const signature = sign(null, Buffer.from(event.raw), privateKey).toString('base64');
        const response = await fetchAsLoaded(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'HighLevel-Sandbox-Webhooks/1',
            'x-ghl-signature': signature,
          },
          body: event.raw,
          redirect: 'manual',
          signal: controller.signal,
        });
        record.status = response.status;
        await response.arrayBuffer().catch(() => undefined);
      } catch (error) {
        record.error = controller.signal.aborted
          ? `no answer within ${options.timeoutMs} ms`
          : error instanceof Error
            ? ((error.cause as Error | undefined)?.message ?? error.message)
            : String(error);
      } finally {
        clearTimeout(timer);
        controllers.delete(controller);
      }
    }
    record.endedAt = Date.now();
    if (closed) return;
    attempts.push(record);
    const ok = record.status !== undefined && record.status >= 200 && record.status < 300;
    if (ok) return;
    const retries = delivery.attempt - 1;
    if (retries >= options.retry.maxRetries) {
      failed.push(event.webhookId);
      return;
    }
    enqueue(
      { ...delivery, attempt: delivery.attempt + 1 },
      retryDelayMs(options.retry, delivery.attempt, rng()),
    );
  };

  const pump = (): void => {
    while (!closed && inFlight < options.concurrency && ready.length > 0) {
      const delivery = ready.shift() as Delivery;
      inFlight += 1;
      void attempt(delivery).finally(() => {
        inFlight -= 1;
        pump();
        settle();
      });
    }
    settle();
  };

  const dispatch = (
    type: WebhookType,
    locationId: string | undefined,
    fields: Json,
    from?: JournalEvent,
  ): WebhookEvent | undefined => {
    if (closed || options.url === undefined) return undefined;
    const webhookId = webhookIdFrom(rng);
    const body: WebhookBody = {
      type,
      ...(locationId !== undefined ? { locationId } : {}),
      ...fields,
      webhookId,
      timestamp: iso(from?.at ?? setup.store.now()),
      appId: SANDBOX_APP_ID,
      versionId: SANDBOX_VERSION_ID,
    };
    const event: WebhookEvent = {
      webhookId,
      type,
      body,
      raw: JSON.stringify(body),
      ...(from ? { seq: from.seq } : {}),
      createdAt: Date.now(),
    };
    events.push(event);
    const delay = options.reorderMs > 0 ? Math.floor(rng() * options.reorderMs) : 0;
    enqueue({ event, copy: 0, attempt: 1 }, delay);
    if (options.duplicateRate > 0 && rng() < options.duplicateRate) {
      enqueue(
        { event, copy: 1, attempt: 1 },
        delay + 1 + Math.floor(rng() * Math.max(options.reorderMs, 50)),
      );
    }
    return event;
  };

  return {
    publicKey,
    appId: SANDBOX_APP_ID,
    versionId: SANDBOX_VERSION_ID,
    options,
    events,
    attempts,
    failed,
    pending,
    idle: () =>
      new Promise<void>((resolve) => {
        if (pending() === 0) resolve();
        else idleWaiters.push(resolve);
      }),
    send: ({ type, locationId, ...fields }) =>
      dispatch(type, typeof locationId === 'string' ? locationId : undefined, fields),
    clear: () => {
      events.length = 0;
      attempts.length = 0;
      failed.length = 0;
    },
    close: () => {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const controller of controllers) controller.abort();
      waiting = 0;
      ready.length = 0;
      settle();
    },
    onJournal: (event, removed) => {
      if (options.url === undefined) return;
      for (const out of outgoingFor(setup.store, event, removed, options))
        dispatch(out.type, out.locationId, out.fields, event);
    },
    sendInstall: (grant) => {
      dispatch('INSTALL', grant.locationId, {
        installType: grant.locationId ? 'Location' : 'Company',
        companyId: grant.companyId,
        userId: grant.userId,
        planId: 'sbxPlan0000000000001',
        trial: {},
        isWhitelabelCompany: false,
      });
    },
  };
};
