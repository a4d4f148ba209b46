/**
 * Update Contact's "Clear These Fields" (docs/ACTIONS_CLEARING.md §1): the input, the clearing values it adds
 * to the body (null, or "" for postalCode), and the promise its help text makes: the contact keeps at least
 * one of First Name, Last Name, Email or Phone.
 */
import type { ZObject } from 'zapier-platform-core';
import { defineInputField } from 'zapier-platform-core';
import { userError } from '../core/errors';
import { optionalText, textList } from '../core/validation';
import { findContactById, type ContactUpdateBody, type NullableOnUpdate } from './api';

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

export const clearFieldsField = defineInputField({
  key: 'clearFields',
  label: 'Clear These Fields',
  type: 'string',
  list: true,
  required: false,
  choices: CLEARABLE_FIELDS.map(([value, label]) => ({ value, label, sample: value })),
  helpText:
    "Fields to empty on the contact: a field left blank above keeps its value. Don't fill in a field you choose here. The contact must keep a first name, last name, email or phone.",
});

const IDENTIFIERS = ['firstName', 'lastName', 'email', 'phone'] as const;
const IDENTIFIER_NAMES = 'a first name, last name, email or phone';

const invalidInput = (z: ZObject, message: string) => userError(z, message, 'invalid_input');
const label = (key: string) => CLEARABLE_FIELDS.find(([field]) => field === key)?.[1] ?? key;

/**
 * "Clear These Fields" → the body's clearing values. Choices are read by key or label (a mapped value may be
 * either); refused before any request: an unknown choice, a field both filled in and chosen, and emptying
 * every identifier at once.
 */
export const readClears = (z: ZObject, input: Record<string, unknown>): ContactUpdateBody => {
  const chosen = textList(input.clearFields);
  const byName = new Map(
    CLEARABLE_FIELDS.flatMap(([key, name]) => [
      [key.toLowerCase(), key],
      [name.toLowerCase(), key],
    ]),
  );
  const unknown = chosen.filter((choice) => !byName.has(choice.toLowerCase()));
  if (unknown.length > 0) {
    throw invalidInput(
      z,
      `Clear These Fields: "${unknown[0].slice(0, 60)}" is not a field this action can empty. Choose from: ${CLEARABLE_FIELDS.map(([, name]) => name).join(', ')}.`,
    );
  }
  const keys = [...new Set(chosen.map((choice) => byName.get(choice.toLowerCase()) ?? choice))];
  const both = keys.filter((key) => optionalText(input[key]) !== undefined);
  if (both.length > 0) {
    throw invalidInput(
      z,
      `${both.map(label).join(', ')}: filled in and also chosen in Clear These Fields. Empty the field to clear it, or take it out of Clear These Fields to save the new value.`,
    );
  }
  if (IDENTIFIERS.every((key) => keys.includes(key))) {
    throw invalidInput(
      z,
      `Clear These Fields cannot empty First Name, Last Name, Email and Phone all at once: the contact must keep ${IDENTIFIER_NAMES}.`,
    );
  }
  return Object.fromEntries(keys.map((key) => [key, key === 'postalCode' ? '' : null]));
};

/**
 * Keeps the help text's promise: after the update the contact still has one of the four. Nothing to check
 * (and no request) unless the body clears an identifier and sets none; then the contact is read once, before
 * the write, to see what it keeps (docs/ACTIONS_CLEARING.md §2).
 */
export const checkKeepsIdentifier = async (
  z: ZObject,
  contactId: string,
  body: ContactUpdateBody,
): Promise<void> => {
  const cleared = IDENTIFIERS.filter((key) => body[key] === null);
  if (cleared.length === 0 || IDENTIFIERS.some((key) => typeof body[key] === 'string')) return;
  // A missing contact is reported by the update itself, in the usual words.
  const contact = await findContactById(z, contactId);
  if (!contact) return;
  const kept = IDENTIFIERS.filter(
    (key) => !cleared.includes(key) && optionalText(contact[key]) !== undefined,
  );
  if (kept.length === 0) {
    throw invalidInput(
      z,
      `Clear These Fields would leave the contact without ${IDENTIFIER_NAMES}: it has no other of them. Nothing was saved. Take ${cleared.map(label).join(' or ')} out of Clear These Fields, or fill in another of the four.`,
    );
  }
};
