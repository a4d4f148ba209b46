/**
 * The sandbox's record of what happened (sandbox/journal.ts, docs/TRIGGERS.md §5): every write after start, in
 * order, with the store's time from the `clock` option; seeding is history and is not journaled.
 */
import { startSandbox, type Sandbox } from '../../sandbox/server';
import './helpers';

const T0 = Date.UTC(2026, 10, 30, 12);
let now = T0;
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 20, clock: () => now });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.journal.clear());

const withoutSeq = () => sandbox.journal.events.map(({ seq: _seq, ...event }) => event);

describe('sandbox journal', () => {
  it('does not journal seeding, and stamps writes with the clock option', () => {
    expect(sandbox.store.contacts.size).toBeGreaterThanOrEqual(20);
    now = T0 + 1_000;
    const contact = sandbox.store.createContact(sandbox.locationId, {
      email: 'gina@example.com',
      tags: ['vip'],
    });

    expect(withoutSeq()).toEqual([
      { type: 'contact.created', contactId: contact.id, tags: ['vip'], at: T0 + 1_000 },
      { type: 'contact.tagAdded', contactId: contact.id, tag: 'vip', at: T0 + 1_000 },
    ]);
  });

  it('records each changed field (old → new), tags added and removed, and reassignments', () => {
    const contact = sandbox.store.createContact(sandbox.locationId, { city: 'Lyon', tags: ['a'] });
    sandbox.journal.clear();
    now += 60_000;

    sandbox.store.updateContact(contact.id, {
      city: 'Nantes',
      tags: ['b'],
      assignedTo: 'sbxDemoUser000000002',
    });
    sandbox.store.updateContact(contact.id, { city: 'Nantes' });

    const at = sandbox.store.contact(contact.id)?.dateUpdated;
    expect(withoutSeq()).toEqual([
      {
        type: 'contact.updated',
        contactId: contact.id,
        changes: [
          { field: 'assignedTo', from: undefined, to: 'sbxDemoUser000000002' },
          { field: 'city', from: 'Lyon', to: 'Nantes' },
          { field: 'tags', from: ['a'], to: ['b'] },
        ],
        at: expect.any(Number),
      },
      { type: 'contact.tagAdded', contactId: contact.id, tag: 'b', at: expect.any(Number) },
      { type: 'contact.tagRemoved', contactId: contact.id, tag: 'a', at: expect.any(Number) },
      {
        type: 'contact.reassigned',
        contactId: contact.id,
        to: 'sbxDemoUser000000002',
        at: expect.any(Number),
      },
    ]);
    expect(at).toBeGreaterThanOrEqual(now);
  });

  it('records tasks created, completed, reopened; notes created and edited; appointments; deletions', () => {
    const contact = sandbox.store.createContact(sandbox.locationId, {});
    const task = sandbox.store.createTask(contact.id, { title: 'Call', dueDate: now + 1, completed: false });
    const note = sandbox.store.createNote(contact.id, { body: 'Hi', pinned: false });
    if (!task || !note) throw new Error('not created');
    sandbox.store.updateTask(task.id, { completed: true });
    sandbox.store.updateTask(task.id, { completed: false });
    sandbox.store.updateNote(note.id, { body: 'Hello' });
    const event = sandbox.store.addAppointment(contact.id, {
      calendarId: 'sbxCalendar000000001',
      title: 'Visit',
      status: 'booked',
      appointmentStatus: 'confirmed',
      startTime: now + 86_400_000,
      endTime: now + 86_400_000 + 1_800_000,
    });
    sandbox.store.deleteContact(contact.id);

    expect(sandbox.journal.events.map((entry) => entry.type)).toEqual([
      'contact.created',
      'task.created',
      'note.created',
      'task.updated',
      'task.completed',
      'task.updated',
      'task.reopened',
      'note.edited',
      'appointment.created',
      // The contact's tasks, notes and appointments go with it: one event.
      'contact.deleted',
    ]);
    expect(sandbox.journal.ofType('appointment.created')).toEqual([
      expect.objectContaining({ appointmentId: event?.id, contactId: contact.id }),
    ]);
    expect(sandbox.journal.events.map((entry) => entry.seq)).toEqual(
      sandbox.journal.events.map((_, index) => index),
    );
  });
});
