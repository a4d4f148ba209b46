/**
 * HighLevel webhook bodies for tests, shaped like HighLevel's documented examples of each event (contact fields at
 * the top level; notes and tasks flat with `contactId`; appointments under `appointment`) plus the envelope every
 * app webhook carries: `webhookId` and `timestamp` (ISO). Ids are random unless given, so bodies never collide.
 */
import { randomBytes, randomUUID } from 'node:crypto';

export type WebhookBody = { type: string; locationId: string; webhookId: string; timestamp: string } & Record<
  string,
  unknown
>;

export const CONTACT_EVENTS = [
  'ContactCreate',
  'ContactUpdate',
  'ContactTagUpdate',
  'ContactDndUpdate',
  'ContactDelete',
] as const;
export const TASK_EVENTS = ['TaskCreate', 'TaskComplete', 'TaskDelete'] as const;
export const NOTE_EVENTS = ['NoteCreate', 'NoteUpdate', 'NoteDelete'] as const;
export const APPOINTMENT_EVENTS = ['AppointmentCreate', 'AppointmentUpdate', 'AppointmentDelete'] as const;

export type ContactEvent = (typeof CONTACT_EVENTS)[number];
export type TaskEvent = (typeof TASK_EVENTS)[number];
export type NoteEvent = (typeof NOTE_EVENTS)[number];
export type AppointmentEvent = (typeof APPOINTMENT_EVENTS)[number];

/** A HighLevel-looking id: 20 letters and digits. */
export const hlId = (): string =>
  randomBytes(15)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, 'x')
    .slice(0, 20);

type Envelope = { locationId: string; webhookId?: string; timestamp?: string };

const envelope = (type: string, options: Envelope): WebhookBody => ({
  type,
  locationId: options.locationId,
  webhookId: options.webhookId ?? randomUUID(),
  timestamp: options.timestamp ?? new Date().toISOString(),
});

export type ContactOptions = Envelope & {
  contactId?: string;
  tags?: string[];
  email?: string;
  firstName?: string;
  assignedTo?: string;
  customFields?: Array<{ id: string; value: unknown }>;
};

export function contactEvent(type: ContactEvent, options: ContactOptions): WebhookBody {
  const firstName = options.firstName ?? 'Ada';
  return {
    ...envelope(type, options),
    id: options.contactId ?? hlId(),
    firstName,
    lastName: 'Lovelace',
    name: `${firstName} Lovelace`,
    email: options.email ?? 'ada@example.org',
    phone: '+15555550100',
    dateAdded: '2026-01-05T10:00:00.000Z',
    dnd: false,
    source: 'relay test',
    tags: options.tags ?? [],
    attachments: [],
    ...(options.assignedTo ? { assignedTo: options.assignedTo } : {}),
    customFields: options.customFields ?? [],
  };
}

export type TaskOptions = Envelope & {
  taskId?: string;
  contactId?: string | null;
  assignedTo?: string;
  title?: string;
};

/** `contactId: null` leaves the key out, as real TaskCreate webhooks sometimes do. */
export function taskEvent(type: TaskEvent, options: TaskOptions): WebhookBody {
  return {
    ...envelope(type, options),
    id: options.taskId ?? hlId(),
    title: options.title ?? 'Call back',
    body: 'Ask about the renewal.',
    ...(options.contactId === null ? {} : { contactId: options.contactId ?? hlId() }),
    assignedTo: options.assignedTo ?? hlId(),
    dateAdded: '2026-01-05T10:00:00.000Z',
    dueDate: '2026-01-06T10:00:00.000Z',
  };
}

export type NoteOptions = Envelope & { noteId?: string; contactId?: string; body?: string };

export function noteEvent(type: NoteEvent, options: NoteOptions): WebhookBody {
  return {
    ...envelope(type, options),
    id: options.noteId ?? hlId(),
    body: options.body ?? 'Met at the fair.',
    contactId: options.contactId ?? hlId(),
    dateAdded: '2026-01-05T10:00:00.000Z',
  };
}

export type AppointmentOptions = Envelope & {
  appointmentId?: string;
  contactId?: string;
  calendarId?: string;
};

export function appointmentEvent(type: AppointmentEvent, options: AppointmentOptions): WebhookBody {
  return {
    ...envelope(type, options),
    appointment: {
      id: options.appointmentId ?? hlId(),
      title: 'Intro call',
      calendarId: options.calendarId ?? hlId(),
      contactId: options.contactId ?? hlId(),
      appointmentStatus: 'confirmed',
      assignedUserId: hlId(),
      address: 'https://example.org/meet',
      startTime: '2026-01-07T16:00:00+00:00',
      endTime: '2026-01-07T16:30:00+00:00',
      dateAdded: '2026-01-05T10:00:00.000Z',
      dateUpdated: '2026-01-05T10:00:00.000Z',
    },
  };
}

export function installEvent(options: Envelope & { companyId?: string }): WebhookBody {
  return {
    ...envelope('INSTALL', options),
    appId: hlId(),
    companyId: options.companyId ?? hlId(),
    userId: hlId(),
    planId: hlId(),
    installType: 'Location',
  };
}

export function uninstallEvent(options: Envelope & { companyId?: string }): WebhookBody {
  return { ...envelope('UNINSTALL', options), appId: hlId(), companyId: options.companyId ?? hlId() };
}
