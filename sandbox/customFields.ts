/**
 * Custom field writes: `customFields: [{id | key, fieldValue | field_value}]` checked against the
 * location's field definitions (HIGHLEVEL.md §9). Reads return `[{id, value}]` (serialize.ts).
 */
import { unprocessable } from './errors';
import { parseDateValue } from './normalize';
import type { SandboxStore } from './store';
import type { CustomFieldDefinition, CustomFieldValue } from './types';

export interface CustomFieldInput {
  id?: string;
  key?: string;
  field_value?: unknown;
  fieldValue?: unknown;
}

const DAY_MS = 86_400_000;

const matchOption = (definition: CustomFieldDefinition, value: string): string | undefined =>
  (definition.picklistOptions ?? []).find((option) => option.toLowerCase() === value.trim().toLowerCase());

/** Returns the stored value, null to clear, or an error message. */
const convert = (
  definition: CustomFieldDefinition,
  raw: unknown,
): CustomFieldValue | null | { error: string } => {
  if (raw === null || raw === '' || (Array.isArray(raw) && raw.length === 0)) return null;
  const label = `${definition.dataType} field ${definition.fieldKey}`;
  switch (definition.dataType) {
    case 'NUMERICAL':
    case 'MONETORY': {
      const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
      if (typeof n !== 'number' || !Number.isFinite(n)) return { error: `must be a number for ${label}` };
      return n;
    }
    case 'DATE': {
      const ms = parseDateValue(raw);
      if (ms === undefined)
        return { error: `must be a date (YYYY-MM-DD, ISO 8601 or epoch ms) for ${label}` };
      return typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(raw)
        ? Math.floor(ms / DAY_MS) * DAY_MS
        : ms;
    }
    case 'SINGLE_OPTIONS':
    case 'RADIO': {
      if (typeof raw !== 'string') return { error: `must be a string for ${label}` };
      const option = matchOption(definition, raw);
      if (!option) {
        return {
          error: `must be one of the following values: ${(definition.picklistOptions ?? []).join(', ')}`,
        };
      }
      return option;
    }
    case 'MULTIPLE_OPTIONS':
    case 'CHECKBOX': {
      const list = typeof raw === 'string' ? [raw] : raw;
      if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) {
        return { error: `must be an array of strings for ${label}` };
      }
      const options: string[] = [];
      for (const item of list) {
        const option = matchOption(definition, item);
        if (!option) {
          return { error: `values must be among: ${(definition.picklistOptions ?? []).join(', ')}` };
        }
        if (!options.includes(option)) options.push(option);
      }
      return options;
    }
    case 'TEXTBOX_LIST':
    case 'FILE_UPLOAD':
      return typeof raw === 'string' ? raw : JSON.stringify(raw);
    default:
      if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
      if (typeof raw !== 'string') return { error: `must be a string for ${label}` };
      return raw;
  }
};

/** Turns the request's custom field list into store writes (custom field id → value or null). */
export const resolveCustomFieldWrites = (
  store: SandboxStore,
  locationId: string,
  inputs: readonly CustomFieldInput[],
): Record<string, CustomFieldValue | null> => {
  const errors: string[] = [];
  const writes: Record<string, CustomFieldValue | null> = {};
  inputs.forEach((input, i) => {
    const path = `customFields.${i}`;
    const ref = input.id ?? input.key;
    if (!ref) {
      errors.push(`${path}.id should not be empty`);
      return;
    }
    const definition = store.customField(locationId, ref);
    if (!definition || (input.id !== undefined && definition.id !== input.id)) {
      errors.push(`${path}.id: custom field ${ref} does not exist in this location`);
      return;
    }
    if (input.fieldValue === undefined && input.field_value === undefined) {
      errors.push(`${path}.fieldValue should not be empty`);
      return;
    }
    const value = convert(definition, input.fieldValue !== undefined ? input.fieldValue : input.field_value);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      errors.push(`${path}.fieldValue ${value.error}`);
      return;
    }
    writes[definition.id] = value;
  });
  if (errors.length > 0) throw unprocessable(errors);
  return writes;
};
