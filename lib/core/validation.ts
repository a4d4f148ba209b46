/**
 * User input → what HighLevel accepts, or a plain error naming the field, before any request is sent.
 */
import type { ZObject } from 'zapier-platform-core';
import { userError } from './errors';
import { lazySchema } from './schema';

/** A value quoted in an error message: at most 60 characters. */
const preview = (value: unknown): string => {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
};

export const invalidValue = (z: ZObject, label: string, what: string, value: unknown) =>
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
    throw invalidValue(
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
    throw invalidValue(z, label, 'is not a valid email address', value);
  }
  return email.toLowerCase();
};

/** A date-time the user typed or mapped → ISO-8601 (tasks' `dueDate`). */
export const optionalDateTime = (z: ZObject, value: unknown, label: string): string | undefined => {
  const text = optionalText(value);
  if (text === undefined) return undefined;
  const parsed = /^\d{10,13}$/.test(text)
    ? new Date(Number(text) * (text.length === 10 ? 1000 : 1))
    : new Date(text);
  if (Number.isNaN(parsed.getTime()) || parsed.getUTCFullYear() < 1900 || parsed.getUTCFullYear() > 2200) {
    throw invalidValue(z, label, 'is not a valid date and time; use e.g. 2026-12-31T17:00:00Z', value);
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
    throw invalidValue(z, label, 'is not a valid date; use YYYY-MM-DD, e.g. 1990-05-14', value);
  }
  const parsed = new Date(day ? `${day}T00:00:00Z` : text);
  if (Number.isNaN(parsed.getTime()) || parsed.getUTCFullYear() < 1900 || parsed.getUTCFullYear() > 2200) {
    throw invalidValue(z, label, 'is not a valid date; use YYYY-MM-DD, e.g. 1990-05-14', value);
  }
  const iso = parsed.toISOString().slice(0, 10);
  if (day && iso !== day) throw invalidValue(z, label, 'is not a real calendar date', value);
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
  throw invalidValue(z, label, 'must be yes or no', value);
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

/** A required list of ids (a mapped value may arrive as one comma-separated text): each one checked. */
export const requiredIdList = (z: ZObject, value: unknown, label: string, max?: number): string[] => {
  const items = textList(value);
  if (items.length === 0) throw userError(z, `${label} is required: choose at least one.`, 'invalid_input');
  if (max !== undefined && items.length > max) {
    throw userError(
      z,
      `${label} can hold at most ${max} entries per step (got ${items.length}). Split them over several steps.`,
      'invalid_input',
    );
  }
  return items.map((item) => requiredId(z, item, label));
};
