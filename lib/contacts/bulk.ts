/**
 * The bulk contact actions' inputs and outputs (contacts.json "Bulk", docs/ACTIONS.md §3): the contacts as a
 * list, and HighLevel's per-contact answers summarised as the contacts updated and those not updated.
 */
import { defineInputField, type ZObject } from 'zapier-platform-core';
import { userError } from '../core/errors';
import { stableHash } from '../core/polling';
import { CONTACT_DROPDOWN } from './fields';

/**
 * How many contacts one bulk step may name. HighLevel documents no limit; this keeps one step's request
 * well under Zapier's limits and a mapped line-item list of a typical trigger.
 */
export const MAX_BULK_CONTACTS = 500;

export const contactsListField = defineInputField({
  key: 'contactIds',
  label: 'Contacts',
  type: 'string',
  list: true,
  required: true,
  dynamic: `${CONTACT_DROPDOWN}.id.label`,
  helpText: `Choose contacts, or map a list of contact IDs (line items work), at most ${MAX_BULK_CONTACTS}.`,
});

/**
 * Both bulk families fail the same way when no contact could be updated (docs/ACTIONS.md §3): the same class,
 * code and wording, naming each contact with HighLevel's reason, so a Zap never reports nothing done.
 */
const noneUpdated = (z: ZObject, failed: Array<{ contactId: string | null; reason: string }>): Error => {
  const reasons = failed.map((entry) => `${entry.contactId ?? 'a contact'}: ${entry.reason}`).join('; ');
  return userError(z, `HighLevel updated none of the contacts (${reasons}).`, 'bad_request');
};

/**
 * The `id` of a bulk change (Zapier's check D010 wants one in every action's output): a digest of what was asked,
 * the same for the same tags (business) and contacts.
 */
const bulkChangeId = (change: Record<string, unknown>): string => `bulk-${stableHash(change)}`;

/** The output fields both families share: a count is labelled as a number, a list as IDs. */
const updatedFields = [
  { key: 'id', label: 'Bulk Change ID', type: 'string' as const },
  {
    key: 'updatedContactIds',
    label: 'Updated Contact IDs',
    type: 'string' as const,
    list: true,
    primary: true,
  },
  { key: 'updatedCount', label: 'Number of Contacts Updated', type: 'integer' as const },
];

export interface BulkTagResult {
  contactId?: string | null;
  message?: string | null;
  type?: string | null;
}

/**
 * UpdateTagsResponseDTO → which contacts were updated and which were not (with HighLevel's reason).
 * Entries that arrive as plain strings (as the spec types them) carry no contact: they are kept as reasons.
 * When no contact at all was updated the step fails, naming the reasons, so a Zap never reports nothing done.
 */
export const bulkTagsOutput = (
  z: ZObject,
  requested: string[],
  tags: string[],
  result: { errorCount?: number; responses?: Array<string | BulkTagResult> },
) => {
  const responses = result.responses ?? [];
  const failed = responses
    .map((entry) => (typeof entry === 'string' ? { message: entry, type: 'error' } : entry))
    .filter((entry) => entry.type === 'error')
    .map((entry) => ({ contactId: entry.contactId ?? null, reason: entry.message ?? 'not updated' }));
  const failedIds = new Set(failed.map((entry) => entry.contactId));
  const updated = responses.some((entry) => typeof entry !== 'string')
    ? responses
        .filter((entry): entry is BulkTagResult => typeof entry !== 'string' && entry.type !== 'error')
        .map((entry) => entry.contactId)
        .filter((id): id is string => typeof id === 'string')
    : requested.filter((id) => !failedIds.has(id));
  if (updated.length === 0 && failed.length > 0) throw noneUpdated(z, failed);
  return {
    id: bulkChangeId({ tags, contacts: requested }),
    tags,
    updatedContactIds: updated,
    updatedCount: updated.length,
    errorCount: result.errorCount ?? failed.length,
    // Two parallel lists rather than a list of objects: each maps as a line item in later steps.
    failedContactIds: failed.map((entry) => entry.contactId ?? ''),
    failureReasons: failed.map((entry) => entry.reason),
  };
};

export const bulkTagsOutputFields = [
  { key: 'tags', label: 'Tags', type: 'string' as const, list: true },
  ...updatedFields,
  { key: 'errorCount', label: 'Number of Contacts Not Updated', type: 'integer' as const },
  { key: 'failedContactIds', label: 'Not Updated: Contact IDs', type: 'string' as const, list: true },
  { key: 'failureReasons', label: 'Not Updated: Reasons', type: 'string' as const, list: true },
];

/** ContactsBulkUpateResponse → the contacts HighLevel says it updated, and those it left alone. */
export const bulkBusinessOutput = (
  z: ZObject,
  requested: string[],
  businessId: string | null,
  result: { success?: boolean; ids?: string[] },
) => {
  if (result.success === false) {
    throw userError(
      z,
      'HighLevel did not confirm the change of business. Check the contacts in HighLevel before trying again.',
      'unexpected_response',
    );
  }
  const updated = result.ids ?? requested;
  if (updated.length === 0 && requested.length > 0) {
    throw noneUpdated(
      z,
      requested.map((contactId) => ({
        contactId,
        reason: 'not updated (check that the contact exists in this sub-account)',
      })),
    );
  }
  return {
    id: bulkChangeId({ businessId, contacts: requested }),
    businessId,
    updatedContactIds: updated,
    updatedCount: updated.length,
    notUpdatedContactIds: requested.filter((id) => !updated.includes(id)),
  };
};

export const bulkBusinessOutputFields = [
  { key: 'businessId', label: 'Business ID', type: 'string' as const },
  ...updatedFields,
  { key: 'notUpdatedContactIds', label: 'Not Updated: Contact IDs', type: 'string' as const, list: true },
];
