/**
 * The contact's input fields: the contact dropdowns, and the inputs of Create Contact, Update Contact and
 * Create or Update Contact in editor groups (core 19's `inputFieldGroups`, docs/CONTACT_INPUTS.md §2). Turning
 * them into request bodies is bodies.ts's job.
 */
import type { Bundle, PlainInputField } from 'zapier-platform-core';
import { defineInputField } from 'zapier-platform-core';
import { CUSTOM_FIELDS_GROUP } from '../lookups/customFields';
import { tagsField } from '../lookups/tags';
import { timezoneField } from '../lookups/timezones';
import { assignedUserField } from '../lookups/users';
import { clearFieldsField } from './clearing';
import { DND_GROUP, dndInputFields } from './dnd';
import { unusableValueField } from './lenient';

export { leniently, lenientlyAsync } from './lenient';

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

/** The editor groups of the contact actions' long forms (zapier-platform-schema 19 `inputFieldGroups`). */
const CONTACT_GROUP = 'contact';
const ADDRESS_GROUP = 'address';
export const contactInputFieldGroups = [
  { key: CONTACT_GROUP, label: 'Contact' },
  { key: ADDRESS_GROUP, label: 'Address and Time Zone' },
  { key: DND_GROUP, label: 'Do Not Disturb' },
  { key: CUSTOM_FIELDS_GROUP, label: 'Custom Fields' },
];

const inContact = { group: CONTACT_GROUP } as const;
const inAddress = { group: ADDRESS_GROUP } as const;

const firstNameField = defineInputField({
  key: 'firstName',
  label: 'First Name',
  type: 'string',
  ...inContact,
});
const lastNameField = defineInputField({ key: 'lastName', label: 'Last Name', type: 'string', ...inContact });
const emailField = defineInputField({ key: 'email', label: 'Email', type: 'string', ...inContact });
const phoneField = defineInputField({
  key: 'phone',
  label: 'Phone',
  type: 'string',
  ...inContact,
  helpText: "Saved in international format. A number without + is read as one of the sub-account's country.",
});
const companyNameField = defineInputField({
  key: 'companyName',
  label: 'Company Name',
  type: 'string',
  ...inContact,
});
const genderField = defineInputField({
  key: 'gender',
  label: 'Gender',
  type: 'string',
  required: false,
  ...inContact,
  choices: [
    { value: 'male', label: 'Male', sample: 'male' },
    { value: 'female', label: 'Female', sample: 'female' },
  ],
  helpText: 'Saved as text; HighLevel does not limit the values.',
});
/** The upsert drops gender for a contact it finds (#313, docs/CONTACT_INPUTS.md §2). */
const upsertGenderField = defineInputField({
  ...genderField,
  helpText: `${genderField.helpText} HighLevel ignores it when the contact already exists.`,
});
const contactAssignedUserField = defineInputField({ ...assignedUserField, ...inContact });
const sourceField = defineInputField({
  key: 'source',
  label: 'Source',
  type: 'string',
  ...inContact,
  helpText: 'Where the contact came from, e.g. "Website form".',
});
const websiteField = defineInputField({ key: 'website', label: 'Website', type: 'string', ...inContact });
const dateOfBirthField = defineInputField({
  key: 'dateOfBirth',
  label: 'Date of Birth',
  type: 'datetime',
  ...inContact,
  helpText: 'A date, e.g. 1990-05-14. Only the day is saved.',
});
const address1Field = defineInputField({
  key: 'address1',
  label: 'Street Address',
  type: 'string',
  ...inAddress,
});
const cityField = defineInputField({ key: 'city', label: 'City', type: 'string', ...inAddress });
const stateField = defineInputField({ key: 'state', label: 'State', type: 'string', ...inAddress });
const postalCodeField = defineInputField({
  key: 'postalCode',
  label: 'Postal Code',
  type: 'string',
  ...inAddress,
});
const countryField = defineInputField({
  key: 'country',
  label: 'Country',
  type: 'string',
  ...inAddress,
  helpText: 'A country name or two-letter code, e.g. Germany or DE.',
});
const contactTimezoneField = defineInputField({ ...timezoneField, ...inAddress });

const createTagsField = defineInputField({ ...tagsField, ...inContact });

/** Create or Update Contact's tags are added unless Replace All Tags is Yes (docs/ACTIONS.md §11, lib/contacts/upsert.ts). */
const upsertTagsField = defineInputField({
  ...tagsField,
  ...inContact,
  helpText:
    "Choose the sub-account's tags or type new ones. They are added to an existing contact's tags, which stay as they are (unless Replace All Tags is Yes).",
});

const upsertReplaceTagsField = defineInputField({
  key: 'replaceTags',
  label: 'Replace All Tags',
  type: 'boolean',
  default: 'false',
  required: false,
  ...inContact,
  helpText:
    "No (default): the Tags are added to the contact's tags. Yes: an existing contact's tags are replaced by the Tags given (empty Tags leave them as they are).",
});

const allowDuplicateField = defineInputField({
  key: 'createNewIfDuplicateAllowed',
  label: 'Allow Duplicate Contact',
  type: 'boolean',
  required: false,
  ...inContact,
  helpText:
    'Yes: always create a new contact, if the sub-account allows duplicates. Otherwise the contact with this email or phone is updated.',
});

const replaceTagsField = defineInputField({
  key: 'replaceTags',
  label: 'Replace All Tags',
  type: 'boolean',
  default: 'false',
  altersDynamicFields: true,
  ...inContact,
  helpText:
    "Yes shows Tags: the contact's tags become exactly those, and an empty Tags removes them all. To add or remove a few, use Add Tags to Contact or Remove Tags from Contact.",
});

const updateTagsField = defineInputField({
  ...tagsField,
  ...inContact,
  helpText: 'The complete new list of tags for the contact.',
});

/** Tags, shown only when Replace All Tags is Yes (docs/CONTACT_INPUTS.md §2): otherwise there is nothing to fill. */
const updateTagsInput = (_z: unknown, bundle: Bundle): PlainInputField[] =>
  /^(true|yes|1|on)$/i.test(String(bundle.inputData.replaceTags ?? '').trim()) ? [updateTagsField] : [];

/** UpdateContactDto lists no companyName; #314 saw it taken, but only the DTO's keys are sent (docs/ACTIONS.md §6). */
const companyNameOnUpdateNote = defineInputField({
  key: 'companyNameNote',
  type: 'copy',
  ...inContact,
  helpText:
    "**Company Name** is not changed here: HighLevel's published update has no company name (it has been seen to take one anyway, but this action sends only published fields). To change it, use **Create or Update Contact**, which finds the contact by email or phone.",
});

/** Create Contact. */
export const createContactInputFields = [
  firstNameField,
  lastNameField,
  emailField,
  phoneField,
  companyNameField,
  genderField,
  contactAssignedUserField,
  createTagsField,
  sourceField,
  websiteField,
  dateOfBirthField,
  address1Field,
  cityField,
  stateField,
  postalCodeField,
  countryField,
  contactTimezoneField,
  ...dndInputFields('create'),
  unusableValueField,
] as const;

/**
 * Create or Update Contact: email and phone first (HighLevel matches by them); tags are added to an existing
 * contact's (docs/ACTIONS.md §11), or replace them when Replace All Tags is Yes.
 */
export const upsertContactInputFields = [
  emailField,
  phoneField,
  firstNameField,
  lastNameField,
  companyNameField,
  upsertGenderField,
  contactAssignedUserField,
  upsertReplaceTagsField,
  upsertTagsField,
  sourceField,
  websiteField,
  dateOfBirthField,
  allowDuplicateField,
  address1Field,
  cityField,
  stateField,
  postalCodeField,
  countryField,
  contactTimezoneField,
  ...dndInputFields('change'),
  unusableValueField,
] as const;

/**
 * Update Contact: UpdateContactDto has no companyName and no gender; the Company Name note stands where
 * Company Name stands in the other two forms.
 */
export const updateContactInputFields = [
  firstNameField,
  lastNameField,
  emailField,
  phoneField,
  companyNameOnUpdateNote,
  contactAssignedUserField,
  replaceTagsField,
  updateTagsInput,
  sourceField,
  websiteField,
  dateOfBirthField,
  address1Field,
  cityField,
  stateField,
  postalCodeField,
  countryField,
  contactTimezoneField,
  ...dndInputFields('change'),
  clearFieldsField,
  unusableValueField,
] as const;
