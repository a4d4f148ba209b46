/**
 * Input fields shared by several operations. Ids are never typed by hand: every id input is a dropdown
 * powered by a hidden trigger (and, for contacts, by the Find Contact search).
 */
import { defineInputField } from 'zapier-platform-core';

/** Keys of the hidden dropdown triggers (triggers/). */
export const DROPDOWNS = {
  contacts: 'contact_list',
  users: 'user_list',
  tags: 'tag_list',
  businesses: 'business_list',
  timezones: 'timezone_list',
  tasks: 'task_list',
  notes: 'note_list',
} as const;

export const contactIdField = defineInputField({
  key: 'contactId',
  label: 'Contact',
  type: 'string',
  required: true,
  dynamic: 'contact_list.id.label',
  search: 'find_contact.id',
  altersDynamicFields: true,
  helpText:
    'The HighLevel contact. Choose one, search by name or email, or map a contact ID from an earlier step.',
});

export const optionalContactIdField = defineInputField({
  key: 'contactId',
  label: 'Contact',
  type: 'string',
  required: false,
  dynamic: 'contact_list.id.label',
  search: 'find_contact.id',
  altersDynamicFields: true,
  helpText: 'Limit to one contact. Leave empty to watch the whole sub-account.',
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
  dynamic: 'contact_list.id.label',
  helpText: 'Choose a contact, or map a contact ID from an earlier step.',
});

export const taskIdField = defineInputField({
  key: 'taskId',
  label: 'Task',
  type: 'string',
  required: true,
  dynamic: 'task_list.id.label',
  dependsOn: ['contactId'],
  helpText: "One of the contact's tasks. Choose the contact first.",
});

export const noteIdField = defineInputField({
  key: 'noteId',
  label: 'Note',
  type: 'string',
  required: true,
  dynamic: 'note_list.id.label',
  dependsOn: ['contactId'],
  helpText: "One of the contact's notes. Choose the contact first.",
});

export const assignedUserField = defineInputField({
  key: 'assignedTo',
  label: 'Assigned User',
  type: 'string',
  required: false,
  dynamic: 'user_list.id.label',
  helpText: 'A user of the sub-account.',
});

export const tagsField = defineInputField({
  key: 'tags',
  label: 'Tags',
  type: 'string',
  list: true,
  required: false,
  dynamic: 'tag_list.id.label',
  helpText: "Choose the sub-account's tags or type new ones.",
});

export const businessIdField = defineInputField({
  key: 'businessId',
  label: 'Business',
  type: 'string',
  required: true,
  dynamic: 'business_list.id.label',
  helpText: 'A business of the sub-account.',
});

export const timezoneField = defineInputField({
  key: 'timezone',
  label: 'Time Zone',
  type: 'string',
  required: false,
  dynamic: 'timezone_list.id.label',
  helpText: 'An IANA time zone, e.g. America/New_York.',
});
