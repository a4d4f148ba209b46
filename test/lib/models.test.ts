/**
 * lib/models.ts: HighLevel bodies → the Zapier output shape (DESIGN.md §2): ISO dates with an offset,
 * calendar dates, single reads vs search results (#314), custom fields by name, links, and appointments'
 * wall-clock times read in the sub-account's time zone (DST included).
 */
import { normaliseAppointment } from '../../lib/appointments/model';
import { contactSchema, contactUrl, normaliseContact } from '../../lib/contacts/model';
import { calendarDate, isoDateTime, isoDateTimeInZone } from '../../lib/core/dates';
import {
  type CustomFieldDefinition,
  customFieldOutputKey,
  customFieldValues,
} from '../../lib/lookups/customFields';
import { normaliseLocation } from '../../lib/lookups/location';
import { normaliseNote } from '../../lib/notes/model';
import { locationTaskSchema, normaliseTask } from '../../lib/tasks/model';

const LOCATION_ID = 've9EPM428h8vShlRW1KT';

const definitions: CustomFieldDefinition[] = [
  { id: 'cf1', name: 'Industry', fieldKey: 'contact.industry', dataType: 'SINGLE_OPTIONS' },
  { id: 'cf2', name: 'Budget', fieldKey: 'contact.budget', dataType: 'MONETORY' },
  { id: 'cf3', name: 'Interests', fieldKey: 'contact.interests', dataType: 'MULTIPLE_OPTIONS' },
];

/** GET /contacts/{id} (contacts.json): address1, ISO dates. */
const singleRead = contactSchema().parse({
  id: 'ocQHyuzHvysMo5N5VsXc',
  locationId: LOCATION_ID,
  firstName: 'Rosa',
  lastName: 'Diaz',
  name: 'Rosa Diaz',
  email: 'rosa@example.com',
  phone: '+14155550123',
  companyName: 'Diaz Realty',
  address1: '3535 1st St N',
  city: 'Dolomite',
  state: 'AL',
  postalCode: '35061',
  country: 'US',
  website: 'https://diaz.example.com',
  timezone: 'America/Chicago',
  dnd: false,
  dndSettings: { Call: { status: 'active' } },
  tags: ['vip', 'lead'],
  source: 'public api',
  type: 'lead',
  assignedTo: 'y0BeYjuRIlDwsDcOHOJo',
  dateOfBirth: '1990-09-25T00:00:00.000Z',
  dateAdded: '2026-11-20T15:04:05.000Z',
  dateUpdated: '2026-11-21T09:30:00+00:00',
  customFields: [
    { id: 'cf1', value: 'Retail' },
    { id: 'cf3', value: ['A', 'B'] },
    { id: 'unknown', value: 'ignored' },
  ],
  businessId: '63771dcac1116f0e21de8e12',
  attributionSource: { medium: 'api' },
});

describe('normaliseContact', () => {
  it('turns a single read into the output shape, custom fields by name', () => {
    expect(normaliseContact(singleRead, definitions)).toEqual({
      id: 'ocQHyuzHvysMo5N5VsXc',
      firstName: 'Rosa',
      lastName: 'Diaz',
      fullName: 'Rosa Diaz',
      email: 'rosa@example.com',
      phone: '+14155550123',
      companyName: 'Diaz Realty',
      address1: '3535 1st St N',
      city: 'Dolomite',
      state: 'AL',
      postalCode: '35061',
      country: 'US',
      website: 'https://diaz.example.com',
      timezone: 'America/Chicago',
      source: 'public api',
      type: 'lead',
      dnd: false,
      tags: ['vip', 'lead'],
      assignedTo: 'y0BeYjuRIlDwsDcOHOJo',
      dateOfBirth: '1990-09-25',
      dateAdded: '2026-11-20T15:04:05.000+00:00',
      dateUpdated: '2026-11-21T09:30:00.000+00:00',
      businessId: '63771dcac1116f0e21de8e12',
      locationId: LOCATION_ID,
      url: `https://app.gohighlevel.com/v2/location/${LOCATION_ID}/contacts/detail/ocQHyuzHvysMo5N5VsXc`,
      custom_fields__industry: 'Retail',
      custom_fields__budget: null,
      custom_fields__interests: ['A', 'B'],
    });
  });

  it('reads a search result: `address`, epoch dateOfBirth, lower-case extras (#314)', () => {
    const searchResult = contactSchema().parse({
      id: 'c2',
      locationId: LOCATION_ID,
      firstNameLowerCase: 'ana',
      firstName: 'Ana',
      lastName: null,
      contactName: 'ana',
      address: '1 Main St',
      dateOfBirth: Date.UTC(1985, 0, 31),
      dateAdded: '2026-11-20T15:04:05.123Z',
      dnd: true,
      tags: [],
      searchAfter: [1763651045123, 'c2'],
    });
    const output = normaliseContact(searchResult);
    expect(output).toMatchObject({
      id: 'c2',
      firstName: 'Ana',
      lastName: null,
      fullName: 'ana',
      address1: '1 Main St',
      dateOfBirth: '1985-01-31',
      dateAdded: '2026-11-20T15:04:05.123+00:00',
      dateUpdated: null,
      dnd: true,
      tags: [],
    });
    // No request echo or noise.
    expect(output).not.toHaveProperty('searchAfter');
    expect(output).not.toHaveProperty('firstNameLowerCase');
    expect(output).not.toHaveProperty('address');
  });

  it('prefers address1 over address when both are present', () => {
    expect(normaliseContact(contactSchema().parse({ id: 'c', address1: 'A1', address: 'A' })).address1).toBe(
      'A1',
    );
  });

  it('builds the full name from the parts when HighLevel sends none', () => {
    expect(
      normaliseContact(contactSchema().parse({ id: 'c', firstName: 'Ana', lastName: 'Ruiz' })).fullName,
    ).toBe('Ana Ruiz');
    expect(normaliseContact(contactSchema().parse({ id: 'c', lastName: 'Ruiz' })).fullName).toBe('Ruiz');
    expect(normaliseContact(contactSchema().parse({ id: 'c' })).fullName).toBeNull();
  });

  it('fills every output key of a bare contact with null, false or []', () => {
    const output = normaliseContact(contactSchema().parse({ id: 'c' }), definitions);
    expect(output).toEqual({
      id: 'c',
      firstName: null,
      lastName: null,
      fullName: null,
      email: null,
      phone: null,
      companyName: null,
      address1: null,
      city: null,
      state: null,
      postalCode: null,
      country: null,
      website: null,
      timezone: null,
      source: null,
      type: null,
      dnd: false,
      tags: [],
      assignedTo: null,
      dateOfBirth: null,
      dateAdded: null,
      dateUpdated: null,
      businessId: null,
      locationId: null,
      url: null,
      custom_fields__industry: null,
      custom_fields__budget: null,
      custom_fields__interests: null,
    });
  });

  it('turns empty strings into null and copies the tags', () => {
    const raw = contactSchema().parse({ id: 'c', email: '', city: '', tags: ['a'] });
    const output = normaliseContact(raw);
    expect(output.email).toBeNull();
    expect(output.city).toBeNull();
    output.tags.push('b');
    expect(raw.tags).toEqual(['a']);
  });

  it('links to the contact with encoded ids, on HIGHLEVEL_APP_URL when set', () => {
    const saved = process.env.HIGHLEVEL_APP_URL;
    try {
      process.env.HIGHLEVEL_APP_URL = 'https://crm.example.com';
      expect(contactUrl('loc 1', 'c/2')).toBe(
        'https://crm.example.com/v2/location/loc%201/contacts/detail/c%2F2',
      );
    } finally {
      if (saved === undefined) delete process.env.HIGHLEVEL_APP_URL;
      else process.env.HIGHLEVEL_APP_URL = saved;
    }
    expect(contactUrl(null, 'c')).toBeNull();
  });
});

describe('custom fields by name', () => {
  it('keys a field by its fieldKey without "contact."', () => {
    expect(customFieldOutputKey({ id: 'x', fieldKey: 'contact.industry' })).toBe('custom_fields__industry');
    expect(customFieldOutputKey({ id: 'x', fieldKey: 'contact.my-field.v2' })).toBe(
      'custom_fields__my_field_v2',
    );
    expect(customFieldOutputKey({ id: 'x', fieldKey: 'opportunity.stage' })).toBe(
      'custom_fields__opportunity_stage',
    );
    expect(customFieldOutputKey({ id: 'x1', fieldKey: 'contact.' })).toBe('custom_fields__x1');
  });

  it('maps values by id, null for fields without a value, nothing for unknown ids', () => {
    expect(
      customFieldValues([{ id: 'cf2', value: 1200 }, { id: 'zz', value: 'x' }, { id: 'cf1' }], definitions),
    ).toEqual({
      custom_fields__industry: null,
      custom_fields__budget: 1200,
      custom_fields__interests: null,
    });
    expect(customFieldValues(undefined, [])).toEqual({});
  });

  it('outputs DATE fields (read back as epoch ms) as YYYY-MM-DD', () => {
    const dateField = { id: 'cfd', name: 'Renewal', fieldKey: 'contact.renewal', dataType: 'DATE' };
    expect(customFieldValues([{ id: 'cfd', value: Date.UTC(2027, 0, 31) }], [dateField])).toEqual({
      custom_fields__renewal: '2027-01-31',
    });
    expect(customFieldValues([{ id: 'cfd', value: '2027-01-31T00:00:00.000Z' }], [dateField])).toEqual({
      custom_fields__renewal: '2027-01-31',
    });
  });
});

describe('dates', () => {
  it.each<[string | number | null | undefined, string | null]>([
    ['2026-11-20T15:04:05.000Z', '2026-11-20T15:04:05.000+00:00'],
    ['2026-11-20T15:04:05Z', '2026-11-20T15:04:05.000+00:00'],
    ['2026-11-20T17:04:05+02:00', '2026-11-20T15:04:05.000+00:00'],
    ['2026-11-20T10:04:05-05:00', '2026-11-20T15:04:05.000+00:00'],
    ['2026-11-20T15:04:05', '2026-11-20T15:04:05.000+00:00'],
    ['2026-11-20 15:04:05', '2026-11-20T15:04:05.000+00:00'],
    ['2026-11-20', '2026-11-20T00:00:00.000+00:00'],
    [Date.UTC(2026, 10, 20, 15, 4, 5), '2026-11-20T15:04:05.000+00:00'],
    ['', null],
    [null, null],
    [undefined, null],
    ['not a date', null],
  ])('isoDateTime(%j) → %j', (value, iso) => {
    expect(isoDateTime(value)).toBe(iso);
  });

  it('every isoDateTime output carries an explicit offset', () => {
    expect(isoDateTime('2026-11-20T15:04:05')).toMatch(/[+-]\d{2}:\d{2}$/);
  });

  it.each<[string | number | null | undefined, string | null]>([
    ['1990-09-25', '1990-09-25'],
    ['1990-09-25T00:00:00.000Z', '1990-09-25'],
    ['1990-09-25T23:00:00-05:00', '1990-09-25'],
    [Date.UTC(1990, 8, 25), '1990-09-25'],
    ['', null],
    [null, null],
    ['garbage', null],
  ])('calendarDate(%j) → %j', (value, day) => {
    expect(calendarDate(value)).toBe(day);
  });
});

describe('appointments: wall-clock times in the sub-account time zone', () => {
  it.each([
    // HIGHLEVEL.md §6: startTime comes without an offset, in the spec as `2021-07-16 11:00:00`.
    ['America/New_York', '2021-07-16 11:00:00', '2021-07-16T11:00:00-04:00'],
    ['America/New_York', '2026-01-15T10:00:00', '2026-01-15T10:00:00-05:00'],
    ['Europe/Berlin', '2026-07-01T09:30:00', '2026-07-01T09:30:00+02:00'],
    ['Europe/Berlin', '2026-12-01T09:30:00', '2026-12-01T09:30:00+01:00'],
    ['Asia/Kolkata', '2026-07-01T09:30:00', '2026-07-01T09:30:00+05:30'],
    ['Asia/Kathmandu', '2026-07-01T09:30:00', '2026-07-01T09:30:00+05:45'],
    ['Australia/Sydney', '2026-01-10T08:00:00', '2026-01-10T08:00:00+11:00'],
    ['Australia/Sydney', '2026-07-10T08:00:00', '2026-07-10T08:00:00+10:00'],
    ['UTC', '2026-07-01T09:30:00', '2026-07-01T09:30:00+00:00'],
    // Around DST changes the wall-clock time stays as written; only the offset changes.
    // New York springs forward on 2026-03-08 at 02:00 (07:00Z), falls back on 2026-11-01 at 02:00 (06:00Z).
    ['America/New_York', '2026-03-08T01:30:00', '2026-03-08T01:30:00-05:00'],
    ['America/New_York', '2026-03-08T03:30:00', '2026-03-08T03:30:00-04:00'],
    ['America/New_York', '2026-03-08T06:00:00', '2026-03-08T06:00:00-04:00'],
    ['America/New_York', '2026-11-01T00:30:00', '2026-11-01T00:30:00-04:00'],
    ['America/New_York', '2026-11-01T03:00:00', '2026-11-01T03:00:00-05:00'],
    ['America/New_York', '2026-11-01T05:59:00', '2026-11-01T05:59:00-05:00'],
    // Berlin springs forward on 2026-03-29 at 02:00 (01:00Z), falls back on 2026-10-25 at 03:00 (01:00Z).
    ['Europe/Berlin', '2026-03-29T01:30:00', '2026-03-29T01:30:00+01:00'],
    ['Europe/Berlin', '2026-03-29T03:30:00', '2026-03-29T03:30:00+02:00'],
    ['Europe/Berlin', '2026-10-25T01:30:00', '2026-10-25T01:30:00+02:00'],
    ['Europe/Berlin', '2026-10-25T03:30:00', '2026-10-25T03:30:00+01:00'],
  ])('%s: %s → %s', (zone, wallClock, iso) => {
    expect(isoDateTimeInZone(wallClock, zone)).toBe(iso);
  });

  it.each([
    ['America/New_York', '2026-03-08', '02'],
    ['America/New_York', '2026-11-01', null],
    ['Europe/Berlin', '2026-03-29', '02'],
    ['Europe/Berlin', '2026-10-25', null],
    ['Australia/Sydney', '2026-04-05', null],
    ['Australia/Sydney', '2026-10-04', '02'],
  ])(
    '%s on %s: every quarter hour names an instant that shows that wall-clock time',
    (zone, day, gapHour) => {
      const wallOf = (instant: number) =>
        new Intl.DateTimeFormat('sv-SE', {
          timeZone: zone,
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          second: '2-digit',
        })
          .format(instant)
          .replace(' ', 'T');
      for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
        const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
        const wall = `${day}T${hh}:${String(minutes % 60).padStart(2, '0')}:00`;
        const iso = isoDateTimeInZone(wall, zone)!;
        expect(iso.slice(0, 19)).toBe(wall);
        // A skipped (spring-forward) time has no instant of its own; every other one must round-trip.
        if (hh !== gapHour) expect(wallOf(Date.parse(iso))).toBe(wall);
      }
    },
  );

  it('an ambiguous fall-back time is one of its two real instants', () => {
    const iso = isoDateTimeInZone('2026-11-01T01:30:00', 'America/New_York');
    expect(['2026-11-01T01:30:00-04:00', '2026-11-01T01:30:00-05:00']).toContain(iso);
  });

  it('a time skipped by spring-forward still names a real instant (moved forward an hour)', () => {
    const iso = isoDateTimeInZone('2026-03-08T02:30:00', 'America/New_York');
    expect(iso).toMatch(/^2026-03-08T0[23]:30:00-0[45]:00$/);
    expect(Date.parse(iso!)).toBe(Date.UTC(2026, 2, 8, 7, 30));
  });

  it('keeps a time that already has an offset (converted to UTC)', () => {
    expect(isoDateTimeInZone('2026-07-01T09:30:00+02:00', 'America/New_York')).toBe(
      '2026-07-01T07:30:00.000+00:00',
    );
    expect(isoDateTimeInZone('2026-07-01T09:30:00Z', 'America/New_York')).toBe(
      '2026-07-01T09:30:00.000+00:00',
    );
  });

  it('reads the time as UTC without a usable time zone', () => {
    expect(isoDateTimeInZone('2026-07-01T09:30:00', undefined)).toBe('2026-07-01T09:30:00.000+00:00');
    expect(isoDateTimeInZone('2026-07-01T09:30:00', 'Mars/Olympus_Mons')).toBe(
      '2026-07-01T09:30:00.000+00:00',
    );
  });

  it('returns null for nothing or garbage', () => {
    expect(isoDateTimeInZone(null, 'Europe/Berlin')).toBeNull();
    expect(isoDateTimeInZone('2026-99-99T25:00:00', 'Europe/Berlin')).toBeNull();
  });

  it('normaliseAppointment applies the zone to start and end, not to the ISO bookkeeping dates', () => {
    expect(
      normaliseAppointment(
        {
          id: 'a1',
          calendarId: 'cal1',
          title: 'Discovery call',
          status: 'booked',
          appointmentStatus: 'confirmed',
          assignedUserId: 'u1',
          notes: '',
          address: 'https://zoom.us/j/1',
          startTime: '2026-07-16 11:00:00',
          endTime: '2026-07-16 11:30:00',
          locationId: LOCATION_ID,
          dateAdded: '2026-07-01T10:00:00.000Z',
          dateUpdated: '2026-07-02T10:00:00.000Z',
        },
        'America/New_York',
        'c9',
      ),
    ).toEqual({
      id: 'a1',
      title: 'Discovery call',
      calendarId: 'cal1',
      status: 'booked',
      appointmentStatus: 'confirmed',
      startTime: '2026-07-16T11:00:00-04:00',
      endTime: '2026-07-16T11:30:00-04:00',
      assignedUserId: 'u1',
      notes: null,
      address: 'https://zoom.us/j/1',
      contactId: 'c9',
      dateAdded: '2026-07-01T10:00:00.000+00:00',
      dateUpdated: '2026-07-02T10:00:00.000+00:00',
    });
  });
});

describe('tasks, notes, locations', () => {
  it('normaliseTask: real booleans, ISO dates, the contact it belongs to', () => {
    expect(
      normaliseTask(
        {
          id: 't1',
          title: 'Call',
          body: '',
          dueDate: '2026-12-01T10:00:00Z',
          completed: true,
          contactId: null,
        },
        'c1',
      ),
    ).toEqual({
      id: 't1',
      title: 'Call',
      body: null,
      dueDate: '2026-12-01T10:00:00.000+00:00',
      completed: true,
      assignedTo: null,
      contactId: 'c1',
      dateAdded: null,
      dateUpdated: null,
    });
    expect(normaliseTask({ id: 't2', contactId: 'own' }, 'c1')).toMatchObject({
      completed: false,
      contactId: 'own',
    });
  });

  it('reads `_id` of a location task search as the id', () => {
    expect(locationTaskSchema().parse({ _id: 't9', title: 'x' })).toMatchObject({ id: 't9', title: 'x' });
    expect(locationTaskSchema().parse({ id: 't1', _id: 'other' })).toMatchObject({ id: 't1' });
  });

  it('normaliseNote', () => {
    expect(
      normaliseNote({ id: 'n1', body: 'Hi', userId: 'u1', dateAdded: '2026-11-20T15:12:00.000Z' }, 'c1'),
    ).toEqual({
      id: 'n1',
      body: 'Hi',
      userId: 'u1',
      contactId: 'c1',
      dateAdded: '2026-11-20T15:12:00.000+00:00',
    });
  });

  it('normaliseLocation keeps only what the integration shows', () => {
    expect(
      normaliseLocation({
        id: LOCATION_ID,
        name: 'Demo',
        timezone: 'Europe/Berlin',
        country: 'DE',
        email: 'x@y.z',
      }),
    ).toEqual({ id: LOCATION_ID, name: 'Demo', timezone: 'Europe/Berlin', country: 'DE' });
  });
});

describe('schemas', () => {
  it('accept unknown extra fields and nulls', () => {
    expect(contactSchema().safeParse({ id: 'c', brandNew: { x: 1 }, email: null, tags: null }).success).toBe(
      true,
    );
  });

  it('refuse a contact without an id', () => {
    expect(contactSchema().safeParse({ firstName: 'x' }).success).toBe(false);
    expect(contactSchema().safeParse({ id: '' }).success).toBe(false);
  });
});
