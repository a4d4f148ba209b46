/**
 * Publishing lint: the definition checks of Zapier's integration review that `validate --without-style`
 * skips (ZAPIER.md "Copy and definition rules"), over the whole app definition, so every operation that is
 * registered is held to them. Dynamic input and output fields are evaluated through the runtime with a
 * stubbed sub-account (two custom fields), and every visible operation is run once against a successful
 * HighLevel to check its real output against its output fields.
 */
import { CONTACT_DROPDOWN } from '../lib/contacts/fields';
import { BUSINESS_DROPDOWN } from '../lib/lookups/businesses';
import { TAG_DROPDOWN } from '../lib/lookups/tags';
import { TIMEZONE_DROPDOWN } from '../lib/lookups/timezones';
import { USER_DROPDOWN } from '../lib/lookups/users';
import { NOTE_DROPDOWN } from '../lib/notes/fields';
import { TASK_DROPDOWN } from '../lib/tasks/fields';
import { DEFAULT_API_URL, DEFAULT_APP_URL, DEFAULT_MARKETPLACE_URL, checkedBaseUrl } from '../lib/config';
import { FIXTURES } from './reliability/fixtures';
import {
  SECRETS,
  app,
  call,
  fakeApi,
  operations,
  outcome,
  run,
  secretsIn,
  successBody,
  type FieldDef,
  type FieldsDef,
  type OperationUnderTest,
} from './reliability/harness';

// ---------------------------------------------------------------------------------------------------------
// Copy rules

/** Words Title Case leaves in lower case unless they start the label. */
const SMALL_WORDS = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'nor',
  'but',
  'for',
  'of',
  'to',
  'in',
  'on',
  'at',
  'by',
  'from',
  'with',
  'as',
  'per',
  'via',
]);

/** D018: every word capitalised (each part of a hyphenated word too), small words aside. */
const titleCaseProblems = (label: string | undefined): string[] => {
  if (!label || label.trim() === '') return ['no label'];
  return label
    .trim()
    .split(/\s+/)
    .flatMap((word, index) =>
      word.split('-').filter((part, partIndex) => {
        const core = part.replace(/^[("'«]+|[)"'»:,.?!]+$/g, '');
        if (core === '' || !/^[A-Za-z]/.test(core)) return false;
        if ((index > 0 || partIndex > 0) && SMALL_WORDS.has(core)) return false;
        return !/^[A-Z]/.test(core);
      }),
    )
    .map((word) => `"${word}" is not capitalised in "${label}"`);
};

/** Third-person verbs a create's description may start with ("Creates a new contact."). */
const PLURAL_VERBS = new Set([
  'Adds',
  'Applies',
  'Archives',
  'Assigns',
  'Completes',
  'Creates',
  'Deletes',
  'Marks',
  'Moves',
  'Removes',
  'Replaces',
  'Sends',
  'Sets',
  'Updates',
]);

const APP_NAME = /high\s*level|lead\s*connector|gohighlevel/i;

/**
 * Typed id inputs without a dropdown, each with its reason. New Appointment (instant)'s optional Calendar: listing
 * calendars needs the calendars.readonly scope, which the app does not request (docs/INSTANT_TRIGGERS.md §6).
 */
const TYPED_IDS_ALLOWED = new Set(['new_appointment_instant.calendarId']);
/** Capitalised words a sentence may contain after its first word. */
const ALLOWED_CAPITALS = new Set(['ID', 'IDs', 'URL', 'ISO', 'I', 'E.164']);

const descriptionProblems = (op: OperationUnderTest): string[] => {
  const description = op.def.display.description ?? '';
  const problems: string[] = [];
  if (!description.trim().endsWith('.')) problems.push('does not end with "."');
  if (APP_NAME.test(description)) problems.push('names the app');
  const first = description.split(/\s+/)[0];
  if (op.kind === 'trigger' && !/^Triggers when \S/.test(description))
    problems.push('does not start "Triggers when "');
  if (op.kind === 'create' && !PLURAL_VERBS.has(first))
    problems.push(`starts with "${first}", not a plural verb`);
  if (op.kind === 'search' && first !== 'Finds') problems.push(`starts with "${first}", not "Finds"`);
  // "No capitalised nouns": after a sentence's first word, only acronyms may be capitalised.
  for (const sentence of description.split(/(?<=[.!?])\s+/)) {
    const words = sentence.split(/\s+/).slice(1);
    for (const word of words) {
      const core = word.replace(/^[("'«*]+|[)"'»:,;.?!*]+$/g, '');
      if (/^[A-Z]/.test(core) && !ALLOWED_CAPITALS.has(core) && core !== core.toUpperCase()) {
        problems.push(`capitalised "${core}"`);
      }
    }
  }
  return problems.map((problem) => `${op.kind} ${op.key}: description "${description}" ${problem}`);
};

// ---------------------------------------------------------------------------------------------------------
// Fields, static and dynamic

/** The static fields, plus the dynamic ones as the runtime computes them for a sub-account with custom fields. */
const resolveFields = async (
  fields: FieldsDef | undefined,
  inputData: Record<string, unknown> = {},
): Promise<{ field: FieldDef; dynamic: boolean }[]> => {
  const resolved: { field: FieldDef; dynamic: boolean }[] = [];
  for (const entry of fields ?? []) {
    if (typeof entry === 'function') {
      const result = await outcome(call(entry, inputData));
      if (!result.ok) throw new Error(`a dynamic field function failed: ${result.name}: ${result.message}`);
      for (const field of result.result as FieldDef[]) resolved.push({ field, dynamic: true });
    } else {
      resolved.push({ field: entry, dynamic: false });
    }
  }
  return resolved;
};

const isCustomField = (key: string) => /^custom_fields?__/.test(key);

/** ISO-8601 date-time with an explicit ±hh:mm offset (D023). */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?[+-]\d{2}:\d{2}$/;
const LOOKS_LIKE_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}/;

const dateProblems = (value: unknown, where: string): string[] => {
  if (typeof value === 'string') {
    return LOOKS_LIKE_DATE_TIME.test(value) && !ISO_WITH_OFFSET.test(value)
      ? [`${where} = "${value}" is not ISO-8601 with an offset`]
      : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => dateProblems(item, `${where}[${index}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => dateProblems(item, `${where}.${key}`));
  }
  return [];
};

/** D024: a value against its output field's type. */
const typeProblems = (value: unknown, field: FieldDef, where: string): string[] => {
  if (value === null || value === undefined) return [];
  if (field.list) {
    if (!Array.isArray(value)) return [`${where} is not a list, but its output field is list: true`];
    return value.flatMap((item, index) =>
      typeProblems(item, { ...field, list: false }, `${where}[${index}]`),
    );
  }
  const type = field.type ?? 'string';
  const ok =
    type === 'boolean'
      ? typeof value === 'boolean'
      : type === 'number' || type === 'integer'
        ? typeof value === 'number' && (type === 'number' || Number.isInteger(value))
        : type === 'datetime'
          ? typeof value === 'string' && ISO_WITH_OFFSET.test(value)
          : typeof value === 'string';
  return ok ? [] : [`${where} = ${JSON.stringify(value)} does not match its output field type "${type}"`];
};

/** The other direction: a value whose type needs an output field saying so. */
const undeclaredTypeProblems = (value: unknown, field: FieldDef | undefined, where: string): string[] => {
  const type = field?.type ?? 'string';
  if (typeof value === 'boolean' && type !== 'boolean')
    return [`${where} is a boolean; its output field must say type boolean`];
  if (typeof value === 'number' && type !== 'number' && type !== 'integer') {
    return [`${where} is a number; its output field must say type number`];
  }
  if (typeof value === 'string' && ISO_WITH_OFFSET.test(value) && type !== 'datetime') {
    return [`${where} is a date-time; its output field must say type datetime`];
  }
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object') && !field?.list) {
    return [`${where} is a list; its output field must say list: true`];
  }
  return [];
};

const isIdKey = (key: string) => key === 'id' || /Ids?$/.test(key);

/** Checks an object (a sample, or a real output) against the operation's output fields. */
const outputProblems = (item: unknown, outputs: FieldDef[], where: string): string[] => {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return [`${where} is not an object`];
  const byKey = new Map(outputs.map((field) => [field.key, field]));
  const problems: string[] = [];
  if (!('id' in item) && !outputs.some((field) => field.primary))
    problems.push(`${where} has no "id" (D010/D012)`);
  problems.push(...dateProblems(item, where));
  for (const [key, value] of Object.entries(item)) {
    const field = byKey.get(key);
    if (field) problems.push(...typeProblems(value, field, `${where}.${key}`));
    problems.push(...undeclaredTypeProblems(value, field, `${where}.${key}`));
    if (isIdKey(key) && !field?.label)
      problems.push(`${where}.${key} is an id without a labelled output field`);
  }
  return problems;
};

// ---------------------------------------------------------------------------------------------------------

const all = operations();
const visible = all.filter((op) => !op.hidden);

describe('publishing lint', () => {
  // Dynamic fields read the sub-account's custom fields: answered by the fake HighLevel.
  beforeEach(() => {
    fakeApi((req) => ({ status: 200, json: successBody(req) }));
  });

  it('every operation is registered under its own snake_case key, with a noun', () => {
    const problems = all.flatMap((op) => [
      ...(op.def.key === op.key ? [] : [`${op.key}: registered under another key than "${op.def.key}"`]),
      ...(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(op.key) ? [] : [`${op.key}: key is not snake_case`]),
      ...(op.def.noun ? [] : [`${op.key}: no noun`]),
    ]);
    expect(problems).toEqual([]);
  });

  it('labels are Title Case and never name the app (D018)', () => {
    const problems = [
      ...all.flatMap((op) =>
        titleCaseProblems(op.def.display.label).map((problem) => `${op.key}: ${problem}`),
      ),
      ...all
        .filter((op) => APP_NAME.test(op.def.display.label))
        .map((op) => `${op.key}: label names the app`),
      ...Object.values(app.searchOrCreates ?? {}).flatMap((pair) =>
        titleCaseProblems(pair.display.label).map((problem) => `searchOrCreate ${pair.key}: ${problem}`),
      ),
    ];
    expect(problems).toEqual([]);
  });

  // Hidden operations never show in the editor's list: a polling trigger hidden behind the instant one with its
  // label (the instant build, docs/INSTANT_TRIGGERS.md §7) is not a second entry.
  it('labels are unique within each kind (among the visible operations)', () => {
    const problems = (['trigger', 'create', 'search'] as const).flatMap((kind) => {
      const labels = all.filter((op) => op.kind === kind && !op.hidden).map((op) => op.def.display.label);
      return labels
        .filter((label, index) => labels.indexOf(label) !== index)
        .map((label) => `${kind}: "${label}" twice`);
    });
    expect(problems).toEqual([]);
  });

  it('descriptions: "Triggers when … .", creates start with a plural verb, searches "Finds … .", no app name, no capitalised nouns (D021)', () => {
    expect(all.flatMap(descriptionProblems)).toEqual([]);
  });

  it('Find or Create pairings point at a registered search and create, under the search key', () => {
    const problems = Object.entries(app.searchOrCreates ?? {}).flatMap(([key, pair]) => [
      ...(pair.key === key && pair.search === key ? [] : [`${key}: key must equal its search's key`]),
      ...(app.searches?.[pair.search] ? [] : [`${key}: search ${pair.search} is not registered`]),
      ...(app.creates?.[pair.create] ? [] : [`${key}: create ${pair.create} is not registered`]),
      ...(pair.display.description?.startsWith('Finds ') && pair.display.description.endsWith('.')
        ? []
        : [`${key}: description must read "Finds … ."`]),
      ...(APP_NAME.test(pair.display.description ?? '') ? [`${key}: description names the app`] : []),
    ]);
    expect(problems).toEqual([]);
  });

  it('every visible operation has a static sample with its id, ISO dates with an offset and types matching its output fields (D010, D012, D023, D024)', async () => {
    const problems: string[] = [];
    for (const op of visible) {
      const sample = op.def.operation.sample;
      if (!sample) {
        problems.push(`${op.key}: no sample`);
        continue;
      }
      const outputs = (await resolveFields(op.def.operation.outputFields)).map(({ field }) => field);
      problems.push(...outputProblems(sample, outputs, `${op.key} sample`));
      problems.push(
        ...secretsIn(JSON.stringify(sample)).map((secret) => `${op.key}: sample holds a secret ${secret}`),
      );
    }
    expect(problems).toEqual([]);
  });

  it("every action's sample has an `id` of its own, not only primary keys (D010)", () => {
    const missing = visible
      .filter((op) => op.kind === 'create' || op.kind === 'search')
      .filter((op) => {
        const sample = op.def.operation.sample as Record<string, unknown> | undefined;
        return !sample || typeof sample.id !== 'string' || sample.id === '';
      })
      .map((op) => op.key);
    expect(missing).toEqual([]);
  });

  it('output fields are labelled (Title Case, except the custom field names users chose) and cover every id', async () => {
    const problems: string[] = [];
    for (const op of visible) {
      const outputs = await resolveFields(op.def.operation.outputFields);
      if (outputs.length === 0) problems.push(`${op.key}: no output fields`);
      for (const { field } of outputs) {
        if (!field.label) problems.push(`${op.key}: output ${field.key} has no label`);
        else if (!isCustomField(field.key)) {
          problems.push(
            ...titleCaseProblems(field.label).map((problem) => `${op.key} output ${field.key}: ${problem}`),
          );
        }
      }
      const keys = outputs.map(({ field }) => field.key);
      const repeated = keys.filter((key, index) => keys.indexOf(key) !== index);
      if (repeated.length) problems.push(`${op.key}: output keys repeated: ${repeated.join(', ')}`);
    }
    expect(problems).toEqual([]);
  });

  it('input fields: labelled in Title Case, unique labels, required first, no typed "… ID" (D004), dropdowns point at hidden triggers', async () => {
    const problems: string[] = [];
    for (const op of all) {
      const fields = await resolveFields(op.def.operation.inputFields);
      const shown = fields.filter(({ field }) => field.type !== 'copy' && !field.computed);
      const labels: string[] = [];
      let optionalSeen = false;
      for (const { field, dynamic } of shown) {
        const where = `${op.key} input ${field.key}`;
        if (!field.label) problems.push(`${where}: no label`);
        else {
          labels.push(field.label);
          if (!(dynamic && isCustomField(field.key))) {
            problems.push(...titleCaseProblems(field.label).map((problem) => `${where}: ${problem}`));
          }
          if (/\bIDs?\b/.test(field.label) && !field.dynamic && !field.search) {
            problems.push(`${where}: labelled "${field.label}" but has no dynamic dropdown (D004)`);
          }
        }
        if (
          /(^|[a-z])Ids?$/.test(field.key) &&
          !field.dynamic &&
          !field.search &&
          !TYPED_IDS_ALLOWED.has(`${op.key}.${field.key}`)
        ) {
          problems.push(`${where}: an id input without a dynamic dropdown (D004)`);
        }
        if (field.required && optionalSeen && !dynamic)
          problems.push(`${where}: required field after an optional one`);
        if (!field.required) optionalSeen = true;
        if (field.dynamic) {
          const [trigger] = field.dynamic.split('.');
          const target = app.triggers?.[trigger];
          if (!target) problems.push(`${where}: dynamic "${field.dynamic}" names no registered trigger`);
          else if (target.display.hidden !== true)
            problems.push(`${where}: dropdown trigger ${trigger} is not hidden`);
        }
        if (field.search) {
          const [search] = field.search.split('.');
          if (!app.searches?.[search])
            problems.push(`${where}: search "${field.search}" names no registered search`);
          if (search === op.key) problems.push(`${where}: a search must not power its own field`);
        }
      }
      const repeated = labels.filter((label, index) => labels.indexOf(label) !== index);
      if (repeated.length)
        problems.push(`${op.key}: two inputs labelled ${repeated.map((label) => `"${label}"`).join(', ')}`);
    }
    expect(problems).toEqual([]);
  });

  it('help text: at most 400 characters on every input field (static and dynamic) and every description', async () => {
    const MAX = 400;
    // Inputs that show more fields switched on, so that those fields are checked too.
    const showingAll = { replaceTags: true };
    const problems: string[] = [];
    for (const op of all) {
      const description = op.def.display.description ?? '';
      if (description.length > MAX)
        problems.push(`${op.key}: description has ${description.length} characters`);
      for (const { field } of await resolveFields(op.def.operation.inputFields, showingAll)) {
        const help = field.helpText ?? '';
        if (help.length > MAX)
          problems.push(`${op.key} input ${field.key}: help text has ${help.length} characters`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('nouns are singular', () => {
    const PLURAL_LOOKING = new Set(['Business', 'Address', 'Status']);
    const problems = all
      .filter((op) => {
        const last = (op.def.noun ?? '').split(/\s+/).pop() ?? '';
        return /s$/.test(last) && !PLURAL_LOOKING.has(last);
      })
      .map((op) => `${op.key}: noun "${op.def.noun}" is plural`);
    expect(problems).toEqual([]);
  });

  it('input field groups: each declared once by its operation, and every group a field names is declared', async () => {
    const problems: string[] = [];
    for (const op of all) {
      const groups = (
        (op.def.operation as { inputFieldGroups?: Array<{ key: string; label?: string }> })
          .inputFieldGroups ?? []
      ).map((group) => group.key);
      if (new Set(groups).size !== groups.length) problems.push(`${op.key}: a group is declared twice`);
      for (const { field } of await resolveFields(op.def.operation.inputFields, { replaceTags: true })) {
        const group = (field as FieldDef & { group?: string }).group;
        if (group !== undefined && !groups.includes(group))
          problems.push(`${op.key} input ${field.key}: group "${group}" is not declared`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every search has at least one input field (D009)', async () => {
    const problems: string[] = [];
    for (const op of all.filter((candidate) => candidate.kind === 'search')) {
      if ((await resolveFields(op.def.operation.inputFields)).length === 0)
        problems.push(`${op.key}: no input field`);
    }
    expect(problems).toEqual([]);
  });

  it('delete actions carry a copy field warning that the deletion cannot be undone', () => {
    const deletes = all.filter(
      (op) => op.kind === 'create' && (/^delete_/.test(op.key) || /^Delete\b/.test(op.def.display.label)),
    );
    expect(deletes.length).toBeGreaterThan(0);
    const problems = deletes.flatMap((op) => {
      const copy = (op.def.operation.inputFields ?? []).find(
        (field): field is FieldDef => typeof field === 'object' && field.type === 'copy',
      );
      if (!copy) return [`${op.key}: no copy field`];
      return /cannot be undone|can't be undone|permanent/i.test(copy.helpText ?? '')
        ? []
        : [`${op.key}: the copy field does not say the deletion cannot be undone`];
    });
    expect(problems).toEqual([]);
  });

  it('the dropdown triggers exist and are hidden', () => {
    // Each key is defined once, next to the field that uses it; the fields' `dynamic` is built from it.
    const dropdowns = [
      CONTACT_DROPDOWN,
      USER_DROPDOWN,
      TAG_DROPDOWN,
      BUSINESS_DROPDOWN,
      TIMEZONE_DROPDOWN,
      TASK_DROPDOWN,
      NOTE_DROPDOWN,
    ];
    const problems = dropdowns.flatMap((key) => {
      const trigger = app.triggers?.[key];
      if (!trigger) return [`${key}: not registered`];
      return trigger.display.hidden === true ? [] : [`${key}: display.hidden is not true`];
    });
    expect(problems).toEqual([]);
  });

  it('the connection has a label that names the sub-account and holds no secret (D003)', async () => {
    const auth = app.authentication!;
    expect(auth.type).toBe('oauth2');
    expect(auth.connectionLabel).toBeDefined();
    const label =
      typeof auth.connectionLabel === 'function'
        ? (
            await outcome(
              call(auth.connectionLabel, { id: 've9EPM428h8vShlRW1KT', name: 'Demo Sub-Account' }),
            )
          ).result
        : auth.connectionLabel;
    expect(typeof label).toBe('string');
    expect(String(label)).toContain('Demo Sub-Account');
    expect(secretsIn(String(label))).toEqual([]);
  });

  it('every static URL is https (D007): the definition, the defaults, the authorize URL', async () => {
    const insecure: string[] = [];
    const walk = (value: unknown, where: string) => {
      if (typeof value === 'string' && /\bhttp:\/\//i.test(value)) insecure.push(`${where}: ${value}`);
      else if (Array.isArray(value)) value.forEach((item, index) => walk(item, `${where}[${index}]`));
      else if (value && typeof value === 'object') {
        for (const [key, item] of Object.entries(value)) walk(item, `${where}.${key}`);
      }
    };
    walk(app, 'app');
    expect(insecure).toEqual([]);
    for (const url of [DEFAULT_API_URL, DEFAULT_MARKETPLACE_URL, DEFAULT_APP_URL])
      expect(url).toMatch(/^https:\/\//);

    const authorize = await outcome(
      call(app.authentication!.oauth2Config.authorizeUrl, {
        redirect_uri: 'https://zapier.com/dashboard/auth/oauth/return/App1/',
        state: 'state-1',
      }),
    );
    expect(String(authorize.result)).toMatch(/^https:\/\//);
    expect(secretsIn(String(authorize.result))).toEqual([]);

    // Overrides (the sandbox) may only be https or this machine.
    expect(() => checkedBaseUrl('http://example.com', 'HIGHLEVEL_API_URL')).toThrow(/https/);
    expect(checkedBaseUrl('http://127.0.0.1:8080', 'HIGHLEVEL_API_URL')).toBe('http://127.0.0.1:8080');
  });

  it('every visible operation, run once, returns what its output fields and sample promise (D023, D024)', async () => {
    const problems: string[] = [];
    for (const op of visible) {
      const fixture = FIXTURES[op.key];
      if (!fixture) {
        problems.push(`${op.key}: no entry in test/catalogue.ts`);
        continue;
      }
      const result = await outcome(run(op, fixture.input, undefined, fixture.meta));
      if (!result.ok) {
        problems.push(`${op.key}: failed against a successful HighLevel: ${result.message}`);
        continue;
      }
      const items = Array.isArray(result.result) ? result.result : [result.result];
      if (items.length === 0) {
        problems.push(`${op.key}: returned nothing for the fixture`);
        continue;
      }
      const outputs = (await resolveFields(op.def.operation.outputFields)).map(({ field }) => field);
      // API Request's `body` is HighLevel's answer as it came (docs/ACTIONS.md §4): its dates are HighLevel's.
      const passedThrough = (problem: string) =>
        fixture.passesBodiesThrough === true && problem.startsWith(`${op.key} output.body.`);
      problems.push(
        ...outputProblems(items[0], outputs, `${op.key} output`).filter((problem) => !passedThrough(problem)),
      );
      // Every key the sample shows is a key the real output has, and the other way round.
      const sampleKeys = Object.keys(op.def.operation.sample ?? {}).filter((key) => !isCustomField(key));
      const outputKeys = Object.keys(items[0] as object).filter((key) => !isCustomField(key));
      const missing = sampleKeys.filter((key) => !outputKeys.includes(key));
      const extra = outputKeys.filter((key) => !sampleKeys.includes(key));
      if (missing.length)
        problems.push(`${op.key}: sample keys missing from the output: ${missing.join(', ')}`);
      if (extra.length) problems.push(`${op.key}: output keys missing from the sample: ${extra.join(', ')}`);
      problems.push(...secretsIn(JSON.stringify(items)).map((secret) => `${op.key}: output holds ${secret}`));
    }
    expect(problems).toEqual([]);
    expect(SECRETS.length).toBeGreaterThan(0);
  });
});

describe('the lint rules themselves', () => {
  it('Title Case', () => {
    expect(titleCaseProblems('Remove Tags from Contact')).toEqual([]);
    expect(titleCaseProblems('Sub-Account ID')).toEqual([]);
    expect(titleCaseProblems('Date of Birth')).toEqual([]);
    expect(titleCaseProblems('Find contact')).toHaveLength(1);
    expect(titleCaseProblems('Sub-account')).toHaveLength(1);
    expect(titleCaseProblems('of Contacts')).toHaveLength(1);
  });

  it('descriptions', () => {
    const op = (kind: OperationUnderTest['kind'], description: string) =>
      descriptionProblems({
        kind,
        key: 'x',
        hidden: false,
        def: { key: 'x', display: { label: 'X', description }, operation: { perform: null } },
      });
    expect(op('trigger', 'Triggers when a new contact is created.')).toEqual([]);
    expect(op('trigger', 'When a new contact is created.')).toHaveLength(1);
    expect(op('create', 'Creates a new contact.')).toEqual([]);
    expect(op('create', 'Create a new contact')).toHaveLength(2);
    expect(op('search', 'Finds a contact by email.')).toEqual([]);
    expect(op('search', 'Finds a HighLevel contact by Email.')).toHaveLength(3);
  });

  it('samples and outputs', () => {
    const fields: FieldDef[] = [
      { key: 'id', label: 'Contact ID' },
      { key: 'dnd', label: 'Do Not Disturb', type: 'boolean' },
      { key: 'tags', label: 'Tags', list: true },
      { key: 'dateAdded', label: 'Date Added', type: 'datetime' },
    ];
    expect(
      outputProblems(
        { id: 'a', dnd: false, tags: ['x'], dateAdded: '2026-11-20T15:04:05.000+00:00' },
        fields,
        's',
      ),
    ).toEqual([]);
    expect(outputProblems({ id: 'a', dateAdded: '2026-11-20T15:04:05.000Z' }, fields, 's')).toHaveLength(2);
    expect(outputProblems({ id: 'a', dnd: 'false' }, fields, 's')).toHaveLength(1);
    expect(outputProblems({ id: 'a', contactId: 'b', count: 3 }, fields, 's')).toHaveLength(2);
    expect(outputProblems({ name: 'a' }, fields, 's')).toHaveLength(1);
  });
});
