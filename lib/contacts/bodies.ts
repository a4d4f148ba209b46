/**
 * The one place that turns a contact action's `inputData` into its request body (CreateContactDto,
 * UpdateContactDto, UpsertContactDto, TagsDTO in contacts.json): validated, empty fields dropped, and only
 * keys that DTO lists (HIGHLEVEL.md §5: an unknown key is a 422). What happens to a value that cannot be
 * used follows the step's "If a value can't be used" (lenient.ts, docs/CONTACT_INPUTS.md §1).
 */
import type { ZObject } from 'zapier-platform-core';
import { userError } from '../core/errors';
import type { AuthBundle } from '../core/request';
import {
  definedOnly,
  optionalBoolean,
  optionalCalendarDate,
  optionalEmail,
  optionalId,
  optionalText,
  requiredId,
  textList,
} from '../core/validation';
import { actionCustomFieldWrites } from '../lookups/customFields';
import type { ContactCreateBody, ContactFields, ContactUpdateBody, ContactUpsertBody } from './api';
import { readClears } from './clearing';
import { countryCode } from './countries';
import { readDnd } from './dnd';
import {
  leniently,
  lenientlyAsync,
  readUnusablePolicy,
  stopIfUnusable,
  warningOf,
  withReasons,
} from './lenient';
import { optionalPhone } from './phone';

export interface ContactInputBundle extends AuthBundle {
  inputData: Record<string, unknown>;
}

const invalidInput = (z: ZObject, message: string) => userError(z, message, 'invalid_input');

/** A country code, name or common spelling → its ISO code ("United States", "UK", "Deutschland": docs/ACTIONS.md §5). */
const optionalCountry = (z: ZObject, value: unknown): string | undefined => {
  const country = optionalText(value);
  if (country === undefined) return undefined;
  const code = countryCode(country);
  if (!code) {
    throw invalidInput(
      z,
      `Country "${country.slice(0, 60)}" is not a country name or code this integration knows; use a two-letter code such as US, GB or DE.`,
    );
  }
  return code;
};

const optionalTimezone = (z: ZObject, value: unknown): string | undefined => {
  const timezone = optionalText(value);
  if (timezone === undefined) return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return timezone;
  } catch {
    throw invalidInput(
      z,
      `Time Zone must be a time zone such as America/New_York; choose one from the list (got "${timezone.slice(0, 60)}").`,
    );
  }
};

/** How each mode treats email and phone: `strict` when the step cannot do without it. */
interface Requirements {
  emailStrict: boolean;
  phoneStrict: boolean;
}

/** The fields every contact DTO shares, validated; undefined values are dropped at the end. */
const readCommonFields = (
  z: ZObject,
  input: Record<string, unknown>,
  warnings: string[] | undefined,
  required: Requirements,
) => ({
  firstName: optionalText(input.firstName),
  lastName: optionalText(input.lastName),
  email: leniently(required.emailStrict ? undefined : warnings, () => optionalEmail(z, input.email, 'Email')),
  address1: optionalText(input.address1),
  city: optionalText(input.city),
  state: optionalText(input.state),
  postalCode: optionalText(input.postalCode),
  country: leniently(warnings, () => optionalCountry(z, input.country)),
  website: optionalText(input.website),
  timezone: leniently(warnings, () => optionalTimezone(z, input.timezone)),
  ...readDnd(z, input, warnings),
  source: optionalText(input.source),
  dateOfBirth: leniently(warnings, () => optionalCalendarDate(z, input.dateOfBirth, 'Date of Birth')),
  assignedTo: leniently(warnings, () => optionalId(z, input.assignedTo, 'Assigned User')),
});

/**
 * The parts every mode shares. The phone is read last: a number without `+` may need the sub-account's
 * country (one cached lookup), and every other mistake must be reported before any request (custom field
 * values: before any write).
 */
const readContact = async (
  z: ZObject,
  bundle: ContactInputBundle,
  checkBeforePhone: () => void,
  warnings: string[] | undefined,
  required: Requirements,
) => {
  const input = bundle.inputData;
  const common = readCommonFields(z, input, warnings, required);
  checkBeforePhone();
  // A custom field's value is checked against the field's current type (docs/ACTIONS.md §10): that may
  // read the definitions (cached), never write.
  const customFields = await actionCustomFieldWrites(z, bundle, input, (read) => leniently(warnings, read));
  const phone = await lenientlyAsync(required.phoneStrict ? undefined : warnings, () =>
    optionalPhone(z, bundle, input.phone, 'Phone', warnings),
  );
  const fields: ContactFields = {
    ...common,
    phone,
    ...(customFields.length > 0 ? { customFields } : {}),
  };
  return fields;
};

const hasText = (value: unknown) => optionalText(value) !== undefined;

/** CreateContactDto / UpsertContactDto (without locationId, which the client adds). */
const buildCreateOrUpsertBody = async (
  z: ZObject,
  bundle: ContactInputBundle,
  checkBeforePhone: () => void,
  warnings: string[] | undefined,
  required: Requirements,
  identifiers: ReadonlyArray<keyof ContactFields>,
  missing: string,
): Promise<ContactCreateBody> => {
  const input = bundle.inputData;
  const tags = textList(input.tags);
  const fields = await readContact(z, bundle, checkBeforePhone, warnings, required);
  // Every identifier given was left out as unreadable: nothing would identify the record.
  if (!identifiers.some((key) => fields[key] !== undefined)) {
    const reasons = warnings?.filter((warning) => /^(Email|Phone)\b/.test(warning));
    throw invalidInput(z, withReasons(missing, reasons));
  }
  if (warnings) stopIfUnusable(z, readUnusablePolicy(input), warnings);
  return definedOnly({
    ...fields,
    companyName: optionalText(input.companyName),
    gender: optionalText(input.gender),
    ...(tags.length > 0 ? { tags } : {}),
  });
};

const CREATE_NEEDS =
  'Fill in at least one of First Name, Last Name, Email or Phone: HighLevel needs one of them to create a contact.';
const UPSERT_NEEDS =
  'Fill in Email or Phone: HighLevel uses them to find the contact to update (otherwise it would always create a new one).';

/**
 * CreateContactDto. Refuses a contact with nothing to identify it. With `warnings`, unreadable optional
 * values are handled as the step's "If a value can't be used" says; without, the first one fails. Email or
 * phone stay strict when nothing else identifies the contact.
 */
export const buildContactCreateBody = (
  z: ZObject,
  bundle: ContactInputBundle,
  warnings?: string[],
): Promise<ContactCreateBody> => {
  const input = bundle.inputData;
  const named = hasText(input.firstName) || hasText(input.lastName);
  return buildCreateOrUpsertBody(
    z,
    bundle,
    () => {
      if (!['firstName', 'lastName', 'email', 'phone'].some((key) => hasText(input[key]))) {
        throw invalidInput(z, CREATE_NEEDS);
      }
    },
    warnings,
    { emailStrict: !named && !hasText(input.phone), phoneStrict: !named && !hasText(input.email) },
    ['firstName', 'lastName', 'email', 'phone'],
    CREATE_NEEDS,
  );
};

/** UpsertContactDto. HighLevel matches by email or phone, so one of them is required (and must be readable). */
export const buildContactUpsertBody = async (
  z: ZObject,
  bundle: ContactInputBundle,
  warnings?: string[],
): Promise<ContactUpsertBody> => {
  const input = bundle.inputData;
  const allowDuplicate = leniently(warnings, () =>
    optionalBoolean(z, input.createNewIfDuplicateAllowed, 'Allow Duplicate Contact'),
  );
  const body = await buildCreateOrUpsertBody(
    z,
    bundle,
    () => {
      if (!hasText(input.email) && !hasText(input.phone)) throw invalidInput(z, UPSERT_NEEDS);
    },
    warnings,
    { emailStrict: !hasText(input.phone), phoneStrict: !hasText(input.email) },
    ['email', 'phone'],
    UPSERT_NEEDS,
  );
  return allowDuplicate === undefined ? body : { ...body, createNewIfDuplicateAllowed: allowDuplicate };
};

const TAGS_NOT_USED =
  'Tags: not used, because Replace All Tags is No (set it to Yes to replace the tags, or use Add Tags to Contact to add them)';

/**
 * UpdateContactDto: only what the user filled, plus the fields chosen in "Clear These Fields". `tags` replaces
 * all of the contact's tags (contacts.json), so it is sent only when "Replace All Tags" is yes (then even an
 * empty list, which clears them). Whether the contact keeps an identifier is checkKeepsIdentifier's job.
 */
export const buildContactUpdateBody = async (
  z: ZObject,
  bundle: ContactInputBundle,
  warnings?: string[],
): Promise<ContactUpdateBody> => {
  const input = bundle.inputData;
  const clears = readClears(z, input);
  const replaceTags = optionalBoolean(z, input.replaceTags, 'Replace All Tags') === true;
  const tags = textList(input.tags);
  // Tags only shows when Replace All Tags is Yes; a value mapped before it was switched off is not used.
  if (!replaceTags && tags.length > 0) {
    if (!warnings) throw invalidInput(z, `${TAGS_NOT_USED}.`);
    warnings.push(warningOf(TAGS_NOT_USED, 'The rest was saved.'));
  }
  const fields = await readContact(z, bundle, () => undefined, warnings, {
    emailStrict: false,
    phoneStrict: false,
  });
  const body: ContactUpdateBody = {
    ...definedOnly({ ...fields, ...(replaceTags ? { tags } : {}) }),
    ...clears,
  };
  if (Object.keys(body).length === 0) {
    throw invalidInput(
      z,
      withReasons('Nothing to update: fill in at least one field of the contact.', warnings),
    );
  }
  if (warnings) stopIfUnusable(z, readUnusablePolicy(input), warnings);
  return body;
};

// ---------------------------------------------------------------------------------------------------------
// Tags of a contact

/** Add / Remove Tags: the contact and at least one tag (TagsDTO requires `tags`). */
export const readTagChange = (z: ZObject, input: Record<string, unknown>) => {
  const contactId = requiredId(z, input.contactId, 'Contact');
  const tags = textList(input.tags);
  if (tags.length === 0) throw invalidInput(z, 'Tags is required: choose or type at least one tag.');
  return { contactId, tags };
};

/**
 * What a tag action returns. `tags` is HighLevel's answer (TagsDTO response: the contact's tags after the
 * change); null if it sent none, rather than guessing.
 */
export const tagChangeOutput = (contactId: string, result: { tags?: string[] }) => ({
  id: contactId,
  tags: result.tags ?? null,
});
