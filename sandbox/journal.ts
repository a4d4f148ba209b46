/**
 * The sandbox's record of what happened ("ground truth" for the trigger truth simulator, scripts/lib/truth):
 * every change made to contacts, tasks, notes and appointments after the sandbox started, in order, with the
 * store's timestamp. Seeding and the fixture are history, not events: they are not journaled.
 *
 * The journal watches the store's write methods (every write goes through them, store.ts), so HTTP routes and
 * direct store calls (appointments have no write endpoint) are both recorded. Deleting a contact deletes its
 * tasks, notes and appointments with it: that is one `contact.deleted` event.
 */
import type { SandboxStore } from './store';
import type { Contact, CustomFieldValue, Note, Task } from './types';

/** A contact field that changed: the store's field name (`customFields.<id>` for custom fields, `tags`). */
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

interface Base {
  /** Position in the journal (0, 1, 2, …). */
  seq: number;
  /** The store's time of the write (epoch ms). */
  at: number;
}

export type JournalEvent = Base &
  (
    | { type: 'contact.created'; contactId: string; tags: string[]; assignedTo?: string }
    | { type: 'contact.updated'; contactId: string; changes: FieldChange[] }
    | { type: 'contact.deleted'; contactId: string; tags: string[] }
    | { type: 'contact.tagAdded'; contactId: string; tag: string }
    | { type: 'contact.tagRemoved'; contactId: string; tag: string }
    | { type: 'contact.reassigned'; contactId: string; from?: string; to?: string }
    | { type: 'task.created'; taskId: string; contactId: string; completed: boolean; assignedTo?: string }
    | { type: 'task.updated'; taskId: string; contactId: string; changes: FieldChange[] }
    | { type: 'task.completed'; taskId: string; contactId: string }
    | { type: 'task.reopened'; taskId: string; contactId: string }
    | { type: 'task.deleted'; taskId: string; contactId: string }
    | { type: 'note.created'; noteId: string; contactId: string }
    | { type: 'note.edited'; noteId: string; contactId: string }
    | { type: 'note.deleted'; noteId: string; contactId: string }
    | { type: 'appointment.created'; appointmentId: string; contactId: string }
  );

type Without<T> = T extends unknown ? Omit<T, 'seq' | 'at'> : never;
export type JournalEntry = Without<JournalEvent>;

/** The record a deletion removed, as it was just before (given to listeners, never stored in the journal). */
export type RemovedRecord =
  { kind: 'contact'; contact: Contact } | { kind: 'task'; task: Task } | { kind: 'note'; note: Note };

/**
 * Called synchronously for every journaled event, right after the write (so the store already holds the new
 * state; a deletion's record comes as `removed`). Quiet writes (`quietly`) reach no listener.
 */
export type JournalListener = (event: JournalEvent, removed?: RemovedRecord) => void;

export class Journal {
  readonly events: JournalEvent[] = [];
  private enabled = true;
  private readonly listeners = new Set<JournalListener>();

  constructor(private readonly clock: () => number) {}

  record(entry: JournalEntry, at: number = this.clock(), removed?: RemovedRecord): void {
    if (!this.enabled) return;
    const event = { ...entry, seq: this.events.length, at } as JournalEvent;
    this.events.push(event);
    for (const listener of this.listeners) listener(event, removed);
  }

  /** Calls `listener` for every event from now on (sandbox/webhooks.ts); returns the unsubscribe function. */
  subscribe(listener: JournalListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Events of one type (typed). */
  ofType<T extends JournalEvent['type']>(type: T): Array<Extract<JournalEvent, { type: T }>> {
    return this.events.filter((event): event is Extract<JournalEvent, { type: T }> => event.type === type);
  }

  /** Events at or after `at`. */
  since(at: number): JournalEvent[] {
    return this.events.filter((event) => event.at >= at);
  }

  clear(): void {
    this.events.length = 0;
  }

  /** Runs `write` without journaling it (e.g. bulk set-up that is history, not events). */
  quietly<T>(write: () => T): T {
    const was = this.enabled;
    this.enabled = false;
    try {
      return write();
    } finally {
      this.enabled = was;
    }
  }
}

const CONTACT_FIELDS_IGNORED = new Set(['dateUpdated', 'dateAdded', 'id', 'locationId']);

const comparable = (value: unknown): string => JSON.stringify(value ?? null);

/** Field-by-field differences of two contact snapshots, by field name (custom fields per id, last). */
const contactChanges = (before: Contact, after: Contact): FieldChange[] => {
  const changes: FieldChange[] = [];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const key of keys) {
    if (CONTACT_FIELDS_IGNORED.has(key) || key === 'customFields') continue;
    const from = (before as unknown as Record<string, unknown>)[key];
    const to = (after as unknown as Record<string, unknown>)[key];
    if (comparable(from) !== comparable(to)) changes.push({ field: key, from, to });
  }
  const ids = new Set([...Object.keys(before.customFields), ...Object.keys(after.customFields)]);
  for (const id of ids) {
    const from: CustomFieldValue | undefined = before.customFields[id];
    const to: CustomFieldValue | undefined = after.customFields[id];
    if (comparable(from) !== comparable(to)) changes.push({ field: `customFields.${id}`, from, to });
  }
  return changes;
};

const snapshot = <T>(value: T): T => structuredClone(value);

/**
 * Journals every write of `store` from now on, by wrapping its write methods on this instance.
 * Returns the journal.
 */
export const attachJournal = (store: SandboxStore, clock: () => number): Journal => {
  const journal = new Journal(clock);

  const createContact = store.createContact.bind(store);
  store.createContact = (locationId, patch, at) => {
    const contact = createContact(locationId, patch, at);
    journal.record(
      {
        type: 'contact.created',
        contactId: contact.id,
        tags: [...contact.tags],
        ...(contact.assignedTo ? { assignedTo: contact.assignedTo } : {}),
      },
      contact.dateAdded,
    );
    for (const tag of contact.tags)
      journal.record({ type: 'contact.tagAdded', contactId: contact.id, tag }, contact.dateAdded);
    return contact;
  };

  const updateContact = store.updateContact.bind(store);
  store.updateContact = (id, patch, at) => {
    const existing = store.contact(id);
    const before = existing ? snapshot(existing) : undefined;
    const contact = updateContact(id, patch, at);
    if (!contact || !before) return contact;
    const changes = contactChanges(before, contact);
    if (changes.length === 0) return contact;
    const when = contact.dateUpdated;
    journal.record({ type: 'contact.updated', contactId: id, changes }, when);
    const had = new Set(before.tags);
    const has = new Set(contact.tags);
    for (const tag of contact.tags)
      if (!had.has(tag)) journal.record({ type: 'contact.tagAdded', contactId: id, tag }, when);
    for (const tag of before.tags)
      if (!has.has(tag)) journal.record({ type: 'contact.tagRemoved', contactId: id, tag }, when);
    if ((before.assignedTo ?? '') !== (contact.assignedTo ?? '')) {
      journal.record(
        {
          type: 'contact.reassigned',
          contactId: id,
          ...(before.assignedTo ? { from: before.assignedTo } : {}),
          ...(contact.assignedTo ? { to: contact.assignedTo } : {}),
        },
        when,
      );
    }
    return contact;
  };

  const deleteContact = store.deleteContact.bind(store);
  store.deleteContact = (id) => {
    const contact = store.contact(id);
    const tags = contact ? [...contact.tags] : [];
    const removed = contact ? snapshot(contact) : undefined;
    const deleted = deleteContact(id);
    if (deleted) {
      journal.record(
        { type: 'contact.deleted', contactId: id, tags },
        undefined,
        removed && { kind: 'contact', contact: removed },
      );
    }
    return deleted;
  };

  const createTask = store.createTask.bind(store);
  store.createTask = (contactId, data, at) => {
    const task = createTask(contactId, data, at);
    if (task) {
      journal.record(
        {
          type: 'task.created',
          taskId: task.id,
          contactId,
          completed: task.completed,
          ...(task.assignedTo ? { assignedTo: task.assignedTo } : {}),
        },
        task.dateAdded,
      );
    }
    return task;
  };

  const updateTask = store.updateTask.bind(store);
  store.updateTask = (taskId, patch) => {
    const existing = store.tasks.get(taskId);
    const before: Task | undefined = existing ? snapshot(existing) : undefined;
    const task = updateTask(taskId, patch);
    if (!task || !before) return task;
    const changes: FieldChange[] = [];
    for (const key of ['title', 'body', 'assignedTo', 'dueDate', 'completed'] as const) {
      if (comparable(before[key]) !== comparable(task[key]))
        changes.push({ field: key, from: before[key], to: task[key] });
    }
    const ids = { taskId, contactId: task.contactId };
    if (changes.length > 0) journal.record({ type: 'task.updated', ...ids, changes }, task.dateUpdated);
    if (!before.completed && task.completed)
      journal.record({ type: 'task.completed', ...ids }, task.dateUpdated);
    if (before.completed && !task.completed)
      journal.record({ type: 'task.reopened', ...ids }, task.dateUpdated);
    return task;
  };

  const deleteTask = store.deleteTask.bind(store);
  store.deleteTask = (taskId) => {
    const existing = store.tasks.get(taskId);
    const task = existing ? snapshot(existing) : undefined;
    const deleted = deleteTask(taskId);
    if (deleted && task) {
      journal.record({ type: 'task.deleted', taskId, contactId: task.contactId }, undefined, {
        kind: 'task',
        task,
      });
    }
    return deleted;
  };

  const createNote = store.createNote.bind(store);
  store.createNote = (contactId, data, at) => {
    const note = createNote(contactId, data, at);
    if (note) journal.record({ type: 'note.created', noteId: note.id, contactId }, note.dateAdded);
    return note;
  };

  const updateNote = store.updateNote.bind(store);
  store.updateNote = (noteId, patch) => {
    const note = updateNote(noteId, patch);
    if (note) journal.record({ type: 'note.edited', noteId, contactId: note.contactId }, note.dateUpdated);
    return note;
  };

  const deleteNote = store.deleteNote.bind(store);
  store.deleteNote = (noteId) => {
    const existing = store.notes.get(noteId);
    const note = existing ? snapshot(existing) : undefined;
    const deleted = deleteNote(noteId);
    if (deleted && note) {
      journal.record({ type: 'note.deleted', noteId, contactId: note.contactId }, undefined, {
        kind: 'note',
        note,
      });
    }
    return deleted;
  };

  const addAppointment = store.addAppointment.bind(store);
  store.addAppointment = (contactId, data) => {
    const event = addAppointment(contactId, data);
    if (event)
      journal.record({ type: 'appointment.created', appointmentId: event.id, contactId }, event.dateAdded);
    return event;
  };

  return journal;
};
