/**
 * POST /contacts/search: filter validation and compilation, sorting, page / searchAfter pagination.
 *
 * Planning keeps the common polling shapes off the full-scan path:
 *  - sort by dateAdded or dateUpdated (one sort key) walks a sorted index from the cursor;
 *  - top-level `eq` filters on tags / assignedTo / email / phone / businessId become id sets;
 *  - a `range` on the sort field becomes index bounds.
 * Other filters and free-text `query` are evaluated per contact (a scan, counted for `total`).
 */
import { unprocessable } from './errors';
import { normalizeTag, parseDateValue } from './normalize';
import { MAX_PAGED_RECORDS, SEARCH_SORT_FIELDS } from './schemas';
import type { SortedIndex } from './sortedIndex';
import type { ContactIndex, SandboxStore } from './store';
import type { Contact, CustomFieldDefinition, CustomFieldValue } from './types';

export type SortField = (typeof SEARCH_SORT_FIELDS)[number];
export type SortDirection = 'asc' | 'desc';
export interface SortSpec {
  field: SortField;
  direction: SortDirection;
}
export type SortValue = string | number | null;

export interface SearchRequest {
  locationId: string;
  pageLimit: number;
  page?: number;
  searchAfter?: SortValue[];
  query?: string;
  filters?: unknown[];
  sort?: SortSpec[];
}

export interface SearchHit {
  contact: Contact;
  searchAfter: SortValue[];
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
}

/** With no `sort`, results come newest first. */
export const DEFAULT_SORT: readonly SortSpec[] = [{ field: 'dateAdded', direction: 'desc' }];

export const OPERATORS = [
  'eq',
  'not_eq',
  'contains',
  'not_contains',
  'exists',
  'not_exists',
  'range',
] as const;
type Operator = (typeof OPERATORS)[number];

type Predicate = (contact: Contact) => boolean;

// ---------------------------------------------------------------- sorting

const lower = (value: string | undefined): string | null => (value ? value.toLowerCase() : null);

export const sortValueOf = (contact: Contact, field: SortField): SortValue => {
  switch (field) {
    case 'dateAdded':
      return contact.dateAdded;
    case 'dateUpdated':
      return contact.dateUpdated;
    case 'firstNameLowerCase':
      return lower(contact.firstName);
    case 'lastNameLowerCase':
      return lower(contact.lastName);
    case 'businessName':
      // HighLevel's "Business Name" is the contact's companyName.
      return lower(contact.companyName);
    case 'email':
      return lower(contact.email);
    case 'dnd':
      return contact.dnd ? 1 : 0;
    case 'source':
      return lower(contact.source);
  }
};

/** Missing values sort last in both directions (Elasticsearch's default). */
const compareValues = (a: SortValue, b: SortValue, direction: SortDirection): number => {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  let result: number;
  if (typeof a === typeof b) result = a < b ? -1 : a > b ? 1 : 0;
  else result = String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
  return direction === 'desc' ? -result : result;
};

/** Orders by the sort keys, then by id in the primary direction (so cursors are total). */
const compareKeys = (
  aValues: readonly SortValue[],
  aId: string,
  bValues: readonly SortValue[],
  bId: string,
  sorts: readonly SortSpec[],
): number => {
  for (let i = 0; i < sorts.length; i += 1) {
    const result = compareValues(aValues[i], bValues[i], sorts[i].direction);
    if (result !== 0) return result;
  }
  const byId = aId < bId ? -1 : aId > bId ? 1 : 0;
  return sorts[0].direction === 'desc' ? -byId : byId;
};

const cursorOf = (contact: Contact, sorts: readonly SortSpec[]): SortValue[] => [
  ...sorts.map((sort) => sortValueOf(contact, sort.field)),
  contact.id,
];

const NUMERIC_SORTS: ReadonlySet<SortField> = new Set(['dateAdded', 'dateUpdated', 'dnd']);

interface Cursor {
  values: SortValue[];
  id: string;
}

const CURSOR_MESSAGE =
  'searchAfter must be the searchAfter array of the last contact of the previous page (sort values followed by the contact id)';

const parseCursor = (raw: SortValue[], sorts: readonly SortSpec[]): Cursor => {
  if (raw.length !== sorts.length + 1 || typeof raw[sorts.length] !== 'string')
    throw unprocessable([CURSOR_MESSAGE]);
  const values = sorts.map((sort, i) => {
    const value = raw[i];
    if (NUMERIC_SORTS.has(sort.field)) {
      const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) throw unprocessable([CURSOR_MESSAGE]);
      return n;
    }
    if (value !== null && typeof value !== 'string') throw unprocessable([CURSOR_MESSAGE]);
    return value;
  });
  return { values, id: raw[sorts.length] as string };
};

// ---------------------------------------------------------------- filters

type FieldKind = 'text' | 'email' | 'phone' | 'tags' | 'id' | 'date' | 'boolean' | 'number' | 'options';

interface FieldSpec {
  kind: FieldKind;
  operators: readonly Operator[];
  read: (contact: Contact) => string | number | boolean | string[] | undefined;
}

const TEXT_OPS: readonly Operator[] = ['eq', 'not_eq', 'contains', 'not_contains', 'exists', 'not_exists'];
const EXACT_OPS: readonly Operator[] = ['eq', 'not_eq', 'exists', 'not_exists'];
const DATE_OPS: readonly Operator[] = ['range', 'exists', 'not_exists'];
const NUMBER_OPS: readonly Operator[] = ['eq', 'not_eq', 'range', 'exists', 'not_exists'];

const textField = (read: (c: Contact) => string | undefined): FieldSpec => ({
  kind: 'text',
  operators: TEXT_OPS,
  read,
});

/** The standard fields of HighLevel's search doc, plus a few plain ones (city, state, …). */
const FIELDS: Record<string, FieldSpec> = {
  // HighLevel documents email as exact-match only (no contains).
  email: { kind: 'email', operators: EXACT_OPS, read: (c) => c.email?.toLowerCase() },
  phone: { kind: 'phone', operators: EXACT_OPS, read: (c) => c.phone },
  tags: { kind: 'tags', operators: EXACT_OPS, read: (c) => c.tags },
  assignedTo: { kind: 'id', operators: EXACT_OPS, read: (c) => c.assignedTo },
  businessId: { kind: 'id', operators: EXACT_OPS, read: (c) => c.businessId },
  id: { kind: 'id', operators: ['eq', 'not_eq'], read: (c) => c.id },
  dateAdded: { kind: 'date', operators: DATE_OPS, read: (c) => c.dateAdded },
  dateUpdated: { kind: 'date', operators: DATE_OPS, read: (c) => c.dateUpdated },
  dnd: { kind: 'boolean', operators: ['eq', 'not_eq'], read: (c) => c.dnd },
  firstNameLowerCase: textField((c) => c.firstName),
  lastNameLowerCase: textField((c) => c.lastName),
  companyName: textField((c) => c.companyName),
  businessName: textField((c) => c.companyName),
  source: textField((c) => c.source),
  type: textField((c) => c.type),
  city: textField((c) => c.city),
  state: textField((c) => c.state),
  country: textField((c) => c.country),
  postalCode: textField((c) => c.postalCode),
  address: textField((c) => c.address1),
  timezone: textField((c) => c.timezone),
  website: textField((c) => c.website),
};

const customFieldSpec = (definition: CustomFieldDefinition): FieldSpec => {
  const read = (c: Contact): CustomFieldValue | undefined => c.customFields[definition.id];
  switch (definition.dataType) {
    case 'NUMERICAL':
    case 'MONETORY':
      return { kind: 'number', operators: NUMBER_OPS, read };
    case 'DATE':
      return { kind: 'date', operators: ['eq', 'range', 'exists', 'not_exists'], read };
    case 'MULTIPLE_OPTIONS':
    case 'CHECKBOX':
    case 'TEXTBOX_LIST':
      return { kind: 'options', operators: EXACT_OPS, read };
    default:
      return { kind: 'text', operators: TEXT_OPS, read };
  }
};

const isPresent = (value: unknown): boolean =>
  value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);

/** A top-level eq condition the planner can answer from an index. */
interface IndexableCondition {
  field: 'tags' | 'assignedTo' | 'email' | 'phone' | 'businessId';
  values: string[];
}

interface RangeBounds {
  gte?: number;
  gt?: number;
  lte?: number;
  lt?: number;
}

interface CompiledCondition {
  predicate: Predicate;
  indexable?: IndexableCondition;
  range?: { field: 'dateAdded' | 'dateUpdated'; bounds: RangeBounds };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

class FilterCompiler {
  readonly errors: string[] = [];

  constructor(
    private readonly store: SandboxStore,
    private readonly locationId: string,
  ) {}

  private fail(message: string): Predicate {
    this.errors.push(message);
    return () => false;
  }

  compileNode(node: unknown, path: string): CompiledCondition {
    if (!isRecord(node)) return { predicate: this.fail(`${path} must be an object`) };
    if ('group' in node || 'filters' in node) return { predicate: this.compileGroup(node, path) };
    return this.compileCondition(node, path);
  }

  private compileGroup(node: Record<string, unknown>, path: string): Predicate {
    for (const key of Object.keys(node)) {
      if (key !== 'group' && key !== 'filters') return this.fail(`${path}.property ${key} should not exist`);
    }
    const group = node.group;
    if (group !== 'AND' && group !== 'OR')
      return this.fail(`${path}.group must be one of the following values: AND, OR`);
    if (!Array.isArray(node.filters)) return this.fail(`${path}.filters must be an array`);
    const predicates = node.filters.map(
      (child, i) => this.compileNode(child, `${path}.filters.${i}`).predicate,
    );
    if (group === 'AND') return (c) => predicates.every((p) => p(c));
    return (c) => predicates.some((p) => p(c));
  }

  private fieldSpec(field: string, path: string): FieldSpec | undefined {
    if (field.startsWith('customFields.') || field.startsWith('customField.')) {
      const id = field.slice(field.indexOf('.') + 1);
      const definition = this.store.customFieldsOf(this.locationId, 'contact').find((f) => f.id === id);
      if (!definition) {
        this.errors.push(`${path}.field: custom field ${id} does not exist in this location`);
        return undefined;
      }
      return customFieldSpec(definition);
    }
    const spec = FIELDS[field];
    if (!spec) this.errors.push(`${path}.field: ${field} is not a supported search field`);
    return spec;
  }

  private compileCondition(node: Record<string, unknown>, path: string): CompiledCondition {
    for (const key of Object.keys(node)) {
      if (key !== 'field' && key !== 'operator' && key !== 'value') {
        return { predicate: this.fail(`${path}.property ${key} should not exist`) };
      }
    }
    if (typeof node.field !== 'string' || !node.field)
      return { predicate: this.fail(`${path}.field must be a string`) };
    if (node.operator === 'nested') {
      return { predicate: this.fail(`${path}.operator: nested is not supported by the sandbox`) };
    }
    if (typeof node.operator !== 'string' || !(OPERATORS as readonly string[]).includes(node.operator)) {
      return {
        predicate: this.fail(`${path}.operator must be one of the following values: ${OPERATORS.join(', ')}`),
      };
    }
    const field = node.field;
    const operator = node.operator as Operator;
    const spec = this.fieldSpec(field, path);
    if (!spec) return { predicate: () => false };
    if (!spec.operators.includes(operator)) {
      return {
        predicate: this.fail(
          `${path}.operator: ${operator} is not supported for field ${field} (supported: ${spec.operators.join(', ')})`,
        ),
      };
    }
    const value = node.value;
    if (operator === 'exists') return { predicate: (c) => isPresent(spec.read(c)) };
    if (operator === 'not_exists') return { predicate: (c) => !isPresent(spec.read(c)) };
    if (operator === 'range') return this.compileRange(field, spec, value, path);
    if (value === undefined || value === null || value === '') {
      return { predicate: this.fail(`${path}.value should not be empty`) };
    }
    const positive = this.compileMatch(spec, operator, value, path);
    if (!positive) return { predicate: () => false };
    const negate = operator === 'not_eq' || operator === 'not_contains';
    const predicate: Predicate = negate ? (c) => !positive.predicate(c) : positive.predicate;
    if (operator === 'eq' && positive.indexable) {
      const indexable = positive.indexable;
      if (
        field === 'tags' ||
        field === 'assignedTo' ||
        field === 'email' ||
        field === 'phone' ||
        field === 'businessId'
      ) {
        return { predicate, indexable: { field, values: indexable } };
      }
    }
    return { predicate };
  }

  /** The positive form of eq / contains; `indexable` lists the exact index keys for eq. */
  private compileMatch(
    spec: FieldSpec,
    operator: Operator,
    value: unknown,
    path: string,
  ): { predicate: Predicate; indexable?: string[] } | undefined {
    const contains = operator === 'contains' || operator === 'not_contains';
    const strings = (): string[] | undefined => {
      const list = Array.isArray(value) ? value : [value];
      if (list.length === 0 || !list.every((v) => typeof v === 'string' || typeof v === 'number')) {
        this.errors.push(`${path}.value must be a string or an array of strings`);
        return undefined;
      }
      return list.map(String);
    };
    switch (spec.kind) {
      case 'tags':
      case 'options': {
        const wanted = strings();
        if (!wanted) return undefined;
        const normalized =
          spec.kind === 'tags' ? wanted.map(normalizeTag) : wanted.map((w) => w.toLowerCase());
        const set = new Set(normalized);
        return {
          predicate: (c) => {
            const v = spec.read(c);
            const list = Array.isArray(v) ? v : v === undefined ? [] : [String(v)];
            return list.some((item) => set.has(item.toLowerCase()));
          },
          indexable: spec.kind === 'tags' ? [...set] : undefined,
        };
      }
      case 'email':
      case 'id':
      case 'phone': {
        const wanted = strings();
        if (!wanted) return undefined;
        // Phones match the stored E.164 value exactly: HighLevel's search does not normalise a
        // formatted number (HIGHLEVEL.md §11, #289), so clients must send E.164.
        const keys =
          spec.kind === 'email' ? wanted.map((w) => w.trim().toLowerCase()) : wanted.map((w) => w.trim());
        const set = new Set(keys);
        return { predicate: (c) => set.has(String(spec.read(c) ?? '\u0000')), indexable: keys };
      }
      case 'boolean': {
        if (typeof value !== 'boolean') {
          this.errors.push(`${path}.value must be a boolean value`);
          return undefined;
        }
        return { predicate: (c) => spec.read(c) === value };
      }
      case 'number': {
        const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
        if (typeof n !== 'number' || !Number.isFinite(n)) {
          this.errors.push(`${path}.value must be a number`);
          return undefined;
        }
        return { predicate: (c) => Number(spec.read(c)) === n && isPresent(spec.read(c)) };
      }
      case 'date': {
        const ms = parseDateValue(value);
        if (ms === undefined) {
          this.errors.push(`${path}.value must be an ISO 8601 date or epoch milliseconds`);
          return undefined;
        }
        const day = Math.floor(ms / 86_400_000);
        return {
          predicate: (c) =>
            typeof spec.read(c) === 'number' && Math.floor(Number(spec.read(c)) / 86_400_000) === day,
        };
      }
      case 'text': {
        const wanted = strings();
        if (!wanted) return undefined;
        const needles = wanted.map((w) => w.toLowerCase());
        if (contains) {
          return {
            predicate: (c) => {
              const v = spec.read(c);
              if (typeof v !== 'string') return false;
              const hay = v.toLowerCase();
              return needles.some((needle) => hay.includes(needle));
            },
          };
        }
        const set = new Set(needles);
        return {
          predicate: (c) => {
            const v = spec.read(c);
            return typeof v === 'string' && set.has(v.toLowerCase());
          },
        };
      }
    }
  }

  private compileRange(field: string, spec: FieldSpec, value: unknown, path: string): CompiledCondition {
    if (!isRecord(value))
      return { predicate: this.fail(`${path}.value must be an object with gte, gt, lte or lt`) };
    const bounds: RangeBounds = {};
    const keys = Object.keys(value);
    if (keys.length === 0) return { predicate: this.fail(`${path}.value must contain gte, gt, lte or lt`) };
    for (const key of keys) {
      if (key !== 'gte' && key !== 'gt' && key !== 'lte' && key !== 'lt') {
        return { predicate: this.fail(`${path}.value.property ${key} should not exist`) };
      }
      const raw = value[key];
      const parsed =
        spec.kind === 'date'
          ? parseDateValue(raw)
          : typeof raw === 'number'
            ? raw
            : typeof raw === 'string' && raw.trim() !== '' && Number.isFinite(Number(raw))
              ? Number(raw)
              : undefined;
      if (parsed === undefined) {
        return {
          predicate: this.fail(
            spec.kind === 'date'
              ? `${path}.value.${key} must be an ISO 8601 date or epoch milliseconds`
              : `${path}.value.${key} must be a number`,
          ),
        };
      }
      bounds[key] = parsed;
    }
    const inRange = (v: number): boolean =>
      (bounds.gte === undefined || v >= bounds.gte) &&
      (bounds.gt === undefined || v > bounds.gt) &&
      (bounds.lte === undefined || v <= bounds.lte) &&
      (bounds.lt === undefined || v < bounds.lt);
    const predicate: Predicate = (c) => {
      const v = spec.read(c);
      return typeof v === 'number' ? inRange(v) : typeof v === 'string' && v !== '' && inRange(Number(v));
    };
    if (field === 'dateAdded' || field === 'dateUpdated') return { predicate, range: { field, bounds } };
    return { predicate };
  }
}

const queryPredicate = (query: string | undefined): Predicate | undefined => {
  const q = query?.trim().toLowerCase();
  if (!q) return undefined;
  const digits = q.replace(/\D/g, '');
  const phoneNeedle = digits.length >= 3 && /^[\d\s+().-]+$/.test(q) ? digits : undefined;
  return (c) => {
    const name = `${c.firstName ?? ''} ${c.lastName ?? ''}`.toLowerCase();
    if (name.includes(q)) return true;
    if (c.name && c.name.toLowerCase().includes(q)) return true;
    if (c.email && c.email.toLowerCase().includes(q)) return true;
    if (c.companyName && c.companyName.toLowerCase().includes(q)) return true;
    if (c.phone && (c.phone.includes(q) || (phoneNeedle !== undefined && c.phone.includes(phoneNeedle))))
      return true;
    return false;
  };
};

// ---------------------------------------------------------------- execution

const setFor = (index: ContactIndex, condition: IndexableCondition): ReadonlySet<string> => {
  if (condition.field === 'email' || condition.field === 'phone') {
    const multi = condition.field === 'email' ? index.emails : index.phones;
    return new Set(condition.values.flatMap((value) => multi.get(value)));
  }
  const map =
    condition.field === 'tags'
      ? index.tags
      : condition.field === 'assignedTo'
        ? index.assignedTo
        : index.businesses;
  if (condition.values.length === 1) return map.get(condition.values[0]) ?? new Set();
  const union = new Set<string>();
  for (const value of condition.values) for (const id of map.get(value) ?? []) union.add(id);
  return union;
};

const boundsToPositions = (index: SortedIndex, bounds: RangeBounds[]): [number, number] => {
  let lo = 0;
  let hi = index.size;
  for (const b of bounds) {
    if (b.gte !== undefined) lo = Math.max(lo, index.firstAtOrAbove(b.gte));
    if (b.gt !== undefined) lo = Math.max(lo, index.firstAbove(b.gt));
    if (b.lte !== undefined) hi = Math.min(hi, index.firstAbove(b.lte));
    if (b.lt !== undefined) hi = Math.min(hi, index.firstAtOrAbove(b.lt));
  }
  return [lo, Math.max(lo, hi)];
};

/**
 * Walking the sorted index for `wanted` hits from a set of density |set| / N costs about
 * wanted × N / |set| steps; sorting the set costs about |set| × log|set|. Pick the cheaper one.
 */
const walkBeatsSort = (setSize: number, total: number, wanted: number): boolean =>
  setSize > 0 && (wanted * total) / setSize < setSize * Math.max(4, Math.log2(setSize));

export const searchContacts = (store: SandboxStore, request: SearchRequest): SearchResult => {
  const sorts: readonly SortSpec[] = request.sort && request.sort.length > 0 ? request.sort : DEFAULT_SORT;
  const errors: string[] = [];
  if (request.page !== undefined && request.searchAfter !== undefined) {
    errors.push('page and searchAfter cannot be used together');
  }
  const page = request.page ?? 1;
  if (request.searchAfter === undefined && page * request.pageLimit > MAX_PAGED_RECORDS) {
    errors.push(
      `page * pageLimit must not exceed ${MAX_PAGED_RECORDS}: use searchAfter to read beyond the first ${MAX_PAGED_RECORDS} records`,
    );
  }
  const fields = new Set(sorts.map((s) => s.field));
  if (fields.size !== sorts.length) errors.push('sort must not contain the same field twice');

  const compiler = new FilterCompiler(store, request.locationId);
  const conditions = (request.filters ?? []).map((node, i) => compiler.compileNode(node, `filters.${i}`));
  errors.push(...compiler.errors);
  if (errors.length > 0) throw unprocessable(errors);
  const cursor = request.searchAfter ? parseCursor(request.searchAfter, sorts) : undefined;

  const index = store.index(request.locationId);
  const primary = sorts[0];
  const sortIndex: SortedIndex | undefined =
    sorts.length === 1
      ? primary.field === 'dateAdded'
        ? index.byDateAdded
        : primary.field === 'dateUpdated'
          ? index.byDateUpdated
          : undefined
      : undefined;

  const sets: ReadonlySet<string>[] = [];
  const rangeBounds: RangeBounds[] = [];
  const residual: Predicate[] = [];
  for (const condition of conditions) {
    if (condition.indexable) sets.push(setFor(index, condition.indexable));
    else if (condition.range && sortIndex && condition.range.field === primary.field)
      rangeBounds.push(condition.range.bounds);
    else residual.push(condition.predicate);
  }
  const byQuery = queryPredicate(request.query);
  if (byQuery) residual.push(byQuery);
  sets.sort((a, b) => a.size - b.size);

  const contactOf = (id: string): Contact | undefined => index.contacts.get(id);
  const otherSets = sets.slice(1);
  const residualOk = (c: Contact): boolean => residual.every((p) => p(c));
  const offset = cursor ? 0 : (page - 1) * request.pageLimit;
  const limit = request.pageLimit;

  const finish = (contacts: Contact[], total: number): SearchResult => ({
    total,
    hits: contacts.map((contact) => ({ contact, searchAfter: cursorOf(contact, sorts) })),
  });

  // Path 1: sort the (small) matching set in memory.
  const sortMatches = (matches: Contact[]): SearchResult => {
    const keyed = matches.map((contact) => ({
      contact,
      id: contact.id,
      first: sortValueOf(contact, primary.field),
      values: sorts.map((s) => sortValueOf(contact, s.field)),
    }));
    const direction = primary.direction;
    keyed.sort((a, b) => {
      // Fast path on the primary key; the full comparison only on ties.
      const first = compareValues(a.first, b.first, direction);
      return first !== 0 ? first : compareKeys(a.values, a.id, b.values, b.id, sorts);
    });
    let start = offset;
    if (cursor) {
      let lo = 0;
      let hi = keyed.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (compareKeys(keyed[mid].values, keyed[mid].contact.id, cursor.values, cursor.id, sorts) <= 0)
          lo = mid + 1;
        else hi = mid;
      }
      start = lo;
    }
    return finish(
      keyed.slice(start, start + limit).map((k) => k.contact),
      keyed.length,
    );
  };

  const inBounds = (c: Contact): boolean => {
    if (rangeBounds.length === 0) return true;
    const v = primary.field === 'dateAdded' ? c.dateAdded : c.dateUpdated;
    return rangeBounds.every(
      (b) =>
        (b.gte === undefined || v >= b.gte) &&
        (b.gt === undefined || v > b.gt) &&
        (b.lte === undefined || v <= b.lte) &&
        (b.lt === undefined || v < b.lt),
    );
  };

  if (!sortIndex) {
    // General fallback: scan the candidates, filter, sort.
    const matches: Contact[] = [];
    if (sets.length === 0) {
      for (const c of index.contacts.values()) if (residualOk(c)) matches.push(c);
    } else {
      for (const id of sets[0]) {
        if (!otherSets.every((s) => s.has(id))) continue;
        const c = contactOf(id);
        if (c && residualOk(c)) matches.push(c);
      }
    }
    return sortMatches(matches);
  }

  if (sets.length > 0 && !walkBeatsSort(sets[0].size, index.size, offset + limit)) {
    const matches: Contact[] = [];
    for (const id of sets[0]) {
      if (!otherSets.every((s) => s.has(id))) continue;
      const c = contactOf(id);
      if (c && inBounds(c) && residualOk(c)) matches.push(c);
    }
    return sortMatches(matches);
  }

  // Path 2: walk the sorted index from the cursor.
  const [lo, hi] = boundsToPositions(sortIndex, rangeBounds);
  const accept = (id: string): Contact | undefined => {
    for (const s of sets) if (!s.has(id)) return undefined;
    const c = contactOf(id);
    return c && residualOk(c) ? c : undefined;
  };

  let total: number;
  if (residual.length === 0 && sets.length === 0) total = hi - lo;
  else if (residual.length === 0 && sets.length === 1 && rangeBounds.length === 0) total = sets[0].size;
  else if (sets.length > 0) {
    total = 0;
    for (const id of sets[0]) {
      if (!otherSets.every((s) => s.has(id))) continue;
      const c = contactOf(id);
      if (c && inBounds(c) && residualOk(c)) total += 1;
    }
  } else {
    total = 0;
    for (let p = lo; p < hi; p += 1) if (accept(sortIndex.idAt(p))) total += 1;
  }

  const out: Contact[] = [];
  let skipped = 0;
  const take = (position: number): boolean => {
    const c = accept(sortIndex.idAt(position));
    if (!c) return false;
    if (skipped < offset) skipped += 1;
    else out.push(c);
    return out.length >= limit;
  };
  if (primary.direction === 'desc') {
    const start = cursor
      ? Math.min(hi, sortIndex.lowerBound(cursor.values[0] as number, cursor.id)) - 1
      : hi - 1;
    for (let p = start; p >= lo; p -= 1) if (take(p)) break;
  } else {
    const start = cursor ? Math.max(lo, sortIndex.upperBound(cursor.values[0] as number, cursor.id)) : lo;
    for (let p = start; p < hi; p += 1) if (take(p)) break;
  }
  return finish(out, total);
};
