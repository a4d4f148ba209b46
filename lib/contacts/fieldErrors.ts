/**
 * HighLevel's 422 messages name the body's paths (`customFields.0.fieldValue must be a number`,
 * `email must be an email`); a user knows the fields by their labels. A contact write's refusal is reworded
 * with the names the user sees in the editor (docs/CONTACT_INPUTS.md §3); everything else in it stays.
 */
import type { ZObject } from 'zapier-platform-core';
import { errorDetails, userError, type ErrorCode } from '../core/errors';
import type { AuthBundle } from '../core/request';
import {
  actionCustomFieldDefinitions,
  customFieldName,
  type CustomFieldDefinition,
  type CustomFieldWrite,
} from '../lookups/customFields';
import { DND_LABEL, dndChannelLabel, INBOUND_DND_LABEL } from './dnd';

/** The labels of the contact inputs, by the DTO property each one fills. */
const LABELS: Record<string, string> = {
  firstName: 'First Name',
  lastName: 'Last Name',
  name: 'Full Name',
  email: 'Email',
  phone: 'Phone',
  companyName: 'Company Name',
  gender: 'Gender',
  address1: 'Street Address',
  city: 'City',
  state: 'State',
  postalCode: 'Postal Code',
  country: 'Country',
  website: 'Website',
  timezone: 'Time Zone',
  dnd: DND_LABEL,
  dndSettings: DND_LABEL,
  inboundDndSettings: INBOUND_DND_LABEL,
  tags: 'Tags',
  source: 'Source',
  dateOfBirth: 'Date of Birth',
  assignedTo: 'Assigned User',
  createNewIfDuplicateAllowed: 'Allow Duplicate Contact',
};

const PROPERTY_PATH = new RegExp(`(^|: |; )(${Object.keys(LABELS).join('|')})((?:\\.[A-Za-z]+)*)\\b`, 'g');

/** A message with the body's paths replaced by the fields' names. */
export const withFieldNames = (
  message: string,
  customFields: readonly CustomFieldWrite[],
  definitions: readonly CustomFieldDefinition[],
): string =>
  message
    .replace(/\bcustomFields\.(\d+)(?:\.(?:fieldValue|field_value|id|key))?:?/g, (_path, index: string) => {
      const write = customFields[Number(index)];
      if (!write) return 'A custom field';
      return customFieldName(definitions.find((definition) => definition.id === write.id)?.name, write.id);
    })
    // The sandbox adds "for NUMERICAL field contact.employees": a type and key the user never sees.
    .replace(/ for [A-Z_]+ field [\w.]*\w/g, '')
    .replace(PROPERTY_PATH, (_match, lead: string, key: string, rest: string) => {
      const channel = key === 'dndSettings' ? /^\.([A-Za-z]+)/.exec(rest)?.[1] : undefined;
      return `${lead}${channel ? dndChannelLabel(channel) : LABELS[key]}`;
    });

const REFUSALS = new Set(['validation_failed', 'bad_request']);

/** Runs a contact write; its 422 / 400 names the fields as the editor does. */
export const namingFields = async <T>(
  z: ZObject,
  bundle: AuthBundle,
  body: { customFields?: CustomFieldWrite[] },
  write: () => Promise<T>,
): Promise<T> => {
  try {
    return await write();
  } catch (error) {
    const { code, message, status } = errorDetails(error);
    if (!code || !REFUSALS.has(code) || !message) throw error;
    const customFields = body.customFields ?? [];
    // Cached: the body's custom fields were checked against them a moment ago.
    const definitions = customFields.length > 0 ? await actionCustomFieldDefinitions(z, bundle) : [];
    const named = withFieldNames(message, customFields, definitions);
    if (named === message) throw error;
    throw userError(z, named, code as ErrorCode, status);
  }
};
