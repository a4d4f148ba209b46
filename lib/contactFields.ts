/**
 * The contact inputs of Create Contact, Update Contact and Create or Update Contact, the sub-account's
 * custom fields as dynamic inputs, and the one place that turns `inputData` into the request body of each
 * (CreateContactDto, UpdateContactDto, UpsertContactDto in contacts.json): validated, empty fields dropped,
 * and only keys that DTO lists (HIGHLEVEL.md §5: an unknown key is a 422).
 */
import type { Bundle, PlainInputField, ZObject } from 'zapier-platform-core';
import { defineInputField } from 'zapier-platform-core';
import {
  cachedCustomFieldDefinitions,
  customFieldInputFields,
  customFieldOutputFields,
  customFieldWrites,
  getCustomFieldDefinitions,
} from './customFields';
import { userError } from './errors';
import { assignedUserField, tagsField, timezoneField } from './fields';
import type {
  AuthBundle,
  ContactCreateBody,
  ContactFields,
  ContactUpdateBody,
  ContactUpsertBody,
} from './highlevel';
import { normaliseContact, type HighLevelContact } from './models';
import {
  definedOnly,
  optionalBoolean,
  optionalCalendarDate,
  optionalEmail,
  optionalId,
  optionalPhone,
  optionalText,
  textList,
} from './validation';

// ---------------------------------------------------------------------------------------------------------
// Input fields

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

/** The sub-account's contact custom fields as typed inputs (editor only; definitions cached). */
export const customFieldInputs = async (z: ZObject, bundle: Bundle): Promise<PlainInputField[]> =>
  customFieldInputFields(await getCustomFieldDefinitions(z, bundle));

/** "Custom: <name>" output fields of the sub-account (editor only; definitions cached). */
export const customFieldOutputs = async (z: ZObject, bundle: Bundle) =>
  customFieldOutputFields(await getCustomFieldDefinitions(z, bundle));

/** Create Contact (keys shared with Find Contact's, so "Find or Create Contact" reads naturally). */
export const createContactInputFields = [
  firstNameField,
  lastNameField,
  emailField,
  phoneField,
  companyNameField,
  assignedUserField,
  tagsField,
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

/** Create or Update Contact: the create inputs; tags replace an existing contact's tags (contacts.json). */
export const upsertContactInputFields = [
  emailField,
  phoneField,
  firstNameField,
  lastNameField,
  companyNameField,
  assignedUserField,
  upsertTagsField,
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
  companyNameOnUpdateNote,
] as const;

// ---------------------------------------------------------------------------------------------------------
// inputData → request body

export interface ContactInputBundle extends AuthBundle {
  inputData: Record<string, unknown>;
}

const invalidInput = (z: ZObject, message: string) => userError(z, message, 'invalid_input');

const optionalCountry = (z: ZObject, value: unknown): string | undefined => {
  const country = optionalText(value);
  if (country === undefined) return undefined;
  if (!/^[A-Za-z]{2}$/.test(country)) {
    throw invalidInput(
      z,
      `Country must be a two-letter country code such as US, GB or DE (got "${country.slice(0, 60)}").`,
    );
  }
  return country.toUpperCase();
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

/** The fields every contact DTO shares, validated; undefined values are dropped at the end. */
const readCommonFields = (z: ZObject, input: Record<string, unknown>) => ({
  firstName: optionalText(input.firstName),
  lastName: optionalText(input.lastName),
  email: optionalEmail(z, input.email, 'Email'),
  address1: optionalText(input.address1),
  city: optionalText(input.city),
  state: optionalText(input.state),
  postalCode: optionalText(input.postalCode),
  country: optionalCountry(z, input.country),
  website: optionalText(input.website),
  timezone: optionalTimezone(z, input.timezone),
  dnd: optionalBoolean(z, input.dnd, 'Do Not Disturb'),
  source: optionalText(input.source),
  dateOfBirth: optionalCalendarDate(z, input.dateOfBirth, 'Date of Birth'),
  assignedTo: optionalId(z, input.assignedTo, 'Assigned User'),
});

/**
 * The parts every mode shares. The phone is read last: a number without `+` may need the sub-account's
 * country (one cached lookup), and every other mistake must be reported before any request.
 */
const readContact = async (z: ZObject, bundle: ContactInputBundle, checkBeforePhone: () => void) => {
  const input = bundle.inputData;
  const common = readCommonFields(z, input);
  const customFields = customFieldWrites(z, input);
  checkBeforePhone();
  const phone = await optionalPhone(z, bundle, input.phone, 'Phone');
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
): Promise<ContactCreateBody> => {
  const input = bundle.inputData;
  const tags = textList(input.tags);
  const fields = await readContact(z, bundle, checkBeforePhone);
  return definedOnly({
    ...fields,
    companyName: optionalText(input.companyName),
    ...(tags.length > 0 ? { tags } : {}),
  });
};

/** CreateContactDto. Refuses a contact with nothing to identify it. */
export const buildContactCreateBody = (z: ZObject, bundle: ContactInputBundle): Promise<ContactCreateBody> =>
  buildCreateOrUpsertBody(z, bundle, () => {
    if (!['firstName', 'lastName', 'email', 'phone'].some((key) => hasText(bundle.inputData[key]))) {
      throw invalidInput(
        z,
        'Fill in at least one of First Name, Last Name, Email or Phone: HighLevel needs one of them to create a contact.',
      );
    }
  });

/** UpsertContactDto. HighLevel matches by email or phone, so one of them is required. */
export const buildContactUpsertBody = (z: ZObject, bundle: ContactInputBundle): Promise<ContactUpsertBody> =>
  buildCreateOrUpsertBody(z, bundle, () => {
    if (!hasText(bundle.inputData.email) && !hasText(bundle.inputData.phone)) {
      throw invalidInput(
        z,
        'Fill in Email or Phone: HighLevel uses them to find the contact to update (otherwise it would always create a new one).',
      );
    }
  });

/**
 * UpdateContactDto: only what the user filled. `tags` replaces all of the contact's tags (contacts.json),
 * so it is sent only when "Replace All Tags" is yes (then even an empty list, which clears them).
 */
export const buildContactUpdateBody = async (
  z: ZObject,
  bundle: ContactInputBundle,
): Promise<ContactUpdateBody> => {
  const input = bundle.inputData;
  const replaceTags = optionalBoolean(z, input.replaceTags, 'Replace All Tags') === true;
  const tags = textList(input.tags);
  if (!replaceTags && tags.length > 0) {
    throw invalidInput(
      z,
      'Tags are only used when Replace All Tags is Yes. To add tags without removing the others, use the Add Tags to Contact action.',
    );
  }
  const fields = await readContact(z, bundle, () => undefined);
  const body = definedOnly({ ...fields, ...(replaceTags ? { tags } : {}) });
  if (Object.keys(body).length === 0) {
    throw invalidInput(z, 'Nothing to update: fill in at least one field of the contact.');
  }
  return body;
};

// ---------------------------------------------------------------------------------------------------------
// Output

/**
 * The normalised contact of an action. Custom fields are named only when their definitions are already
 * cached (e.g. by the editor, or by Find Contact earlier in the same run): an action never spends a request
 * on them, so it stays exactly one HighLevel request.
 */
export const contactActionOutput = async (z: ZObject, bundle: AuthBundle, contact: HighLevelContact) =>
  normaliseContact(contact, await cachedCustomFieldDefinitions(z, bundle));
