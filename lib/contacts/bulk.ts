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
 * code and wording, with HighLevel's reasons, so a Zap never reports nothing done.
 */
const noneUpdated = (z: ZObject, reasons: readonly string[]): Error =>
  userError(z, `HighLevel updated none of the contacts (${reasons.join('; ')}).`, 'bad_request');

/**
 * The `id` of a bulk change (Zapier's check D010 wants one in every action's output): a digest of what was asked,
 * the same for the same tags (business) and contacts.
 */
const bulkChangeId = (change: Record<string, unknown>): string => `bulk-${stableHash(change)}`;

/** A contact HighLevel named as not updated, with its reason. */
interface NotUpdated {
  contactId: string;
  reason: string;
}

/**
 * The output both families share (docs/ACTIONS.md §3): a list names contacts, a count counts them. Two parallel
 * lists (not updated: IDs and reasons) rather than a list of objects: each maps as a line item in later steps.
 */
const bulkSummary = (updated: readonly string[], notUpdated: readonly NotUpdated[]) => ({
  updatedContactIds: [...updated],
  updatedCount: updated.length,
  notUpdatedContactIds: notUpdated.map((entry) => entry.contactId),
  notUpdatedCount: notUpdated.length,
  notUpdatedReasons: notUpdated.map((entry) => entry.reason),
});

/** The summary of an answer that names each contact; fails when it names not one as updated. */
const namedSummary = (z: ZObject, updated: readonly string[], notUpdated: readonly NotUpdated[]) => {
  if (updated.length === 0 && notUpdated.length > 0) {
    throw noneUpdated(
      z,
      notUpdated.map((entry) => `${entry.contactId}: ${entry.reason}`),
    );
  }
  return bulkSummary(updated, notUpdated);
};

/** The output fields both families share: a count is labelled as a number, a list as IDs. */
const summaryFields = [
  { key: 'id', label: 'Bulk Change ID', type: 'string' as const },
  {
    key: 'updatedContactIds',
    label: 'Updated Contact IDs',
    type: 'string' as const,
    list: true,
    primary: true,
  },
  { key: 'updatedCount', label: 'Number of Contacts Updated', type: 'integer' as const },
  { key: 'notUpdatedContactIds', label: 'Not Updated: Contact IDs', type: 'string' as const, list: true },
  { key: 'notUpdatedCount', label: 'Number of Contacts Not Updated', type: 'integer' as const },
  { key: 'notUpdatedReasons', label: 'Not Updated: Reasons', type: 'string' as const, list: true },
];

export interface BulkTagResult {
  contactId?: string | null;
  message?: string | null;
  type?: string | null;
}

interface BulkTagsAnswer {
  succeded?: boolean;
  errorCount?: number;
  responses?: Array<string | BulkTagResult>;
}

const isNamed = (entry: string | BulkTagResult): entry is BulkTagResult & { contactId: string } =>
  typeof entry !== 'string' && typeof entry.contactId === 'string' && entry.contactId !== '';

/**
 * UpdateTagsResponseDTO without a contact per answer: `responses` as plain strings, as the spec's schema types
 * them (docs/ACTIONS.md §3). A string names no contact and says nothing of success, so only `errorCount` and
 * `succeded` tell what happened: none failed, all failed (the step fails with the strings as reasons), or some
 * did, which HighLevel does not name: the counts are then HighLevel's and the lists stay empty.
 */
const countedTagsSummary = (z: ZObject, requested: string[], result: BulkTagsAnswer) => {
  const sent = requested.length;
  const failed = result.succeded === false ? sent : Math.min(sent, Math.max(0, result.errorCount ?? 0));
  if (failed === 0) return bulkSummary(requested, []);
  if (failed === sent) {
    const messages = (result.responses ?? [])
      .map((entry) => (typeof entry === 'string' ? entry : (entry.message ?? '')).trim())
      .filter((message) => message !== '');
    throw noneUpdated(z, messages.length > 0 ? messages : requested.map((id) => `${id}: not updated`));
  }
  return { ...bulkSummary([], []), updatedCount: sent - failed, notUpdatedCount: failed };
};

/**
 * UpdateTagsResponseDTO → the contacts updated and those not updated, with HighLevel's reason. Its example
 * gives one object per contact (`{contactId, message, type}`), read contact by contact; any other answer is
 * read by its counts (countedTagsSummary).
 */
export const bulkTagsOutput = (z: ZObject, requested: string[], tags: string[], result: BulkTagsAnswer) => {
  const responses = result.responses ?? [];
  const summary =
    responses.length > 0 && responses.every(isNamed)
      ? namedSummary(
          z,
          [...new Set(responses.filter((entry) => entry.type !== 'error').map((entry) => entry.contactId))],
          responses
            .filter((entry) => entry.type === 'error')
            .map((entry) => ({ contactId: entry.contactId, reason: entry.message || 'not updated' })),
        )
      : countedTagsSummary(z, requested, result);
  return { id: bulkChangeId({ tags, contacts: requested }), tags, ...summary };
};

export const bulkTagsOutputFields = [
  { key: 'tags', label: 'Tags', type: 'string' as const, list: true },
  ...summaryFields,
];

/** The business answer gives no reason: what a contact missing from its `ids` is told. */
const NOT_LISTED = 'not updated (check that the contact exists in this sub-account)';

/**
 * ContactsBulkUpateResponse → the contacts HighLevel says it updated (`ids`), and those it left alone.
 * `success: false` confirms none (docs/ACTIONS.md §3).
 */
export const bulkBusinessOutput = (
  z: ZObject,
  requested: string[],
  businessId: string | null,
  result: { success?: boolean; ids?: string[] },
) => {
  const updated = result.success === false ? [] : (result.ids ?? requested);
  const notUpdated = requested
    .filter((id) => !updated.includes(id))
    .map((contactId) => ({ contactId, reason: NOT_LISTED }));
  return {
    id: bulkChangeId({ businessId, contacts: requested }),
    businessId,
    ...namedSummary(z, updated, notUpdated),
  };
};

export const bulkBusinessOutputFields = [
  { key: 'businessId', label: 'Business ID', type: 'string' as const },
  ...summaryFields,
];
