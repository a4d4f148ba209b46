/**
 * Contacts in the instant triggers (docs/INSTANT_TRIGGERS.md §2): HighLevel's contact webhooks are flat contact
 * fields, sparse in practice and never with `dateUpdated` (docs/HIGHLEVEL.md §10), so a fire reads the contact
 * once (GET /contacts/:id) and outputs exactly what the polling triggers output; a contact deleted meanwhile
 * (404) is output from the payload.
 */
import type { ZObject } from 'zapier-platform-core';
import { userError } from '../core/errors';
import type { PollBundle } from '../core/polling';
import type { AuthBundle } from '../core/request';
import { sameText, type Delivery } from '../relay/delivery';
import { asFire } from '../relay/hook';
import { findContactById } from './api';
import { contactSchema, normaliseContactsWithCustomFields, type HighLevelContact } from './model';
import type { SearchFilter } from './api';
import { pollContactWindow } from './poll';

/** The contact a webhook carries. Its `type` is the event's (ContactCreate…), not the contact's: dropped. */
export const contactOfPayload = (z: ZObject, event: Record<string, unknown>): HighLevelContact => {
  const fields: Record<string, unknown> = { ...event };
  delete fields.type;
  const parsed = contactSchema().safeParse(fields);
  if (!parsed.success) {
    throw userError(
      z,
      'The instant trigger received a contact event without a usable contact ID, so it did not trigger. If it keeps happening, please contact support.',
      'unexpected_response',
    );
  }
  return parsed.data;
};

/** The contact of a delivery as HighLevel has it now (one read), else as the webhook sent it; normalised. */
export const hydrateContact = async (z: ZObject, bundle: AuthBundle, delivery: Delivery) => {
  const payload = contactOfPayload(z, delivery.event);
  const contact = (await findContactById(z, payload.id)) ?? payload;
  const [output] = await normaliseContactsWithCustomFields(z, bundle, [contact]);
  return { contact, output };
};

/**
 * The records of recent contacts, for the sample of a sub-account-wide trigger without a contact chosen: the
 * first of the 3 most recently updated contacts that has some, at most `limit` (4 requests at most).
 */
export const fromRecentContacts = async <T>(
  z: ZObject,
  bundle: PollBundle,
  read: (contactId: string) => Promise<T[]>,
  limit = 3,
): Promise<T[]> => {
  for (const { id: contactId } of await recentHighLevelContacts(z, bundle)) {
    const records = await read(contactId);
    if (records.length > 0) return records.slice(0, limit);
  }
  return [];
};

/** The 3 most recently updated contacts (matching `filters`), as HighLevel sends them. */
export const recentHighLevelContacts = (z: ZObject, bundle: PollBundle, filters: SearchFilter[] = []) =>
  pollContactWindow(
    z,
    { ...bundle, meta: { ...bundle.meta, isLoadingSample: true } },
    { field: 'dateUpdated', filters },
  );

/** The same, normalised with custom fields: samples of the triggers without a polling twin. */
export const recentContacts = async (z: ZObject, bundle: PollBundle, filters: SearchFilter[] = []) =>
  normaliseContactsWithCustomFields(z, bundle, await recentHighLevelContacts(z, bundle, filters));

/**
 * The fire of a tag trigger (Contact Tag Added / Tag Removed from Contact): the relay sends one delivery per
 * tag added (removed), naming it in `change.tag` (docs/RELAY_CONTRACT.md §4); with a Tag chosen, only that tag
 * fires (case-insensitive, as HighLevel compares tags).
 */
export const tagFires = async (
  z: ZObject,
  bundle: AuthBundle,
  delivery: Delivery,
  tag: string | undefined,
) => {
  const changed = delivery.change?.tag;
  if (!changed || (tag !== undefined && !sameText(changed, tag))) return [];
  const { output } = await hydrateContact(z, bundle, delivery);
  return [{ ...asFire(output, 'contactId', delivery.id), tag: changed }];
};
