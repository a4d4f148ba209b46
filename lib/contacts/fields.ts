/**
 * The contact's input fields (the contact dropdowns, the inputs of Create Contact, Update Contact and
 * Create or Update Contact, the tag actions') and the one place that turns `inputData` into each request
 * body (CreateContactDto, UpdateContactDto, UpsertContactDto, TagsDTO in contacts.json): validated, empty
 * fields dropped, and only keys that DTO lists (HIGHLEVEL.md §5: an unknown key is a 422).
 */
import type { ZObject } from 'zapier-platform-core';
import { defineInputField } from 'zapier-platform-core';
import { errorDetails, userError } from '../core/errors';
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
import { tagsField } from '../lookups/tags';
import { timezoneField } from '../lookups/timezones';
import { assignedUserField } from '../lookups/users';
import type {
  ContactCreateBody,
  ContactFields,
  ContactUpdateBody,
  ContactUpsertBody,
  NullableOnUpdate,
} from './api';
import { countryCode } from './countries';
import { optionalPhone } from './phone';

/** Key of the hidden dropdown trigger (triggers/contact_list.ts). */
export const CONTACT_DROPDOWN = 'contact_list';

// ---------------------------------------------------------------------------------------------------------
// Input fields

export const contactIdField = defineInputField({
  key: 'contactId',
  label: 'Contact',
  type: 'string',
  required: true,
  dynamic: `${CONTACT_DROPDOWN}.id.label`,
  search: 'find_contact.id',
  altersDynamicFields: true,
  helpText:
    'The HighLevel contact. Choose one, search by name or email, or map a contact ID from an earlier step.',
});

/**
 * A contact dropdown without `search`: for the Find Contact search itself (a search must not be powered by
 * itself) and anywhere a contact is optional and the field must not point back at Find Contact.
 */
export const contactChoiceField = defineInputField({
  key: 'contactId',
  label: 'Contact',
  type: 'string',
  required: false,
  dynamic: `${CONTACT_DROPDOWN}.id.label`,
  helpText: 'Choose a contact, or map a contact ID from an earlier step.',
});

/** The contact a per-contact trigger watches (no `search`: search-powered fields are for actions). */
export const pollContactField = defineInputField({ ...contactChoiceField, required: true });

const firstNameField = defineInputField({ key: 'firstName', label: 'First Name', type: 'string' });
const lastNameField = defineInputField({ key: 'lastName', label: 'Last Name', type: 'string' });
const emailField = defineInputField({ key: 'email', label: 'Email', type: 'string' });
const phoneField = defineInputField({
  key: 'phone',
  label: 'Phone',
  type: 'string',
  helpText:
    "Saved in international format. A number without a leading + is read as a number of the sub-account's country.",
});
const companyNameField = defineInputField({ key: 'companyName', label: 'Company Name', type: 'string' });
const sourceField = defineInputField({
  key: 'source',
  label: 'Source',
  type: 'string',
  helpText: 'Where the contact came from, e.g. "Website form".',
});
const address1Field = defineInputField({ key: 'address1', label: 'Street Address', type: 'string' });
const cityField = defineInputField({ key: 'city', label: 'City', type: 'string' });
const stateField = defineInputField({ key: 'state', label: 'State', type: 'string' });
const postalCodeField = defineInputField({ key: 'postalCode', label: 'Postal Code', type: 'string' });
const countryField = defineInputField({
  key: 'country',
  label: 'Country',
  type: 'string',
  helpText: 'The two-letter country code, e.g. US, GB or DE.',
});
const websiteField = defineInputField({ key: 'website', label: 'Website', type: 'string' });
const dateOfBirthField = defineInputField({
  key: 'dateOfBirth',
  label: 'Date of Birth',
  type: 'datetime',
  helpText: 'A date, e.g. 1990-05-14. Only the day is saved.',
});
const dndField = defineInputField({
  key: 'dnd',
  label: 'Do Not Disturb',
  type: 'boolean',
  helpText: 'Yes stops all messages to this contact; No allows them again. Leave empty to keep it as it is.',
});

const upsertTagsField = defineInputField({
  ...tagsField,
  helpText:
    "Choose the sub-account's tags or type new ones. If an existing contact is found, its tags are REPLACED by these; leave empty to keep its tags (use Add Tags to Contact to add without replacing).",
});

const replaceTagsField = defineInputField({
  key: 'replaceTags',
  label: 'Replace All Tags',
  type: 'boolean',
  default: 'false',
  helpText:
    "No (default): the contact's tags are not touched; use Add Tags to Contact or Remove Tags from Contact for that. Yes: the contact's tags become exactly the Tags below, and an empty Tags removes all of them.",
});

const updateTagsField = defineInputField({
  ...tagsField,
  helpText: 'Only used when Replace All Tags is Yes: the complete new list of tags for the contact.',
});

const companyNameOnUpdateNote = defineInputField({
  key: 'companyNameNote',
  type: 'copy',
  helpText:
    "The company name can't be changed with this action: HighLevel's update does not accept it. To set it, use **Create or Update Contact**, which finds the contact by email or phone.",
});

/**
 * What Update Contact can empty (docs/ACTIONS_CLEARING.md §1): every UpdateContactDto field marked nullable,
 * plus postalCode (a plain string there, emptied with ""). Country is left out: HighLevel stores only
 * two-letter codes and the spec does not let it be null.
 */
const CLEARABLE_FIELDS: ReadonlyArray<readonly [NullableOnUpdate | 'postalCode', string]> = [
  ['firstName', 'First Name'],
  ['lastName', 'Last Name'],
  ['email', 'Email'],
  ['phone', 'Phone'],
  ['assignedTo', 'Assigned User'],
  ['source', 'Source'],
  ['address1', 'Street Address'],
  ['city', 'City'],
  ['state', 'State'],
  ['postalCode', 'Postal Code'],
  ['website', 'Website'],
  ['timezone', 'Time Zone'],
  ['dateOfBirth', 'Date of Birth'],
];

const clearFieldsField = defineInputField({
  key: 'clearFields',
  label: 'Clear These Fields',
  type: 'string',
  list: true,
  required: false,
  choices: CLEARABLE_FIELDS.map(([value, label]) => ({ value, label, sample: value })),
  helpText:
    "Fields to empty on the contact. Zapier never sends an empty field, so leaving a field blank above keeps its current value; choose it here to remove the value instead. Don't fill in a field you choose here. A contact keeps at least one of First Name, Last Name, Email or Phone.",
});

/**
 * The inputs Create Contact and Create or Update Contact share after the name, email and phone (keys
 * shared with Find Contact's, so "Find or Create Contact" reads naturally); only the tags' help differs.
 */
const contactDetailFields = <T>(tags: T) =>
  [
    companyNameField,
    assignedUserField,
    tags,
    sourceField,
    address1Field,
    cityField,
    stateField,
    postalCodeField,
    countryField,
    websiteField,
    timezoneField,
    dateOfBirthField,
    dndField,
  ] as const;

/** Create Contact. */
export const createContactInputFields = [
  firstNameField,
  lastNameField,
  emailField,
  phoneField,
  ...contactDetailFields(tagsField),
] as const;

/**
 * Create or Update Contact: the create inputs, email and phone first (HighLevel matches by them); tags
 * replace an existing contact's tags (contacts.json).
 */
export const upsertContactInputFields = [
  emailField,
  phoneField,
  firstNameField,
  lastNameField,
  ...contactDetailFields(upsertTagsField),
] as const;

/** Update Contact: UpdateContactDto has no companyName, so there is no such input (a note says so). */
export const updateContactInputFields = [
  firstNameField,
  lastNameField,
  emailField,
  phoneField,
  assignedUserField,
  sourceField,
  address1Field,
  cityField,
  stateField,
  postalCodeField,
  countryField,
  websiteField,
  timezoneField,
  dateOfBirthField,
  dndField,
  replaceTagsField,
  updateTagsField,
  clearFieldsField,
  companyNameOnUpdateNote,
] as const;

// ---------------------------------------------------------------------------------------------------------
// inputData → request body

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

/**
 * Forgiving inputs (docs/ACTIONS.md §5): with a `warnings` list, an optional value that cannot be read is
 * left out and named there instead of failing the step; without one, it fails as before.
 */
const LEFT_OUT = 'It was left out; the rest was saved.';

/** A refusal followed by the reasons the values were unreadable, kept within a readable length. */
const MAX_REFUSAL_LENGTH = 600;
const withReasons = (refusal: string, reasons: string[] = []): string => {
  const text = [refusal, ...reasons.map((reason) => reason.replace(` ${LEFT_OUT}`, ''))].join(' ');
  return text.length > MAX_REFUSAL_LENGTH ? `${text.slice(0, MAX_REFUSAL_LENGTH - 1)}…` : text;
};

const leftOut = (warnings: string[], error: unknown, outcome: string): undefined => {
  const { code, message } = errorDetails(error);
  if (code !== 'invalid_input' || !message) throw error;
  warnings.push(`${message.replace(/\.$/, '')}. ${outcome}`);
  return undefined;
};

export const leniently = <T>(
  warnings: string[] | undefined,
  read: () => T,
  outcome = LEFT_OUT,
): T | undefined => {
  if (!warnings) return read();
  try {
    return read();
  } catch (error) {
    return leftOut(warnings, error, outcome);
  }
};

export const lenientlyAsync = async <T>(
  warnings: string[] | undefined,
  read: () => Promise<T>,
  outcome = LEFT_OUT,
) => {
  if (!warnings) return read();
  try {
    return await read();
  } catch (error) {
    return leftOut(warnings, error, outcome);
  }
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
  dnd: leniently(warnings, () => optionalBoolean(z, input.dnd, 'Do Not Disturb')),
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
  warnings?: string[],
  required: Requirements = { emailStrict: true, phoneStrict: true },
) => {
  const input = bundle.inputData;
  const common = readCommonFields(z, input, warnings, required);
  checkBeforePhone();
  // A custom field's value is checked against the field's current type (docs/ACTIONS.md §10): that may
  // read the definitions (cached), never write.
  const customFields = await actionCustomFieldWrites(z, bundle, input);
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
  return definedOnly({
    ...fields,
    companyName: optionalText(input.companyName),
    ...(tags.length > 0 ? { tags } : {}),
  });
};

const CREATE_NEEDS =
  'Fill in at least one of First Name, Last Name, Email or Phone: HighLevel needs one of them to create a contact.';
const UPSERT_NEEDS =
  'Fill in Email or Phone: HighLevel uses them to find the contact to update (otherwise it would always create a new one).';

/**
 * CreateContactDto. Refuses a contact with nothing to identify it. With `warnings`, unreadable optional
 * values are left out and named there; email or phone stay strict when nothing else identifies the contact.
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
export const buildContactUpsertBody = (
  z: ZObject,
  bundle: ContactInputBundle,
  warnings?: string[],
): Promise<ContactUpsertBody> => {
  const input = bundle.inputData;
  return buildCreateOrUpsertBody(
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
};

const IDENTIFIERS = ['firstName', 'lastName', 'email', 'phone'] as const;

/**
 * "Clear These Fields" → the body's clearing values (null, or "" for postalCode). Choices are read by key or
 * label (a mapped value may be either); refused before any request: an unknown choice, a field both filled in
 * and chosen, and emptying every identifier at once (docs/ACTIONS_CLEARING.md §1).
 */
const readClears = (z: ZObject, input: Record<string, unknown>): ContactUpdateBody => {
  const chosen = textList(input.clearFields);
  const byName = new Map(
    CLEARABLE_FIELDS.flatMap(([key, label]) => [
      [key.toLowerCase(), key],
      [label.toLowerCase(), key],
    ]),
  );
  const unknown = chosen.filter((choice) => !byName.has(choice.toLowerCase()));
  if (unknown.length > 0) {
    throw invalidInput(
      z,
      `Clear These Fields: "${unknown[0].slice(0, 60)}" is not a field this action can empty. Choose from: ${CLEARABLE_FIELDS.map(([, label]) => label).join(', ')}.`,
    );
  }
  const keys = [...new Set(chosen.map((choice) => byName.get(choice.toLowerCase()) ?? choice))];
  const label = (key: string) => CLEARABLE_FIELDS.find(([field]) => field === key)?.[1] ?? key;
  const both = keys.filter((key) => hasText(input[key]));
  if (both.length > 0) {
    throw invalidInput(
      z,
      `${both.map(label).join(', ')}: filled in and also chosen in Clear These Fields. Empty the field to clear it, or take it out of Clear These Fields to save the new value.`,
    );
  }
  if (IDENTIFIERS.every((key) => keys.includes(key))) {
    throw invalidInput(
      z,
      'Clear These Fields cannot empty First Name, Last Name, Email and Phone all at once: a contact needs at least one of them.',
    );
  }
  return Object.fromEntries(keys.map((key) => [key, key === 'postalCode' ? '' : null]));
};

/**
 * UpdateContactDto: only what the user filled, plus the fields chosen in "Clear These Fields". `tags` replaces all of the contact's tags (contacts.json),
 * so it is sent only when "Replace All Tags" is yes (then even an empty list, which clears them).
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
  if (!replaceTags && tags.length > 0) {
    throw invalidInput(
      z,
      'Tags are only used when Replace All Tags is Yes. To add tags without removing the others, use the Add Tags to Contact action.',
    );
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
  return body;
};

// ---------------------------------------------------------------------------------------------------------
// Tags of a contact

/** Add / Remove Tags: the contact and at least one tag (TagsDTO requires `tags`). */
export const readTagChange = (z: ZObject, input: Record<string, unknown>) => {
  const contactId = requiredId(z, input.contactId, 'Contact');
  const tags = textList(input.tags);
  if (tags.length === 0)
    throw userError(z, 'Tags is required: choose or type at least one tag.', 'invalid_input');
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
