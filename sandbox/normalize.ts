/** Small value normalisers shared by the store, the routes and the search engine. */

import { zoneOffsetMinutes } from '../lib/core/dates';

/** Tags are stored trimmed and lower-cased, as HighLevel does. */
export const normalizeTag = (tag: string): string => tag.trim().toLowerCase();

export const normalizeTags = (tags: readonly string[]): string[] => {
  const seen = new Set<string>();
  for (const tag of tags) {
    const normalized = normalizeTag(tag);
    if (normalized) seen.add(normalized);
  }
  return [...seen];
};

/**
 * Phone numbers are stored in E.164. The sandbox's locations are in the US, so a 10-digit national
 * number gets +1 (HighLevel parses with the location's country). Returns undefined for junk.
 */
export const normalizePhone = (raw: string): string | undefined => {
  const trimmed = raw.trim();
  if (!trimmed) return undefined;
  if (/[^\d\s+().-]/.test(trimmed)) return undefined;
  const hasPlus = trimmed.startsWith('+');
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return undefined;
  if (hasPlus) return `+${digits}`;
  if (digits.length === 10) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith('1')) return `+${digits}`;
  return `+${digits}`;
};

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const isValidEmail = (email: string): boolean => EMAIL_PATTERN.test(email);

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export const isoDate = (ms: number): string => new Date(ms).toISOString();

/** YYYY-MM-DD of an epoch-ms instant, in UTC. */
export const ymd = (ms: number): string => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};

const validYmd = (year: number, month: number, day: number): string | undefined => {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1000 || year > 9999) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
};

/**
 * dateOfBirth as HighLevel documents it: YYYY/MM/DD, MM/DD/YYYY, YYYY-MM-DD, MM-DD-YYYY, YYYY.MM.DD,
 * MM.DD.YYYY, YYYY_MM_DD, MM_DD_YYYY (full ISO timestamps are accepted too). Returns YYYY-MM-DD.
 */
export const parseDateOfBirth = (raw: string): string | undefined => {
  const value = raw.trim();
  let match = /^(\d{4})([/\-._])(\d{1,2})\2(\d{1,2})$/.exec(value);
  if (match) return validYmd(Number(match[1]), Number(match[3]), Number(match[4]));
  match = /^(\d{1,2})([/\-._])(\d{1,2})\2(\d{4})$/.exec(value);
  if (match) return validYmd(Number(match[4]), Number(match[1]), Number(match[3]));
  match = /^(\d{4})-(\d{2})-(\d{2})T[\d:.]+(Z|[+-]\d{2}:?\d{2})?$/.exec(value);
  if (match) return validYmd(Number(match[1]), Number(match[2]), Number(match[3]));
  return undefined;
};

/** An ISO-8601 date or date-time (what HighLevel's IsDateString accepts) → epoch ms. */
export const parseIsoDateTime = (raw: string): number | undefined => {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(raw))
    return undefined;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? undefined : ms;
};

/** A filter/range value: epoch ms (number or numeric string) or an ISO date / date-time. */
export const parseDateValue = (value: unknown): number | undefined => {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    if (/^\d{10,}$/.test(value)) return Number(value);
    return parseIsoDateTime(value);
  }
  return undefined;
};

const validTimezones = new Set<string>(Intl.supportedValuesOf('timeZone'));
validTimezones.add('UTC');
export const isValidTimezone = (tz: string): boolean => {
  if (validTimezones.has(tz)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const timezoneList = (): string[] => [...Intl.supportedValuesOf('timeZone')];

/**
 * "2021-07-16 11:00:00" in the given time zone: the offset-less format of HighLevel's appointment times.
 * The offset comes from the app's own reading of time zones, so the two cannot drift apart.
 */
export const localDateTime = (ms: number, timeZone: string): string => {
  const offset = zoneOffsetMinutes(new Date(ms), timeZone);
  if (offset === null) throw new RangeError(`Invalid time zone specified: ${timeZone}`);
  return new Date(ms + offset * 60_000).toISOString().slice(0, 19).replace('T', ' ');
};
