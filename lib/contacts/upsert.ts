/**
 * Create or Update Contact's tags (docs/ACTIONS.md §11): HighLevel's upsert REPLACES an existing contact's tags
 * with the ones sent, so by default the tags are added instead, with a second request (POST /contacts/:id/tags)
 * only when tags are given; "Replace All Tags" keeps the single upsert that replaces them.
 */
import type { ZObject } from 'zapier-platform-core';
import { errorDetails, parseJson } from '../core/errors';
import { lazySchema } from '../core/schema';
import { optionalBoolean } from '../core/validation';
import { addContactTags, upsertContact, type ContactUpsertBody } from './api';
import type { HighLevelContact } from './model';
import type { AuthBundle } from '../core/request';

const throttled = lazySchema((zod) =>
  zod.object({ message: zod.string().optional(), delay: zod.number().optional() }),
);

export interface UpsertOutcome {
  isNew: boolean;
  contact: HighLevelContact;
}

/** The contact was saved and the tags were not: say both, keeping the error's class, code and status. */
const tagsNotAdded = (z: ZObject, error: unknown, outcome: UpsertOutcome, tags: string[]): unknown => {
  if (!(error instanceof Error)) return error;
  const saved = `The contact was ${outcome.isNew ? 'created' : 'updated'} (contact ID ${outcome.contact.id}), but its tags (${tags.join(', ').slice(0, 120)}) could not be added`;
  // Matched by name: core's declared types of z.errors are not classes `instanceof` can narrow with.
  if (error.name === 'ThrottledError') {
    // A ThrottledError carries `{message, delay}` as JSON in its message.
    const { message, delay } = throttled().safeParse(parseJson(error.message)).data ?? {};
    return new z.errors.ThrottledError(`${saved}: ${message ?? 'HighLevel is busy.'}`, delay);
  }
  if (error.name === 'AppError') {
    const { message, code, status } = errorDetails(error);
    // Both requests are safe to repeat: running the step again finds the same contact and adds the tags.
    return new z.errors.Error(
      `${saved}. ${message ?? 'HighLevel did not accept the tags.'} Running this step again is safe: it finds the same contact and adds the tags.`,
      code,
      status,
    );
  }
  return error;
};

/**
 * The upsert, then (tags given, not replacing) the added tags. The output's contact carries its tags after both
 * requests (HighLevel's answer to the add; the union when it sent none).
 */
export const upsertContactKeepingTags = async (
  z: ZObject,
  bundle: AuthBundle & { inputData: Record<string, unknown> },
  body: ContactUpsertBody,
): Promise<UpsertOutcome> => {
  const replace = optionalBoolean(z, bundle.inputData.replaceTags, 'Replace All Tags') === true;
  const { tags, ...withoutTags } = body;
  if (replace || tags === undefined || tags.length === 0) return upsertContact(z, bundle, body);
  const outcome = await upsertContact(z, bundle, withoutTags);
  let after: string[] | undefined;
  try {
    after = (await addContactTags(z, outcome.contact.id, tags)).tags;
  } catch (error) {
    throw tagsNotAdded(z, error, outcome, tags);
  }
  const union = [...new Set([...(outcome.contact.tags ?? []), ...tags])];
  return { ...outcome, contact: { ...outcome.contact, tags: after ?? union } };
};
