/**
 * HighLevel's dates → the output shape of the app (ISO-8601 with an explicit offset; calendar dates as
 * `YYYY-MM-DD`), and epoch ms for ordering. HighLevel writes the same date several ways (HIGHLEVEL.md §7).
 */

/** Any HighLevel date (ISO string with or without offset, or epoch ms) → ISO-8601 with an explicit offset. */
export const isoDateTime = (value: string | number | null | undefined): string | null => {
  if (value === null || value === undefined || value === '') return null;
  const date = typeof value === 'number' ? new Date(value) : hasZone(value) ? new Date(value) : asUtc(value);
  if (Number.isNaN(date.getTime())) return null;
  return date.toISOString().replace('Z', '+00:00');
};

// The spec's examples write wall-clock times as `2021-07-16 11:00:00` (a space, no `T`, no offset).
const SPACED_DATE_TIME = /^(\d{4}-\d{2}-\d{2}) (?=\d)/;

/** Whether a date text names its instant by itself (an offset, `Z`, or a plain date): no time zone needed. */
export const hasZone = (value: string): boolean =>
  /(Z|[+-]\d{2}:?\d{2})$/i.test(value) || !(/T/.test(value) || SPACED_DATE_TIME.test(value));

/** A date-time without an offset read as UTC. */
const asUtc = (value: string): Date => new Date(`${value.replace(SPACED_DATE_TIME, '$1T')}Z`);

/** A wall-clock time without an offset (appointments, HIGHLEVEL.md §6) read in the sub-account's time zone. */
export const isoDateTimeInZone = (
  value: string | number | null | undefined,
  timeZone: string | undefined,
) => {
  if (typeof value !== 'string' || hasZone(value) || !timeZone) return isoDateTime(value);
  const wallClock = asUtc(value);
  if (Number.isNaN(wallClock.getTime())) return null;
  const guess = zoneOffsetMinutes(wallClock, timeZone);
  if (guess === null) return isoDateTime(value);
  // The offset at the wall-clock time read as UTC can be the other side of a DST change: use the offset
  // in force at the instant it names, if that is consistent, and never move the wall-clock time itself.
  const offsetAt = (minutes: number) =>
    zoneOffsetMinutes(new Date(wallClock.getTime() - minutes * 60_000), timeZone) ?? minutes;
  const candidate = offsetAt(guess);
  const corrected = candidate !== guess && offsetAt(candidate) === candidate ? candidate : guess;
  const local = wallClock.toISOString().slice(0, 19);
  const sign = corrected < 0 ? '-' : '+';
  const abs = Math.abs(corrected);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
};

/** Minutes east of UTC in force in `timeZone` at `instant` (null for an unknown zone); the sandbox uses it too. */
export const zoneOffsetMinutes = (instant: Date, timeZone: string): number | null => {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(instant);
    const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
    const wall = Date.UTC(
      get('year'),
      get('month') - 1,
      get('day'),
      get('hour'),
      get('minute'),
      get('second'),
    );
    return Math.round((wall - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
  } catch {
    return null;
  }
};

/** Date of birth → `YYYY-MM-DD` (a calendar date has no time zone). */
export const calendarDate = (value: string | number | null | undefined): string | null => {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
};

/** Epoch ms of any HighLevel date (ISO with or without offset, spaced wall-clock, epoch ms), or undefined. */
export const timestampOf = (value: string | number | null | undefined): number | undefined => {
  const iso = isoDateTime(value);
  return iso === null ? undefined : Date.parse(iso);
};
