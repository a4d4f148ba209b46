/** Contract §4–§5: routing, as pure functions (change computation: contactState.test.ts). */
import { deliveryId, route, triggersFor, type EventBody, type Subscription } from '../src/routing';

const contact = (type: string, fields: Record<string, unknown> = {}): EventBody =>
  ({ type, locationId: 'loc', id: 'c1', email: 'a@example.com', tags: ['Lead'], ...fields }) as EventBody;

const sub = (trigger: string, filters: Record<string, string> = {}, id = trigger): Subscription => ({
  id,
  trigger,
  filters,
});

describe('route', () => {
  const change = { addedTags: ['VIP', 'Customer'], removedTags: ['Lead'], changedFields: ['email', 'tags'] };

  it('lists the triggers each event feeds (contract §5)', () => {
    expect(triggersFor('ContactCreate')).toEqual(['new_contact', 'contact_tag_added']);
    expect(triggersFor('ContactTagUpdate')).toEqual([
      'updated_contact',
      'contact_tag_added',
      'contact_tag_removed',
    ]);
    expect(triggersFor('TaskComplete')).toEqual(['task_completed']);
    expect(triggersFor('NoteUpdate')).toEqual([]);
  });

  it('makes one tag delivery per added or removed tag, filtered case-insensitively', () => {
    const planned = route(
      contact('ContactTagUpdate'),
      [sub('contact_tag_added'), sub('contact_tag_added', { tag: 'vip' }, 'vip'), sub('contact_tag_removed')],
      change,
      false,
    );
    expect(planned.map((p) => [p.subscriptionId, p.discriminator, p.change?.tag])).toEqual([
      ['contact_tag_added', 'vip', 'VIP'],
      ['contact_tag_added', 'customer', 'Customer'],
      ['vip', 'vip', 'VIP'],
      ['contact_tag_removed', 'lead', 'Lead'],
    ]);
  });

  it('updated_contact: a change, a first sighting, or a watched field', () => {
    const subs = [
      sub('updated_contact'),
      sub('updated_contact', { watchFields: 'phone, firstName' }, 'watch'),
    ];
    expect(route(contact('ContactUpdate'), subs, change, false).map((p) => p.subscriptionId)).toEqual([
      'updated_contact',
    ]);
    const none = { addedTags: [], removedTags: [], changedFields: [] };
    expect(route(contact('ContactUpdate'), subs, none, false)).toEqual([]);
    expect(route(contact('ContactUpdate'), subs, none, true).map((p) => p.subscriptionId)).toEqual([
      'updated_contact',
    ]);
    const phone = { ...none, changedFields: ['phone'] };
    expect(route(contact('ContactUpdate'), subs, phone, false).map((p) => p.subscriptionId)).toEqual([
      'updated_contact',
      'watch',
    ]);
  });

  it('filters on the payload, and lets an event through when it lacks the filtered key', () => {
    const subs = [
      sub('new_task', { contactId: 'c1' }, 'mine'),
      sub('new_task', { contactId: 'c2' }, 'other'),
    ];
    expect(
      route({ type: 'TaskCreate', locationId: 'l', contactId: 'c1' }, subs, undefined, false).map(
        (p) => p.subscriptionId,
      ),
    ).toEqual(['mine']);
    // TaskCreate without contactId (HighLevel's issue #332): both get it, the app filters after filling it in.
    expect(route({ type: 'TaskCreate', locationId: 'l', id: 't' }, subs, undefined, false)).toHaveLength(2);
    const appointment = {
      type: 'AppointmentCreate',
      locationId: 'l',
      appointment: { calendarId: 'cal1', contactId: 'c1' },
    };
    expect(route(appointment, [sub('new_appointment', { calendarId: 'cal2' })], undefined, false)).toEqual(
      [],
    );
    expect(
      route(appointment, [sub('new_appointment', { calendarId: 'cal1' })], undefined, false),
    ).toHaveLength(1);
    expect(
      route(contact('ContactCreate', { tags: ['VIP'] }), [sub('new_contact', { tag: 'vip' })], change, true),
    ).toHaveLength(1);
    expect(route(contact('ContactCreate'), [sub('new_contact', { tag: 'vip' })], change, true)).toEqual([]);
  });

  it('gives each (event, subscription, tag) its own stable id', () => {
    expect(deliveryId('w1', 's1', '')).toBe(deliveryId('w1', 's1', ''));
    expect(
      new Set([
        deliveryId('w1', 's1', ''),
        deliveryId('w1', 's1', 'vip'),
        deliveryId('w1', 's2', ''),
        deliveryId('w2', 's1', ''),
      ]).size,
    ).toBe(4);
    expect(deliveryId('w1', 's1', '')).toMatch(/^dlv_[\w-]{24}$/);
  });
});
