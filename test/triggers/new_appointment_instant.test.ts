import trigger from '../../triggers/new_appointment_instant';
import { caught, highlevel, LOCATION_ID, requestGuard, sentAny } from '../helpers';
import {
  delivery,
  DELIVERY_ID,
  expectUnsubscribeWithoutToken,
  hookBundle,
  keysOf,
  relayReply,
  runHook,
  subscribeBundle,
  subscribedBody,
  useRelayEnv,
} from '../lib/relay/fixtures';

useRelayEnv();

/** An AppointmentCreate as documented: the appointment nested under `appointment`, times with an offset. */
const appointment = {
  id: 'a1',
  title: 'Discovery call',
  calendarId: 'cal1',
  contactId: 'c1',
  groupId: 'g1',
  appointmentStatus: 'confirmed',
  assignedUserId: 'u1',
  users: ['u1'],
  notes: 'Bring the quote.',
  address: 'Zoom',
  source: 'booking_widget',
  startTime: '2026-12-10T16:00:00+05:30',
  endTime: '2026-12-10T16:30:00+05:30',
  dateAdded: '2026-12-04T01:01:00+05:30',
  dateUpdated: '2026-12-04T01:01:00+05:30',
};
const booked = (event: Record<string, unknown>) =>
  delivery('new_appointment', 'AppointmentCreate', { appointment: event });

const output = {
  id: DELIVERY_ID,
  appointmentId: 'a1',
  title: 'Discovery call',
  calendarId: 'cal1',
  status: null,
  appointmentStatus: 'confirmed',
  startTime: '2026-12-10T10:30:00.000+00:00',
  endTime: '2026-12-10T11:00:00.000+00:00',
  assignedUserId: 'u1',
  notes: 'Bring the quote.',
  address: 'Zoom',
  contactId: 'c1',
  dateAdded: '2026-12-03T19:31:00.000+00:00',
  dateUpdated: '2026-12-03T19:31:00.000+00:00',
};

describe('new_appointment_instant', () => {
  it('subscribes with the contact and calendar filters', async () => {
    expect(await subscribedBody(trigger, { contactId: 'c1', calendarId: 'cal1' })).toMatchObject({
      locationId: LOCATION_ID,
      trigger: 'new_appointment',
      filters: { contactId: 'c1', calendarId: 'cal1' },
    });
    expect((await subscribedBody(trigger, {})).filters).toEqual({});
  });

  it('refuses a calendar that is not an id, before any request', async () => {
    const { scope } = relayReply('POST', '/v1/subscriptions', 201, {});

    const error = await caught(
      runHook(trigger, 'performSubscribe', subscribeBundle({ calendarId: 'a b/c' })),
    );

    expect(error.code).toBe('invalid_input');
    expect(scope.isDone()).toBe(false);
  });

  it('unsubscribes with the app secret alone, after the connection expired', async () => {
    await expectUnsubscribeWithoutToken(trigger);
  });

  it('a documented AppointmentCreate on any contact: from the webhook, no request', async () => {
    const guard = requestGuard();

    expect(await runHook(trigger, 'perform', hookBundle({}, booked(appointment)))).toEqual([output]);
    expect(sentAny(guard)).toBe(false);
  });

  it("a sparse AppointmentCreate with wall-clock times: read in the sub-account's time zone", async () => {
    highlevel()
      .get(`/locations/${LOCATION_ID}`)
      .reply(200, { location: { id: LOCATION_ID, name: 'Shop', timezone: 'America/New_York' } });

    const [item] = await runHook(
      trigger,
      'perform',
      hookBundle({}, booked({ id: 'a2', calendarId: 'cal1', startTime: '2026-12-10 09:00:00' })),
    );

    expect(item).toEqual({
      ...Object.fromEntries(Object.keys(output).map((key) => [key, null])),
      id: DELIVERY_ID,
      appointmentId: 'a2',
      calendarId: 'cal1',
      startTime: '2026-12-10T09:00:00-05:00',
    });
  });

  it('another calendar or contact than the chosen one fires nothing', async () => {
    expect(
      await runHook(trigger, 'perform', hookBundle({ calendarId: 'cal2' }, booked(appointment))),
    ).toEqual([]);
    expect(await runHook(trigger, 'perform', hookBundle({ contactId: 'c2' }, booked(appointment)))).toEqual(
      [],
    );
  });

  it('an event without its appointment: a plain message', async () => {
    const error = await caught(
      runHook(trigger, 'perform', hookBundle({}, delivery('new_appointment', 'AppointmentCreate', {}))),
    );

    expect(error.code).toBe('unexpected_response');
  });

  it("performList with a contact: New Appointment's sample, with the same keys as a fire", async () => {
    highlevel()
      .get('/contacts/c1/appointments')
      .reply(200, { events: [{ id: 'a9', calendarId: 'cal1', startTime: '2026-12-10T09:00:00Z' }] });
    highlevel()
      .get(`/locations/${LOCATION_ID}`)
      .reply(200, { location: { id: LOCATION_ID, name: 'Shop', timezone: 'America/New_York' } });

    const listed = await runHook(trigger, 'performList', hookBundle({ contactId: 'c1' }, undefined));
    const fired = await runHook(trigger, 'perform', hookBundle({ contactId: 'c1' }, booked(appointment)));

    expect(listed.map((item) => [item.id, item.appointmentId, item.contactId])).toEqual([['a9', 'a9', 'c1']]);
    expect(keysOf(listed)).toEqual(keysOf(fired));
  });
});
