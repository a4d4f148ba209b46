/**
 * The sub-account's contact custom fields (locations.json, HIGHLEVEL.md §9): the definition schema,
 * GET /locations/:id/customFields, the cached definitions (so a steady-state poll stays one request), typed
 * Zapier input fields for them, the `{id, fieldValue}` writes, and labelled output fields
 * `custom_fields__<field key>` ("Custom: <name>") with their values.
 */
import type { Bundle, PlainInputField, ZObject } from 'zapier-platform-core';
import type { z as zod } from 'zod';
import { cached, type CacheScope } from '../core/cache';
import { errorDetails, userError } from '../core/errors';
import { apiPath, locationIdOf, send, type AuthBundle } from '../core/request';
import { fieldSchemas, lazySchema } from '../core/schema';

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
// Outputs

/** The key a custom field gets in outputs: `custom_fields__industry` for fieldKey `contact.industry`. */
export const customFieldOutputKey = (
  definition: Pick<CustomFieldDefinition, 'fieldKey' | 'id'>,
): `custom_fields__${string}` => {
  const key = definition.fieldKey.replace(/^contact\./, '').replace(/[^A-Za-z0-9_]/g, '_');
  return `custom_fields__${key || definition.id}`;
};

export type CustomFieldOutput = Record<`custom_fields__${string}`, unknown>;

interface PreparedDefinitions {
  /** Every output key, in the definitions' order. */
  keys: Array<`custom_fields__${string}`>;
  byId: Map<string, { key: `custom_fields__${string}`; dataType: string }>;
}

/**
 * A poll normalises every contact with the same definitions: their output keys and the lookup by id are worked
 * out once per definitions list (npm run bench, section 3), not once per contact.
 */
const prepared = new WeakMap<readonly CustomFieldDefinition[], PreparedDefinitions>();

const prepare = (definitions: readonly CustomFieldDefinition[]): PreparedDefinitions => {
  let ready = prepared.get(definitions);
  if (!ready) {
    const keyed = definitions.map((definition) => ({
      id: definition.id,
      key: customFieldOutputKey(definition),
      dataType: definition.dataType,
    }));
    ready = { keys: keyed.map(({ key }) => key), byId: new Map(keyed.map((entry) => [entry.id, entry])) };
    prepared.set(definitions, ready);
  }
  return ready;
};

export const customFieldValues = (
  values: ReadonlyArray<CustomFieldValue> | null | undefined,
  definitions: CustomFieldDefinition[],
): CustomFieldOutput => {
  const { keys, byId } = prepare(definitions);
  const output: CustomFieldOutput = {};
  for (const key of keys) output[key] = null;
  for (const { id, value } of values ?? []) {
    const definition = byId.get(id);
    if (definition) output[definition.key] = customFieldOutputValue(definition.dataType, value);
  }
  return output;
};

const LIST_TYPES = new Set(['CHECKBOX', 'MULTIPLE_OPTIONS']);
const NUMBER_TYPES = new Set(['NUMERICAL', 'MONETORY']);

const text = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);

/** "1,234.50", "$ 99", "42" → a number; undefined when the text is not one number. */
const numberOf = (value: string): number | undefined => {
  const cleaned = value
    .trim()
    .replace(/^[^\d+-.]+/, '')
    .replace(/,/g, '');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(cleaned)) return undefined;
  const number = Number(cleaned);
  return Number.isFinite(number) ? number : undefined;
};

/** Epoch (ms, or s for 10 digits) or ISO text → `YYYY-MM-DD`, the day as HighLevel stores it (UTC). */
const dayOf = (value: string | number): string | undefined => {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value.trim())) return value.trim().slice(0, 10);
  const epoch = typeof value === 'number' ? value : /^\d{9,13}$/.test(value.trim()) ? Number(value) : NaN;
  const ms = Number.isFinite(epoch)
    ? Math.abs(epoch) < 1e11
      ? epoch * 1000
      : epoch
    : Date.parse(String(value));
  if (!Number.isFinite(ms)) return undefined;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(0, 10);
};

/** A list value: an array, a JSON array in text, or comma-separated text. */
const listOf = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.filter((item) => item !== null && item !== undefined).map(text);
  const raw = text(value).trim();
  if (raw.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (Array.isArray(parsed)) return listOf(parsed);
    } catch {
      // not JSON: read as comma-separated text below
    }
  }
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
};

/**
 * A value as a contact read returns it → its "Custom: …" output. contacts.json types every value as a string,
 * while HighLevel (and the sandbox) also answer numbers, arrays and epoch-ms dates (docs/ACTIONS.md §8): both
 * are read, and the output has the type of the field's output field.
 */
export const customFieldOutputValue = (dataType: string, value: unknown): unknown => {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
    return null;
  if (LIST_TYPES.has(dataType)) return listOf(value);
  if (NUMBER_TYPES.has(dataType)) {
    if (typeof value === 'number') return value;
    // Text that is not a number is kept as written rather than lost.
    return numberOf(text(value)) ?? text(value);
  }
  if (dataType === 'DATE') {
    if (typeof value === 'number' || typeof value === 'string') return dayOf(value) ?? text(value);
    return text(value);
  }
  if (Array.isArray(value)) return value.map(text).join(', ');
  return text(value);
};

const outputType = (dataType: string): 'string' | 'number' =>
  dataType === 'NUMERICAL' || dataType === 'MONETORY' ? 'number' : 'string';

export const customFieldOutputFields = (definitions: CustomFieldDefinition[]) =>
  definitions.map((definition) => ({
    key: customFieldOutputKey(definition),
    label: `Custom: ${definition.name}`,
    type: outputType(definition.dataType),
    ...(isListType(definition.dataType) ? { list: true } : {}),
  }));

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
        ...(isListType(definition.dataType) ? { list: true } : {}),
        ...(options.length > 0
          ? { choices: options.map((option) => ({ value: option, label: option, sample: option })) }
          : {}),
        ...(definition.placeholder ? { placeholder: definition.placeholder } : {}),
        helpText: `Custom field "${definition.name}".${definition.dataType === 'DATE' ? ' A date, e.g. 2026-12-31.' : ''}`,
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

/**
 * The `customFields` array for a contact write, from the `custom_field__…` inputs the user filled.
 * A field's type is its current definition's, else the one an earlier key carried, else the value's own
 * kind (the definitions could not be read). Under both an earlier key and the current one, the current
 * one wins. Empty inputs are dropped; a value of the wrong kind is a plain error before any write.
 */
export const customFieldWrites = (
  z: ZObject,
  inputData: Record<string, unknown>,
  definitions: ReadonlyArray<CustomFieldDefinition> = [],
): CustomFieldWrite[] => {
  const typeById = new Map(definitions.map((definition) => [definition.id, definition.dataType]));
  const writes = new Map<string, CustomFieldWrite>();
  const fromCurrentKey = new Set<string>();
  for (const [key, value] of Object.entries(inputData)) {
    const parsed = parseInputKey(key);
    if (!parsed || isEmpty(value)) continue;
    const { id, keyType } = parsed;
    if (keyType && fromCurrentKey.has(id)) continue;
    const dataType = typeById.get(id) ?? keyType ?? typeOfValue(value);
    writes.set(id, customFieldWrite(z, id, dataType, value));
    if (!keyType) fromCurrentKey.add(id);
  }
  return [...writes.values()];
};

const customFieldWrite = (z: ZObject, id: string, dataType: string, value: unknown): CustomFieldWrite => {
  const invalid = (what: string) =>
    userError(
      z,
      `The custom field ${id} needs ${what}; got "${String(value).slice(0, 60)}".`,
      'invalid_input',
    );
  if (dataType === 'NUMERICAL' || dataType === 'MONETORY') {
    const number = typeof value === 'number' ? value : Number(String(value).trim().replace(/,/g, ''));
    if (!Number.isFinite(number)) throw invalid('a number');
    return { id, fieldValue: number };
  }
  if (isListType(dataType)) {
    const items = (Array.isArray(value) ? value : [value])
      .filter((item) => item !== null && item !== undefined)
      .map((item) => String(item).trim())
      .filter((item) => item !== '');
    return { id, fieldValue: items };
  }
  if (dataType === 'DATE') {
    const day = calendarDay(String(value));
    if (!day) throw invalid('a date such as 2026-12-31');
    return { id, fieldValue: day };
  }
  if (typeof value === 'object') throw invalid('a single text value');
  return { id, fieldValue: String(value).trim() };
};

/**
 * The writes for an action's inputs. The definitions (cached, as the outputs need them anyway) are read
 * only when a custom field is filled; if they cannot be read the keys' and values' own types are used.
 */
export const actionCustomFieldWrites = async (
  z: ZObject,
  bundle: AuthBundle,
  inputData: Record<string, unknown>,
): Promise<CustomFieldWrite[]> => {
  const filled = Object.entries(inputData).some(([key, value]) => parseInputKey(key) && !isEmpty(value));
  return filled ? customFieldWrites(z, inputData, await actionCustomFieldDefinitions(z, bundle)) : [];
};

// ---------------------------------------------------------------------------------------------------------
// In the editor

/** The sub-account's contact custom fields as typed inputs (editor only; definitions cached). */
export const customFieldInputs = async (z: ZObject, bundle: Bundle): Promise<PlainInputField[]> =>
  customFieldInputFields(await getCustomFieldDefinitions(z, bundle));

/** "Custom: <name>" output fields of the sub-account (editor only; definitions cached). */
export const customFieldOutputs = async (z: ZObject, bundle: Bundle) =>
  customFieldOutputFields(await getCustomFieldDefinitions(z, bundle));
