/**
 * User input → what HighLevel accepts, or a plain error naming the field, before any request is sent.
 */
import type { CountryCode } from 'libphonenumber-js';
import type { ZObject } from 'zapier-platform-core';
import { cached } from './cache';
import { getLocation, locationIdOf, type AuthBundle } from './highlevel';
import { locationSchema, type HighLevelLocation } from './models';
import { errorDetails, userError } from './errors';
import { lazySchema } from './schema';

const preview = (value: unknown): string => {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
};

const invalid = (z: ZObject, label: string, what: string, value: unknown) =>
  userError(z, `${label} ${what} (got "${preview(value)}").`, 'invalid_input');

/** The object without its undefined values: a request body never carries a key the user did not set. */
export const definedOnly = <T extends object>(body: T): T =>
  Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)) as T;

/** Trimmed text, or undefined when empty: empty optional fields are never sent. */
export const optionalText = (value: unknown): string | undefined => {
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
};

export const requiredText = (z: ZObject, value: unknown, label: string): string => {
  const text = optionalText(value);
  if (text === undefined) throw userError(z, `${label} is required.`, 'invalid_input');
  return text;
};

/** HighLevel ids are short alphanumeric strings; anything else (a `/`, `?`, `..`) is refused. */
const ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

export const requiredId = (z: ZObject, value: unknown, label: string): string => {
  const id = requiredText(z, value, label);
  if (!ID_PATTERN.test(id)) {
    throw invalid(
      z,
      label,
      'must be a HighLevel ID (letters, digits, - or _); choose it from the dropdown',
      value,
    );
  }
  return id;
};

export const optionalId = (z: ZObject, value: unknown, label: string): string | undefined =>
  optionalText(value) === undefined ? undefined : requiredId(z, value, label);

const emailSchema = lazySchema((zod) => zod.email());

export const optionalEmail = (z: ZObject, value: unknown, label = 'Email'): string | undefined => {
  const email = optionalText(value);
  if (email === undefined) return undefined;
  if (email.length > 254 || !emailSchema().safeParse(email).success) {
    throw invalid(z, label, 'is not a valid email address', value);
  }
  return email.toLowerCase();
};

/**
 * A phone number in E.164 (HIGHLEVEL.md §11, #289). Numbers without a `+` are read in the sub-account's
 * country (the default region), which is only looked up when such a number is given.
 */
export const optionalPhone = async (
  z: ZObject,
  bundle: AuthBundle,
  value: unknown,
  label = 'Phone',
): Promise<string | undefined> => {
  const raw = optionalText(value);
  if (raw === undefined) return undefined;
  if (raw.length > 40) throw invalid(z, label, 'is not a valid phone number', value);
  const region = raw.startsWith('+') ? undefined : await defaultRegion(z, bundle);
  // Loaded on first use, not with the app (like zod, lib/schema.ts): its metadata would be most of what
  // the app adds to load time and memory (npm run bench, section 4), and most steps never read a phone number.
  const { parsePhoneNumberFromString } = await import('libphonenumber-js');
  const phone = parsePhoneNumberFromString(raw, region);
  if (!phone || !phone.isValid()) {
    throw invalid(
      z,
      label,
      `is not a valid phone number${region ? ` for ${region}` : ''}; use the international format, e.g. +14155550123`,
      value,
    );
  }
  return phone.number;
};

const LOCATION_TTL_SECONDS = 60 * 60;

/** The connected sub-account, cached for an hour (its country and time zone rarely change). */
export const getLocationCached = async (z: ZObject, bundle: AuthBundle): Promise<HighLevelLocation> =>
  cached(
    z,
    `highlevel:location:v1:${locationIdOf(z, bundle)}`,
    LOCATION_TTL_SECONDS,
    () => getLocation(z, bundle),
    (value) => {
      const parsed = locationSchema().safeParse(value);
      return parsed.success ? parsed.data : undefined;
    },
  );

/** The sub-account's country; US when the sub-account cannot be read (e.g. no `locations.readonly`). */
const defaultRegion = async (z: ZObject, bundle: AuthBundle): Promise<CountryCode> => {
  let country: string | undefined;
  try {
    country = (await getLocationCached(z, bundle)).country?.toUpperCase();
  } catch (error) {
    if (errorDetails(error).code !== 'forbidden') throw error;
  }
  return country && /^[A-Z]{2}$/.test(country) ? (country as CountryCode) : 'US';
};

/** A date-time the user typed or mapped → ISO-8601 (tasks' `dueDate`). */
export const optionalDateTime = (z: ZObject, value: unknown, label: string): string | undefined => {
  const text = optionalText(value);
  if (text === undefined) return undefined;
  const parsed = /^\d{10,13}$/.test(text)
    ? new Date(Number(text) * (text.length === 10 ? 1000 : 1))
    : new Date(text);
  if (Number.isNaN(parsed.getTime()) || parsed.getUTCFullYear() < 1900 || parsed.getUTCFullYear() > 2200) {
    throw invalid(z, label, 'is not a valid date and time; use e.g. 2026-12-31T17:00:00Z', value);
  }
  return parsed.toISOString();
};

/** A calendar date → `YYYY-MM-DD` (date of birth, HIGHLEVEL.md §6). */
export const optionalCalendarDate = (z: ZObject, value: unknown, label: string): string | undefined => {
  const text = optionalText(value);
  if (text === undefined) return undefined;
  // The day as written: "1990-05-14T00:00:00+10:00" is the 14th, although it is the 13th in UTC.
  const day = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(text)?.[1];
  if (day && Number.isNaN(new Date(text.replace(' ', 'T')).getTime())) {
    throw invalid(z, label, 'is not a valid date; use YYYY-MM-DD, e.g. 1990-05-14', value);
  }
  const parsed = new Date(day ? `${day}T00:00:00Z` : text);
  if (Number.isNaN(parsed.getTime()) || parsed.getUTCFullYear() < 1900 || parsed.getUTCFullYear() > 2200) {
    throw invalid(z, label, 'is not a valid date; use YYYY-MM-DD, e.g. 1990-05-14', value);
  }
  const iso = parsed.toISOString().slice(0, 10);
  if (day && iso !== day) throw invalid(z, label, 'is not a real calendar date', value);
  return iso;
};

/** A list input (Zapier sends arrays; a mapped value may arrive as one comma-separated string). */
export const textList = (value: unknown): string[] => {
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const seen = new Set<string>();
  for (const item of items.flatMap((entry) => String(entry).split(','))) {
    const text = item.trim();
    if (text !== '') seen.add(text);
  }
  return [...seen];
};

export const optionalBoolean = (z: ZObject, value: unknown, label: string): boolean | undefined => {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (['true', 'yes', '1', 'on'].includes(text)) return true;
  if (['false', 'no', '0', 'off'].includes(text)) return false;
  throw invalid(z, label, 'must be yes or no', value);
};

/** HIGHLEVEL.md §7: a contact search `query` is at most 75 characters. */
export const SEARCH_QUERY_MAX_LENGTH = 75;

/** A keyword for a contact search: trimmed, undefined when empty, refused when HighLevel would refuse it. */
export const optionalSearchQuery = (z: ZObject, value: unknown, label: string): string | undefined => {
  const query = optionalText(value);
  if (query !== undefined && query.length > SEARCH_QUERY_MAX_LENGTH) {
    throw userError(
      z,
      `${label} must be at most ${SEARCH_QUERY_MAX_LENGTH} characters (got ${query.length}).`,
      'invalid_input',
    );
  }
  return query;
};
