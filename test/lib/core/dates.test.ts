/**
 * lib/core/dates.ts: ISO dates with an offset, calendar dates, and appointments' wall-clock times read in
 * the sub-account's time zone (DST included).
 */
import { normaliseAppointment } from '../../../lib/appointments/model';
import { calendarDate, isoDateTime, isoDateTimeInZone } from '../../../lib/core/dates';

const LOCATION_ID = 've9EPM428h8vShlRW1KT';

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
