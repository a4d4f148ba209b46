/**
 * The sub-account's contact custom fields (locations.json, HIGHLEVEL.md §9): the definition schema,
 * GET /locations/:id/customFields, the cached definitions (so a steady-state poll stays one request), typed
 * Zapier input fields for them and the `{id, fieldValue}` writes; the outputs are in customFieldOutputs.ts.
 */
import type { Bundle, PlainInputField, ZObject } from 'zapier-platform-core';
import type { z as zod } from 'zod';
import { cached, type CacheScope } from '../core/cache';
import { errorDetails, userError } from '../core/errors';
import { apiPath, locationIdOf, send, type AuthBundle } from '../core/request';
import { fieldSchemas, lazySchema } from '../core/schema';
import { customFieldOutputFields } from './customFieldOutputs';

export const customFieldValueSchema = lazySchema((zod) =>
  zod.looseObject({
    id: zod.string(),
    value: zod.unknown().optional(),
  }),
);

export type CustomFieldValue = zod.infer<ReturnType<typeof customFieldValueSchema>>;

export const customFieldDefinitionSchema = lazySchema((zod) => {
  const { text } = fieldSchemas();
  return zod.looseObject({
    id: zod.string().min(1),
    name: zod.string(),
    fieldKey: zod.string(),
    dataType: zod.string(),
    picklistOptions: zod.array(zod.union([zod.string(), zod.number()]).transform(String)).nullish(),
    placeholder: text,
    position: zod.number().nullish(),
    model: text,
  });
});
export type CustomFieldDefinition = zod.infer<ReturnType<typeof customFieldDefinitionSchema>>;

export interface CustomFieldWrite {
  id: string;
  fieldValue: string | number | string[];
}

const customFieldsEnvelope = lazySchema((zod) =>
  zod.object({ customFields: zod.array(customFieldDefinitionSchema()) }),
);

export const listCustomFieldDefinitions = async (z: ZObject, bundle: AuthBundle) =>
  (
    await send(z, {
      method: 'GET',
      path: apiPath`/locations/${locationIdOf(z, bundle)}/customFields`,
      query: { model: 'contact' },
      schema: customFieldsEnvelope(),
      scope: 'locations/customFields.readonly',
    })
  ).customFields;

/**
 * An hour: the definitions change rarely, and every contact action reads them for its outputs
 * (docs/ACTIONS.md §10), so a run within the hour adds no request. A field added in HighLevel shows up in
 * the editor and in outputs within the hour.
 */
export const CUSTOM_FIELDS_TTL_SECONDS = 60 * 60;

/** One connection's definitions are never shared with another connection on the same sub-account. */
const CACHE_SCOPE: CacheScope = ['auth'];

const definitionsSchema = lazySchema((zod) => zod.array(customFieldDefinitionSchema()));

const definitionsCacheKey = (z: ZObject, bundle: AuthBundle) =>
  `highlevel:contact-custom-fields:v1:${locationIdOf(z, bundle)}`;

const parseDefinitions = (value: unknown): CustomFieldDefinition[] | undefined => {
  const parsed = definitionsSchema().safeParse(value);
  return parsed.success ? parsed.data : undefined;
};

/**
 * Contact custom field definitions, cached for a few minutes. Without the custom-fields permission
 * (a 403) this is an empty list: polls and actions keep working, just without custom fields.
 */
export const getCustomFieldDefinitions = async (
  z: ZObject,
  bundle: AuthBundle,
): Promise<CustomFieldDefinition[]> =>
  cached(
    z,
    definitionsCacheKey(z, bundle),
    CUSTOM_FIELDS_TTL_SECONDS,
    async () => {
      try {
        const definitions = await listCustomFieldDefinitions(z, bundle);
        return [...definitions].sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
      } catch (error) {
        if (errorDetails(error).code === 'forbidden') return [];
        throw error;
      }
    },
    parseDefinitions,
    CACHE_SCOPE,
  );

/**
 * The definitions for an action's outputs and inputs: cached (one request on the first run of the hour,
 * none after). Any failure (a missing permission, an expired token, HighLevel down) is an empty list, so the
 * action carries on without the named custom fields instead of failing after its write.
 */
export const actionCustomFieldDefinitions = async (
  z: ZObject,
  bundle: AuthBundle,
): Promise<CustomFieldDefinition[]> => {
  try {
    return await getCustomFieldDefinitions(z, bundle);
  } catch {
    return [];
  }
};

// ---------------------------------------------------------------------------------------------------------
// Inputs. The key is `custom_field__<field id>`: the id survives a rename and a change of data type in
// HighLevel, so a Zap's mapping is never orphaned (docs/ACTIONS.md §10). Keys of earlier versions,
// `custom_field__<DATA TYPE>__<field id>`, are still read, as the same field.

const INPUT_KEY_PATTERN = /^custom_field__([A-Za-z0-9-]+(?:_[A-Za-z0-9-]+)*)$/;
const LEGACY_INPUT_KEY_PATTERN = /^custom_field__([A-Z_]+)__([A-Za-z0-9_-]+)$/;

const WRITABLE_TYPES = new Set([
  'TEXT',
  'LARGE_TEXT',
  'NUMERICAL',
  'MONETORY',
  'PHONE',
  'EMAIL',
  'DATE',
  'CHECKBOX',
  'SINGLE_OPTIONS',
  'MULTIPLE_OPTIONS',
  'RADIO',
]);

const isListType = (dataType: string) => dataType === 'CHECKBOX' || dataType === 'MULTIPLE_OPTIONS';

export const customFieldInputKey = (definition: Pick<CustomFieldDefinition, 'id'>): string =>
  `custom_field__${definition.id}`;

/** The key earlier versions gave a custom field input; still accepted (existing Zaps keep it). */
export const legacyCustomFieldInputKey = (
  definition: Pick<CustomFieldDefinition, 'id' | 'dataType'>,
): string => `custom_field__${definition.dataType}__${definition.id}`;

/** The field id and, for a key of an earlier version, the data type it was offered with. */
const parseInputKey = (key: string): { id: string; keyType?: string } | undefined => {
  const legacy = LEGACY_INPUT_KEY_PATTERN.exec(key);
  if (legacy && WRITABLE_TYPES.has(legacy[1])) return { id: legacy[2], keyType: legacy[1] };
  const current = INPUT_KEY_PATTERN.exec(key);
  return current ? { id: current[1] } : undefined;
};

/** A key that reads back as this field's id (not as an earlier key's type and id). */
const isCurrentKeyOf = (key: string, id: string) => {
  const parsed = parseInputKey(key);
  return parsed !== undefined && parsed.keyType === undefined && parsed.id === id;
};

const inputType = (dataType: string): PlainInputField['type'] => {
  switch (dataType) {
    case 'LARGE_TEXT':
      return 'text';
    case 'NUMERICAL':
    case 'MONETORY':
      return 'number';
    case 'DATE':
      return 'datetime';
    default:
      return 'string';
  }
};

/** What the value must be, which the label does not say (Zapier's help text limit: 400 characters). */
const customFieldHelp = (dataType: string, options: string[]): string => {
  const listed = (lead: string) => {
    const text = `${lead} ${options.join(', ')}.`;
    return text.length > 300 ? `${text.slice(0, 299)}…` : text;
  };
  if (options.length > 0) return isListType(dataType) ? listed('One or more of:') : listed('One of:');
  switch (dataType) {
    case 'NUMERICAL':
      return 'A number, e.g. 1200.';
    case 'MONETORY':
      return 'An amount, e.g. 99.50 (no currency sign needed).';
    case 'DATE':
      return 'A date, e.g. 2026-12-31. Only the day is saved.';
    case 'PHONE':
      return 'A phone number, e.g. +14155550123.';
    case 'EMAIL':
      return 'An email address.';
    case 'LARGE_TEXT':
      return 'Text; line breaks are kept.';
    case 'SINGLE_OPTIONS':
    case 'RADIO':
      return "One of the field's options in HighLevel.";
    default:
      return isListType(dataType) ? 'One or more values.' : 'Text, saved as written.';
  }
};

/** The editor group the custom field inputs are shown in (lib/contacts/fields.ts declares it). */
export const CUSTOM_FIELDS_GROUP = 'customFields';

export const customFieldInputFields = (definitions: CustomFieldDefinition[]): PlainInputField[] =>
  definitions
    .filter(
      (definition) =>
        WRITABLE_TYPES.has(definition.dataType) &&
        isCurrentKeyOf(customFieldInputKey(definition), definition.id),
    )
    .map((definition) => {
      const options = definition.picklistOptions ?? [];
      return {
        key: customFieldInputKey(definition),
        label: definition.name,
        type: inputType(definition.dataType),
        required: false,
        group: CUSTOM_FIELDS_GROUP,
        ...(isListType(definition.dataType) ? { list: true } : {}),
        ...(options.length > 0
          ? { choices: options.map((option) => ({ value: option, label: option, sample: option })) }
          : {}),
        ...(definition.placeholder ? { placeholder: definition.placeholder } : {}),
        helpText: customFieldHelp(definition.dataType, options),
      };
    });

const isEmpty = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.every((item) => isEmpty(item)));

/** `YYYY-MM-DD` from a date or date-time the user gave (Zapier sends `datetime` inputs as ISO text). */
const calendarDay = (value: string): string | undefined => {
  const trimmed = value.trim();
  // The day as written: "2026-12-31T00:00:00+10:00" is the 31st, although it is the 30th in UTC.
  const written = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(trimmed)?.[1];
  if (written) {
    return !Number.isNaN(Date.parse(trimmed.replace(' ', 'T'))) &&
      new Date(`${written}T00:00:00Z`).toISOString().startsWith(written)
      ? written
      : undefined;
  }
  const parsed = Date.parse(trimmed);
  return Number.isNaN(parsed) || !/\d{4}/.test(trimmed)
    ? undefined
    : new Date(parsed).toISOString().slice(0, 10);
};

/** The kind of value a field takes when neither a definition nor the key names its type. */
const typeOfValue = (value: unknown): string =>
  Array.isArray(value) ? 'MULTIPLE_OPTIONS' : typeof value === 'number' ? 'NUMERICAL' : 'TEXT';

/** Reads one value, or names it and leaves it out (lib/contacts/lenient.ts); without one, it fails. */
export type Lenient = <T>(read: () => T) => T | undefined;
const strictly: Lenient = (read) => read();

/**
 * The `customFields` array for a contact write, from the `custom_field__…` inputs the user filled.
 * A field's type is its current definition's, else the one an earlier key carried, else the value's own
 * kind (the definitions could not be read). Under both an earlier key and the current one, the current
 * one wins. Empty inputs are dropped; a value of the wrong kind is a plain error before any write, naming
 * the field (docs/CONTACT_INPUTS.md §3), or with `lenient` left out and named in the warnings.
 */
export const customFieldWrites = (
  z: ZObject,
  inputData: Record<string, unknown>,
  definitions: ReadonlyArray<CustomFieldDefinition> = [],
  lenient: Lenient = strictly,
): CustomFieldWrite[] => {
  const byId = new Map(definitions.map((definition) => [definition.id, definition]));
  const writes = new Map<string, CustomFieldWrite | undefined>();
  const fromCurrentKey = new Set<string>();
  for (const [key, value] of Object.entries(inputData)) {
    const parsed = parseInputKey(key);
    if (!parsed || isEmpty(value)) continue;
    const { id, keyType } = parsed;
    if (keyType && fromCurrentKey.has(id)) continue;
    const definition = byId.get(id);
    const field: FieldToWrite = {
      id,
      name: definition?.name,
      dataType: definition?.dataType ?? keyType ?? typeOfValue(value),
      options: definition?.picklistOptions ?? [],
    };
    writes.set(
      id,
      lenient(() => customFieldWrite(z, field, value)),
    );
    if (!keyType) fromCurrentKey.add(id);
  }
  return [...writes.values()].filter((write): write is CustomFieldWrite => write !== undefined);
};

interface FieldToWrite {
  id: string;
  /** Unknown when the definitions could not be read. */
  name?: string;
  dataType: string;
  options: readonly string[];
}

/**
 * The field as the user knows it: its name ("Employees"). Without the definitions (a missing permission) its id
 * is all there is, said plainly to be a custom field's (docs/CONTACT_INPUTS.md §3).
 */
export const customFieldName = (name: string | undefined, id: string) =>
  name ? `"${name}"` : `A custom field whose name could not be read (ID ${id})`;

/** A picklist value as HighLevel lists it (matched regardless of case), else undefined. */
const option = (options: readonly string[], value: string) =>
  options.find((candidate) => candidate.toLowerCase() === value.toLowerCase());

const customFieldWrite = (z: ZObject, field: FieldToWrite, value: unknown): CustomFieldWrite => {
  const { id, dataType, options } = field;
  const shown = (item: unknown) =>
    (typeof item === 'object' ? (JSON.stringify(item) ?? '') : String(item)).slice(0, 60);
  const invalid = (what: string, got: unknown = value) =>
    userError(z, `${customFieldName(field.name, id)} needs ${what} (got "${shown(got)}").`, 'invalid_input');
  const allowed = () => {
    const list = options.join(', ');
    return list.length > 200 ? `${list.slice(0, 199)}…` : list;
  };
  if (dataType === 'NUMERICAL' || dataType === 'MONETORY') {
    const number = typeof value === 'number' ? value : Number(String(value).trim().replace(/,/g, ''));
    if (!Number.isFinite(number)) throw invalid(dataType === 'MONETORY' ? 'an amount' : 'a number');
    return { id, fieldValue: number };
  }
  if (isListType(dataType)) {
    const items = (Array.isArray(value) ? value : [value])
      .filter((item) => item !== null && item !== undefined)
      .map((item) => String(item).trim())
      .filter((item) => item !== '');
    if (options.length === 0) return { id, fieldValue: items };
    const unknown = items.find((item) => option(options, item) === undefined);
    if (unknown !== undefined) throw invalid(`values among: ${allowed()}`, unknown);
    return { id, fieldValue: [...new Set(items.map((item) => option(options, item) ?? item))] };
  }
  if (dataType === 'DATE') {
    const day = calendarDay(String(value));
    if (!day) throw invalid('a date such as 2026-12-31');
    return { id, fieldValue: day };
  }
  if (typeof value === 'object') throw invalid('a single text value');
  const text = String(value).trim();
  if ((dataType === 'SINGLE_OPTIONS' || dataType === 'RADIO') && options.length > 0) {
    const chosen = option(options, text);
    if (chosen === undefined) throw invalid(`one of: ${allowed()}`);
    return { id, fieldValue: chosen };
  }
  return { id, fieldValue: text };
};

/**
 * The writes for an action's inputs. The definitions (cached, as the outputs need them anyway) are read
 * only when a custom field is filled; if they cannot be read the keys' and values' own types are used.
 */
export const actionCustomFieldWrites = async (
  z: ZObject,
  bundle: AuthBundle,
  inputData: Record<string, unknown>,
  lenient: Lenient = strictly,
): Promise<CustomFieldWrite[]> => {
  const filled = Object.entries(inputData).some(([key, value]) => parseInputKey(key) && !isEmpty(value));
  return filled
    ? customFieldWrites(z, inputData, await actionCustomFieldDefinitions(z, bundle), lenient)
    : [];
};

// ---------------------------------------------------------------------------------------------------------
// In the editor

/** The sub-account's contact custom fields as typed inputs (editor only; definitions cached). */
export const customFieldInputs = async (z: ZObject, bundle: Bundle): Promise<PlainInputField[]> =>
  customFieldInputFields(await getCustomFieldDefinitions(z, bundle));

/** "Custom: <name>" output fields of the sub-account (editor only; definitions cached). */
export const customFieldOutputs = async (z: ZObject, bundle: Bundle) =>
  customFieldOutputFields(await getCustomFieldDefinitions(z, bundle));
