/**
 * Bad input, property-based (fast-check): every create and search (and every trigger with inputs) gets its
 * valid fixture with random fields replaced by hostile values: random unicode, lone surrogates, very long
 * strings, empty and blank strings, malformed emails, phones, dates, booleans and numbers, ids with
 * `/ ? # % ..`, and values of the wrong type. HighLevel answers every request successfully.
 *
 * Each run must either send only well-formed requests to the operation's own routes (ids as one encoded
 * segment carrying exactly the id the user gave, the connected location, a JSON body without empty or
 * null keys), or fail with a plain `z.errors.Error` BEFORE sending anything. Never a TypeError, never a
 * request that leaves the intended resource, never a secret in a message or the console.
 */
import fc from 'fast-check';
import { FIXTURES } from './fixtures';
import {
  LOOKUP_ROUTES,
  bodyProblems,
  capturing,
  captured,
  compileRoute,
  fakeApi,
  isTokenRequest,
  messageProblems,
  operations,
  outcome,
  pathProblems,
  run,
  secretsIn,
  successBody,
  useFastHttp,
  visibleText,
  type FieldDef,
  type OperationUnderTest,
} from './harness';

useFastHttp();

/** Runs per operation: enough to meet every generator branch, few enough to stay fast. */
const RUNS: Record<OperationUnderTest['kind'], number> = { create: 50, search: 50, trigger: 20 };
/** `BAD_INPUT_RUNS_FACTOR=10 npx jest test/reliability/badInput.test.ts` explores deeper (not in `npm test`). */
const FACTOR = Math.max(1, Number(process.env.BAD_INPUT_RUNS_FACTOR) || 1);

// ---------------------------------------------------------------------------------------------------------
// Hostile values

/** Values of another type than a text field holds (Zapier passes numbers and booleans through, null when unmapped). */
const WRONG_TYPES = fc.constantFrom<unknown>(null, undefined, 0, 42, -1.5, true, false);

const text = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '   ',
    '\n',
    '\t',
    '\u0000',
    '\u200b',
    'null',
    'undefined',
    'NaN',
    '[object Object]',
    '{{bundle.authData.access_token}}',
    '../../',
    '%00',
    '%',
    '<script>alert(1)</script>',
    "'; DROP TABLE contacts;--",
    '🙂👩‍👩‍👧',
    'a\u0301',
    '\u202eevil',
    'line1\r\nline2',
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer({ min: 200, max: 20_000 }).map((length) => 'x'.repeat(length)),
  fc.string({ unit: 'grapheme', minLength: 200, maxLength: 600 }),
);

const idChars = fc.constantFrom(
  '/',
  '?',
  '#',
  '%',
  '.',
  '..',
  '&',
  '=',
  ' ',
  '\\',
  'a',
  'B',
  '7',
  '_',
  '-',
  '%2F',
  '%2e',
);
const id = fc.oneof(
  fc.constantFrom(
    '/',
    '.',
    '..',
    '../..',
    'a/b',
    'a?b=c',
    'a#b',
    '%',
    '%2e%2e',
    '.%2e',
    '%2F',
    '..%2F..',
    'abc/../def',
    '?',
    '#',
    '%25',
    ' ocQHyuzHvysMo5N5VsXc ',
    'ocQHyuzHvysMo5N5VsXc/../..',
    'ocQHyuzHvysMo5N5VsXc?locationId=other',
    'ocQHyuzHvysMo5N5VsXc#x',
    'a'.repeat(101),
  ),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,30}$/),
  fc.array(idChars, { minLength: 1, maxLength: 8 }).map((parts) => parts.join('')),
  text,
);

const email = fc.oneof(
  fc.constantFrom(
    'a@',
    '@b.com',
    'a b@c.com',
    'a@b',
    'a@@b.com',
    'rosa.diaz@example.com',
    ' ROSA.Diaz@Example.com ',
    `${'x'.repeat(250)}@x.com`,
    'a@b.c',
    '"quoted"@example.com',
    'ünï@exämple.com',
    'a@b.com,c@d.com',
    'a@b.com\nBcc: x@y.com',
    'mailto:a@b.com',
  ),
  fc.emailAddress(),
  text,
);

const phone = fc.oneof(
  fc.constantFrom(
    '123',
    '+1',
    '+',
    'abc',
    '+14155550123',
    '4155550123',
    '(415) 555-0123',
    '+44 20 7946 0958',
    '+999999999999999999',
    '555-CALL-NOW',
    '+1 (415) 555-0123 ext 9',
    '0',
    '+0000000000',
    '٤١٥٥٥٥٠١٢٣',
    '+1 415 555 0123 / +1 415 555 0199',
  ),
  fc.string({ unit: fc.constantFrom(...'0123456789+-() '), maxLength: 25 }),
  text,
);

const date = fc.oneof(
  fc.constantFrom(
    '2026-13-45',
    '2026-02-30',
    '2026-02-29',
    'yesterday',
    'tomorrow at 5pm',
    '31/12/2026',
    '12/31/2026',
    '0',
    '-1',
    '99999999999999',
    '1700000000',
    '1700000000000',
    '1899-12-31',
    '2201-01-01',
    '2026-11-20T25:00:00Z',
    '2026-11-20T10:00:00+99:00',
    'T',
    '2026',
    '2026-12-31',
    '2026-12-31T17:00:00Z',
    '2026-12-31 17:00:00',
  ),
  fc.date({ noInvalidDate: true }).map((value) => value.toISOString()),
  text,
);

const boolean = fc.oneof(
  fc.constantFrom('true', 'false', 'yes', 'no', 'maybe', '1', '0', 'TRUE', ' No '),
  fc.boolean(),
  text,
);
const number = fc.oneof(
  fc.constantFrom('1,234.5', '1e309', 'Infinity', '-0', 'NaN', '0x10', '12abc', '١٢'),
  fc.double().map(String),
  text,
);
const list = (item: fc.Arbitrary<unknown>) =>
  fc.oneof(
    fc.array(item, { maxLength: 5 }),
    item,
    fc.array(fc.constantFrom('vip', 'a,b', ' , ', '', 'VIP', ' vip '), { maxLength: 4 }),
    fc.constantFrom<unknown>([], [''], ['a', ''], [null]),
  );

/** API Request's path: every way out of HighLevel's API host, and random paths (docs/ACTIONS.md §4). */
const apiPath = fc.oneof(
  fc.constantFrom(
    'https://evil.example/contacts',
    'http://services.leadconnectorhq.com/contacts',
    '//evil.example/contacts',
    '\\\\evil.example\\x',
    '/\\evil.example',
    'evil.example/x',
    'javascript:alert(1)',
    '/contacts/../oauth/token',
    '/..',
    '/./x',
    '/contacts/%2e%2e/users',
    '/contacts/.%2E/users',
    '/contacts%2f..%2fusers',
    '/contacts%5c..%5cusers',
    '/contacts/%252e%252e/x',
    '/x?locationId=other',
    '/x#y',
    '/oauth/token',
    '/contacts/\uff0e\uff0e/x',
    '/contacts/{locationId}',
    '/contacts/ocQHyuzHvysMo5N5VsXc',
  ),
  fc
    .array(
      fc.oneof(fc.constantFrom('.', '..', '%2e', '%2f', '%5c', '%25', '%', '\\', '', 'contacts'), text, id),
      {
        minLength: 1,
        maxLength: 4,
      },
    )
    .map((parts) => `/${parts.join('/')}`),
  fc.webUrl(),
  text,
);

/** Custom field inputs (`custom_field__<TYPE>__<id>`) offered by the contact actions' dynamic fields. */
const CUSTOM_FIELD_KEYS = [
  'custom_field__TEXT__cfIndustry01',
  'custom_field__NUMERICAL__cfScore0001',
  'custom_field__DATE__cfRenewal001',
  'custom_field__MULTIPLE_OPTIONS__cfInterests1',
  'custom_field__SINGLE_OPTIONS__cfPlan0000001',
  'custom_field__TEXT__a/../b',
];

const arbitraryFor = (key: string, field: FieldDef | undefined): fc.Arbitrary<unknown> => {
  const type = field?.type;
  const base = (() => {
    if (key === 'path') return apiPath;
    if (/^custom_field__(NUMERICAL|MONETORY)__/.test(key)) return number;
    if (/^custom_field__DATE__/.test(key)) return date;
    if (/^custom_field__(MULTIPLE_OPTIONS|CHECKBOX)__/.test(key)) return list(text);
    if (/Id$|^assignedTo$|^id$/.test(key)) return id;
    if (/email/i.test(key)) return email;
    if (/phone/i.test(key)) return phone;
    if (type === 'datetime' || /date|birth/i.test(key)) return date;
    if (type === 'boolean') return boolean;
    if (type === 'number' || type === 'integer') return number;
    if (field?.list || key === 'tags' || key === 'watchFields')
      return list(key === 'tags' ? text : fc.oneof(text, id));
    return text;
  })();
  return fc.oneof({ arbitrary: base, weight: 6 }, { arbitrary: WRONG_TYPES, weight: 1 });
};

const staticFields = (op: OperationUnderTest): FieldDef[] =>
  (op.def.operation.inputFields ?? []).filter(
    (field): field is FieldDef => typeof field === 'object' && field.type !== 'copy',
  );

const hasDynamicFields = (op: OperationUnderTest) =>
  (op.def.operation.inputFields ?? []).some((field) => typeof field === 'function');

const hostileInput = (op: OperationUnderTest) => {
  const fixture = FIXTURES[op.key];
  const fields = new Map(staticFields(op).map((field) => [field.key, field]));
  const keys = new Set([...fields.keys(), ...Object.keys(fixture.input)]);
  if (hasDynamicFields(op) && op.kind === 'create') CUSTOM_FIELD_KEYS.forEach((key) => keys.add(key));
  const arbitraries = Object.fromEntries([...keys].map((key) => [key, arbitraryFor(key, fields.get(key))]));
  // Half the runs change one field only (so one bad field is not hidden behind another that fails first),
  // half change any number of them.
  const replaced = fc.oneof(
    fc.constantFrom(...keys).chain((key) => arbitraries[key].map((value) => ({ [key]: value }))),
    fc.record(arbitraries, { requiredKeys: [] }),
  );
  const dropped = fc.oneof(fc.constant([]), fc.subarray(Object.keys(fixture.input)));
  return fc.tuple(replaced, dropped).map(([values, drop]) => {
    const input: Record<string, unknown> = { ...fixture.input };
    for (const key of drop) delete input[key];
    return { ...input, ...values };
  });
};

// ---------------------------------------------------------------------------------------------------------

const registered = operations();
const covered = registered.filter(
  (op) => FIXTURES[op.key] && (op.kind !== 'trigger' || staticFields(op).length > 0),
);
let totalRuns = 0;
let refusedBeforeSending = 0;

describe('bad input (property-based)', () => {
  afterAll(() => {
    console.log(
      `Bad input: ${totalRuns} property runs over ${covered.length} operations; ${refusedBeforeSending} refused before any request, ${totalRuns - refusedBeforeSending} sent well-formed requests.`,
    );
  });

  it('has a fixture for every registered operation', () => {
    expect(registered.filter((op) => !FIXTURES[op.key]).map((op) => `${op.kind}:${op.key}`)).toEqual([]);
  });

  it.each(covered.map((op) => [`${op.kind} ${op.key}`, op] as const))(
    '%s: well-formed requests or a plain error before sending',
    async (_title, op) => {
      const fixture = FIXTURES[op.key];
      const routes = [...fixture.requests, ...LOOKUP_ROUTES].map(compileRoute);
      const api = fakeApi((req) => ({ status: 200, json: successBody(req) }));

      await fc.assert(
        fc.asyncProperty(hostileInput(op), async (input) => {
          api.reset();
          captured.length = 0;
          totalRuns += 1;
          const result = await capturing(() => outcome(run(op, input, undefined, fixture.meta)));
          const sent = api.seen.filter((req) => !isTokenRequest(req));

          for (const req of sent) {
            expect({
              request: `${req.method} ${req.path}`,
              problems: pathProblems(req, routes, input),
            }).toEqual({
              request: `${req.method} ${req.path}`,
              problems: [],
            });
            expect({
              request: `${req.method} ${req.path}`,
              problems: bodyProblems(req, input, fixture.allowNull),
            }).toEqual({
              request: `${req.method} ${req.path}`,
              problems: [],
            });
          }
          if (!result.ok) {
            refusedBeforeSending += 1;
            expect({ name: result.name, message: result.message }).toEqual({
              name: 'AppError',
              message: expect.any(String),
            });
            expect(messageProblems(result.message, Object.values(input))).toEqual([]);
            // Refused before the operation's own request (lookups such as the phone's country may precede).
            expect(api.main().map((req) => `${req.method} ${req.path}`)).toEqual([]);
          }
          expect(secretsIn(visibleText(result))).toEqual([]);
          expect(secretsIn(captured.join('\n'))).toEqual([]);
        }),
        { numRuns: RUNS[op.kind] * FACTOR },
      );
    },
    // Dozens of runs through the whole runtime: allow for a loaded machine.
    180_000 * FACTOR,
  );
});
