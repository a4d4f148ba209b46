/**
 * A contact's custom fields in outputs: labelled output fields `custom_fields__<field key>` ("Custom: <name>")
 * and their values, read from what HighLevel answers (docs/ACTIONS.md §8).
 */
import type { CustomFieldDefinition, CustomFieldValue } from './customFields';

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

const isListType = (dataType: string) => LIST_TYPES.has(dataType);

const outputType = (dataType: string): 'string' | 'number' =>
  dataType === 'NUMERICAL' || dataType === 'MONETORY' ? 'number' : 'string';

export const customFieldOutputFields = (definitions: CustomFieldDefinition[]) =>
  definitions.map((definition) => ({
    key: customFieldOutputKey(definition),
    label: `Custom: ${definition.name}`,
    type: outputType(definition.dataType),
    ...(isListType(definition.dataType) ? { list: true } : {}),
  }));
