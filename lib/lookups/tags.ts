/**
 * The sub-account's tags: schema, GET /locations/:id/tags (locations.json), the tag fields, and how a typed
 * tag is read. Adding and removing a contact's tags are contact endpoints (lib/contacts/api.ts).
 */
import { defineInputField, type ZObject } from 'zapier-platform-core';
import { userError } from '../core/errors';
import { apiPath, locationIdOf, send, type AuthBundle } from '../core/request';
import { lazySchema } from '../core/schema';
import { optionalText } from '../core/validation';

/** Key of the hidden dropdown trigger (triggers/tag_list.ts). */
export const TAG_DROPDOWN = 'tag_list';

export const tagSchema = lazySchema((zod) =>
  zod.looseObject({ id: zod.string().nullish(), name: zod.string() }),
);

const locationTagsEnvelope = lazySchema((zod) => zod.object({ tags: zod.array(tagSchema()) }));

export const listLocationTags = async (z: ZObject, bundle: AuthBundle) =>
  (
    await send(z, {
      method: 'GET',
      path: apiPath`/locations/${locationIdOf(z, bundle)}/tags`,
      schema: locationTagsEnvelope(),
      scope: 'locations/tags.readonly',
    })
  ).tags;

export const tagsField = defineInputField({
  key: 'tags',
  label: 'Tags',
  type: 'string',
  list: true,
  required: false,
  dynamic: `${TAG_DROPDOWN}.id.label`,
  helpText: "Choose the sub-account's tags or type new ones.",
});

/** One tag, chosen from the sub-account's tags or typed (a dynamic dropdown accepts custom values). */
export const tagFilterField = defineInputField({
  key: 'tag',
  label: 'Tag',
  type: 'string',
  required: true,
  dynamic: `${TAG_DROPDOWN}.id.label`,
  helpText: "Choose one of the sub-account's tags or type one.",
});

/**
 * A tag as HighLevel stores it: trimmed and lower-cased (HighLevel lower-cases tags on write; the sandbox
 * mirrors it), so "VIP" typed by hand finds and dedupes like "vip" chosen from the dropdown.
 */
const tagName = (tag: string): string => tag.toLowerCase();

/** One tag, trimmed and lower-cased; a mapped list of several tags is refused (the filter takes one). */
export const optionalTag = (z: ZObject, value: unknown, label = 'Tag'): string | undefined => {
  const tags = Array.isArray(value) ? value.map(optionalText).filter((tag) => tag !== undefined) : [];
  if (tags.length > 1) {
    throw userError(z, `${label} takes one tag; got ${tags.length}. Choose a single tag.`, 'invalid_input');
  }
  const tag = Array.isArray(value) ? tags[0] : optionalText(value);
  return tag === undefined ? undefined : tagName(tag);
};

export const requiredTag = (z: ZObject, value: unknown, label = 'Tag'): string => {
  const tag = optionalTag(z, value, label);
  if (tag === undefined) throw userError(z, `${label} is required.`, 'invalid_input');
  return tag;
};
