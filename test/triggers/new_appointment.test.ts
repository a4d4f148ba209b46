import { perform } from '../../triggers/new_appointment';
import { appTester, caught, highlevel, LOCATION_ID, makeBundle } from '../helpers';

const event = (id: string, dateAdded: string, startTime: string) => ({
  id,
  calendarId: 'cal_1',
  title: `Call ${id}`,
  status: 'booked',
  appointmentStatus: 'confirmed',
  startTime,
  endTime: startTime.replace('10:00', '10:30'),
  dateAdded,
});

const location = { location: { id: LOCATION_ID, name: 'Demo', timezone: 'America/New_York', country: 'US' } };

describe('new_appointment', () => {
  it("returns the contact's appointments newest booked first, times in the sub-account's zone", async () => {
    const scope = highlevel()
      .get('/contacts/c1/appointments')
      .reply(200, {
        events: [
          event('e1', '2026-11-20 09:00:00', '2026-12-01 10:00:00'),
          event('e2', '2026-11-21 09:00:00', '2026-11-26 10:00:00'),
        ],
      })
      .get(`/locations/${LOCATION_ID}`)
      .reply(200, location);

    const result = await appTester(perform, makeBundle({ contactId: 'c1' }));

    expect(result).toEqual([
      {
        id: 'e2',
        title: 'Call e2',
        calendarId: 'cal_1',
        status: 'booked',
        appointmentStatus: 'confirmed',
        startTime: '2026-11-26T10:00:00-05:00',
        endTime: '2026-11-26T10:30:00-05:00',
        assignedUserId: null,
        notes: null,
        address: null,
        contactId: 'c1',
        dateAdded: '2026-11-21T09:00:00.000+00:00',
        dateUpdated: null,
      },
      expect.objectContaining({ id: 'e1', startTime: '2026-12-01T10:00:00-05:00' }),
    ]);
    scope.done();
  });

  it('reads the sub-account once an hour (cached), and not at all without appointments', async () => {
    highlevel()
      .get('/contacts/c1/appointments')
      .times(2)
      .reply(200, { events: [event('e1', '2026-11-20 09:00:00', '2026-12-01 10:00:00')] })
      .get('/contacts/c2/appointments')
      .reply(200, { events: [] });
    const locationRead = highlevel().get(`/locations/${LOCATION_ID}`).once().reply(200, location);

    await appTester(perform, makeBundle({ contactId: 'c1' }));
    await appTester(perform, makeBundle({ contactId: 'c1' }));
    expect(await appTester(perform, makeBundle({ contactId: 'c2' }))).toEqual([]);

    locationRead.done();
  });

  it('requires a contact, before any request', async () => {
    const scope = highlevel().get(/.*/).reply(200, { events: [] });

    const error = await caught(appTester(perform, makeBundle({ contactId: '' })));

    expect(error).toMatchObject({ code: 'invalid_input', message: 'Contact is required.' });
    expect(scope.isDone()).toBe(false);
  });
});
