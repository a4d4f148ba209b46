/** Phone numbers of contacts (inputs and Find Contact), in the E.164 form HighLevel stores. */
import type { CountryCode } from 'libphonenumber-js';
import type { ZObject } from 'zapier-platform-core';
import { errorDetails } from '../core/errors';
import type { AuthBundle } from '../core/request';
import { invalidValue, optionalText } from '../core/validation';
import { getLocationCached } from '../lookups/location';
import { warningOf } from './lenient';

/**
 * A phone number in E.164 (HIGHLEVEL.md §11, #289). Numbers without a `+` are read in the sub-account's
 * country (the default region), which is only looked up when such a number is given.
 */
export const optionalPhone = async (
  z: ZObject,
  bundle: AuthBundle,
  value: unknown,
  label = 'Phone',
  /** Where to say that an extension was left out (HighLevel has no field for one, docs/ACTIONS.md §5). */
  warnings?: string[],
): Promise<string | undefined> => {
  const raw = optionalText(value);
  if (raw === undefined) return undefined;
  if (raw.length > 40) throw invalidValue(z, label, 'is not a valid phone number', value);
  const region = raw.startsWith('+') ? undefined : await defaultRegion(z, bundle);
  // Loaded on first use, not with the app (like zod, lib/core/schema.ts): its metadata would be most of what
  // the app adds to load time and memory (npm run bench, section 4), and most steps never read a phone number.
  const { parsePhoneNumberFromString } = await import('libphonenumber-js');
  const phone = parsePhoneNumberFromString(raw, region);
  if (!phone || !phone.isValid()) {
    throw invalidValue(
      z,
      label,
      `is not a valid phone number${region ? ` for ${region}` : ''}; use the international format, e.g. +14155550123`,
      value,
    );
  }
  if (phone.ext && warnings) {
    warnings.push(
      warningOf(
        `${label}: HighLevel has no field for a phone extension, so the extension "${phone.ext}" can't be saved`,
        'The number was saved without it.',
      ),
    );
  }
  return phone.number;
};

/** The sub-account's country; US when the sub-account cannot be read (e.g. without the View Locations permission). */
const defaultRegion = async (z: ZObject, bundle: AuthBundle): Promise<CountryCode> => {
  let country: string | undefined;
  try {
    country = (await getLocationCached(z, bundle)).country?.toUpperCase();
  } catch (error) {
    if (errorDetails(error).code !== 'forbidden') throw error;
  }
  return country && /^[A-Z]{2}$/.test(country) ? (country as CountryCode) : 'US';
};
