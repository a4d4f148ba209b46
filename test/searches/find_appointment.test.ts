import App from '../../index';
import findAppointment, { perform } from '../../searches/find_appointment';
import { appTester, caught, highlevel, LOCATION_ID, makeBundle } from '../helpers';
import { CONTACT_ID, refused, staticFields } from './fixtures';

// 07:00 in New York.
const NOW = Date.parse('2026-11-22T12:00:00.000Z');

const event = (id: string, startTime: string | number, appointmentStatus: string) => ({
  id,
  calendarId: 'BqTwX8QFwXzpegMve9EQ',
  status: 'booked',
  appointmentStatus,
  title: `Call ${id}`,
  assignedUserId: 'y0BeYjuRIlDwsDcOHOJo',
  notes: 'Bring the pricing sheet.',
  startTime,
  endTime: typeof startTime === 'number' ? startTime + 1_800_000 : startTime.replace(':00:00', ':30:00'),
  address: 'Zoom',
  locationId: LOCATION_ID,
  contactId: CONTACT_ID,
  groupId: 'group1',
  users: [],
  dateAdded: '2026-11-01 09:00:00',
  dateUpdated: '2026-11-02T09:00:00.000Z',
});

const EVENTS = [
  event('past1', '2026-11-20 10:00:00', 'confirmed'),
  event('future1', '2026-11-26 10:00:00', 'confirmed'),
  event('past2', '2026-11-21 09:00:00', 'showed'),
  event('pastCancelled', '2026-11-22 06:00:00', 'cancelled'),
  event('future2', '2026-11-24 15:00:00', 'new'),
  event('futureCancelled', '2026-11-23 09:00:00', 'cancelled'),
  event('futureEpoch', Date.parse('2026-12-01T15:00:00.000Z'), 'invalid'),
  event('undated', '', 'confirmed'),
];

const appointments = (events: unknown[] = EVENTS) =>
  highlevel().get(`/contacts/${CONTACT_ID}/appointments`).reply(200, { events });

const location = () =>
  highlevel()
    .get(`/locations/${LOCATION_ID}`)
    .reply(200, { location: { id: LOCATION_ID, name: 'Demo', timezone: 'America/New_York', country: 'US' } });

const ids = (result: Array<{ id: string }>) => result.map((item) => item.id);

describe('find_appointment', () => {
  beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(NOW);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('is registered: a contact, which appointment (static, default next) and an optional status', () => {
    expect(App.searches?.find_appointment).toBe(findAppointment);
    expect(findAppointment.display.label).toBe('Find Appointment');
    const fields = staticFields(findAppointment.operation);
    expect(fields.map((field) => [field.key, field.required, field.default])).toEqual([
      ['contactId', true, undefined],
      ['which', true, 'next'],
      ['status', false, undefined],
    ]);
    const status = fields.find((field) => field.key === 'status');
    expect((status?.choices as Array<{ value: string }>).map((choice) => choice.value)).toEqual([
      'new',
      'confirmed',
      'showed',
      'noshow',
      'cancelled',
      'invalid',
      'active',
      'completed',
    ]);
  });

  it('finds the next upcoming one in the sub-account time zone, skipping cancelled and invalid', async () => {
    const api = appointments();
    const tz = location();
    const result = await appTester(perform, makeBundle({ contactId: CONTACT_ID, which: 'next' }));
    expect(ids(result)).toEqual(['future2', 'future1']);
    expect(result[0]).toEqual({
      id: 'future2',
      title: 'Call future2',
      calendarId: 'BqTwX8QFwXzpegMve9EQ',
      status: 'booked',
      appointmentStatus: 'new',
      startTime: '2026-11-24T15:00:00-05:00',
      endTime: '2026-11-24T15:30:00-05:00',
      assignedUserId: 'y0BeYjuRIlDwsDcOHOJo',
      notes: 'Bring the pricing sheet.',
      address: 'Zoom',
      contactId: CONTACT_ID,
      dateAdded: '2026-11-01T09:00:00.000+00:00',
      dateUpdated: '2026-11-02T09:00:00.000+00:00',
    });
    api.done();
    tz.done();
  });

  it('defaults to the next upcoming one', async () => {
    appointments();
    location();
    expect(ids(await appTester(perform, makeBundle({ contactId: CONTACT_ID })))).toEqual([
      'future2',
      'future1',
    ]);
  });

  it('finds the latest one that has started, most recent first', async () => {
    appointments();
    location();
    const result = await appTester(perform, makeBundle({ contactId: CONTACT_ID, which: 'latest' }));
    expect(ids(result)).toEqual(['past2', 'past1']);
    expect(result[0].startTime).toBe('2026-11-21T09:00:00-05:00');
  });

  it('filters by status (value or label), cancelled ones included when asked for', async () => {
    appointments();
    location();
    expect(
      ids(
        await appTester(perform, makeBundle({ contactId: CONTACT_ID, which: 'latest', status: 'cancelled' })),
      ),
    ).toEqual(['pastCancelled']);
    appointments();
    expect(
      ids(await appTester(perform, makeBundle({ contactId: CONTACT_ID, which: 'next', status: 'Invalid' }))),
    ).toEqual(['futureEpoch']);
  });

  it('reads the sub-account once: the next run is one request', async () => {
    appointments();
    location();
    await appTester(perform, makeBundle({ contactId: CONTACT_ID }));
    const api = appointments();
    expect(ids(await appTester(perform, makeBundle({ contactId: CONTACT_ID })))).toEqual([
      'future2',
      'future1',
    ]);
    api.done();
  });

  it('returns [] without reading the sub-account when nothing has the status', async () => {
    const api = appointments();
    expect(await appTester(perform, makeBundle({ contactId: CONTACT_ID, status: 'noshow' }))).toEqual([]);
    api.done();
  });

  it('returns [] when the contact has no appointments', async () => {
    const api = appointments([]);
    expect(await appTester(perform, makeBundle({ contactId: CONTACT_ID }))).toEqual([]);
    api.done();
  });

  it('returns [] when there is no upcoming one', async () => {
    appointments([event('past1', '2026-11-20 10:00:00', 'confirmed')]);
    location();
    expect(await appTester(perform, makeBundle({ contactId: CONTACT_ID, which: 'next' }))).toEqual([]);
  });

  it('returns [] when the contact does not exist (404)', async () => {
    const api = highlevel()
      .get('/contacts/gone/appointments')
      .reply(404, { statusCode: 404, message: 'Contact not found' });
    expect(await appTester(perform, makeBundle({ contactId: 'gone' }))).toEqual([]);
    api.done();
  });

  it("passes HighLevel's 422 messages on", async () => {
    highlevel()
      .get(`/contacts/${CONTACT_ID}/appointments`)
      .reply(422, { statusCode: 422, message: ['contactId must be valid'], error: 'Unprocessable Entity' });
    expect(await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID })))).toMatchObject({
      code: 'validation_failed',
      message: 'HighLevel rejected the request: contactId must be valid.',
    });
  });

  describe('validation: a plain error and no request', () => {
    it.each([
      [{ which: 'next' }, 'Contact is required.'],
      [
        { contactId: CONTACT_ID, which: 'soonest' },
        'Which Appointment must be "next" (Next Upcoming) or "latest" (Latest) (got "soonest").',
      ],
      [
        { contactId: CONTACT_ID, status: 'booked' },
        'Status must be one of new, confirmed, showed, noshow, cancelled, invalid, active, completed (got "booked").',
      ],
      [
        { contactId: 'a b' },
        'Contact must be a HighLevel ID (letters, digits, - or _); choose it from the dropdown (got "a b").',
      ],
    ])('%j', async (inputData, message) => {
      expect(await refused(() => appTester(perform, makeBundle(inputData)))).toEqual({
        message,
        code: 'invalid_input',
        sent: false,
      });
    });
  });
});
