/**
 * Shared machinery of the reliability suites (fault matrix, bad input, secrets): the operations of the app
 * definition, a fake HighLevel that answers ANY request (so the suites need no operation's exact path),
 * a recorder of what was sent, route templates to check paths against, console capture and the checks
 * every error message must pass.
 *
 * Lookups: the custom field definitions (GET /locations/:id/customFields) and the sub-account
 * (GET /locations/:id, for a phone's default country or an appointment's time zone) may precede an
 * operation's own request. They always succeed here, so a fault always hits the operation's own request.
 */
import nock from 'nock';
import type { Bundle } from 'zapier-platform-core';
import { createAppTester } from 'zapier-platform-core';
import App from '../../index';
import { httpSettings } from '../../lib/config';
import { errorDetails } from '../../lib/core/errors';
import { ACCESS_TOKEN, API_URL, CLIENT_SECRET, LOCATION_ID, REFRESH_TOKEN, makeBundle } from '../helpers';

// ---------------------------------------------------------------------------------------------------------
// The app definition, seen structurally (the suites iterate it; its literal type changes as operations land)

export interface FieldDef {
  key: string;
  label?: string;
  type?: string;
  required?: boolean;
  list?: boolean;
  dynamic?: string;
  search?: string;
  helpText?: string;
  computed?: boolean;
  primary?: boolean;
  children?: FieldDef[];
  choices?: unknown;
  default?: string;
  altersDynamicFields?: boolean;
  dependsOn?: string[];
}
export type FieldFunction = (z: unknown, bundle: unknown) => unknown;
export type FieldsDef = Array<FieldDef | FieldFunction>;

export interface OperationDef {
  key: string;
  noun?: string;
  display: { label: string; description: string; hidden?: boolean; important?: boolean };
  operation: {
    type?: string;
    perform: unknown;
    /** REST hook triggers (the instant build, docs/INSTANT_TRIGGERS.md): the editor's read of real records. */
    performList?: unknown;
    inputFields?: FieldsDef;
    outputFields?: FieldsDef;
    sample?: Record<string, unknown>;
    canPaginate?: boolean;
  };
}

export type Kind = 'trigger' | 'create' | 'search';

export interface OperationUnderTest {
  kind: Kind;
  key: string;
  def: OperationDef;
  hidden: boolean;
}

interface AppShape {
  triggers?: Record<string, OperationDef>;
  creates?: Record<string, OperationDef>;
  searches?: Record<string, OperationDef>;
  searchOrCreates?: Record<
    string,
    { key: string; search: string; create: string; display: OperationDef['display'] }
  >;
  authentication?: {
    type?: string;
    test?: unknown;
    connectionLabel?: unknown;
    fields?: FieldDef[];
    oauth2Config: { refreshAccessToken: unknown; authorizeUrl: unknown; getAccessToken: unknown };
  };
}

export const app = App as unknown as AppShape;

export const operations = (): OperationUnderTest[] => {
  const group = (kind: Kind, defs: Record<string, OperationDef> | undefined) =>
    Object.entries(defs ?? {}).map(([key, def]) => ({
      kind,
      key,
      def,
      hidden: def.display?.hidden === true,
    }));
  return [
    ...group('trigger', app.triggers),
    ...group('create', app.creates),
    ...group('search', app.searches),
  ];
};

// ---------------------------------------------------------------------------------------------------------
// Running an operation through the real runtime (middleware, error mapping, z.cache)

const appTester = createAppTester(App);
type TesterFunction = Parameters<typeof appTester>[0];

export type AuthData = ReturnType<typeof makeBundle>['authData'] & Record<string, string>;

export const run = (
  op: OperationUnderTest,
  inputData: Record<string, unknown>,
  authData?: Record<string, string>,
  meta: Partial<Bundle['meta']> = {},
): Promise<unknown> => {
  const bundle = makeBundle(inputData, meta);
  // Every run starts with an empty z.cache: the lookups are answered by the fake API, never remembered.
  // A REST hook's perform needs a delivery; what it reads from HighLevel is its performList (the editor's
  // test step), which returns the same shape (docs/INSTANT_TRIGGERS.md §1).
  const method = op.def.operation.type === 'hook' ? op.def.operation.performList : op.def.operation.perform;
  return appTester(method as TesterFunction, authData ? { ...bundle, authData } : bundle, true);
};

/** Zapier's refresh step: the app's refreshAccessToken; its result is merged into authData. */
export const refresh = (authData: Record<string, string>): Promise<Record<string, string>> =>
  appTester(app.authentication!.oauth2Config.refreshAccessToken as TesterFunction, {
    ...makeBundle({}),
    authData,
  }) as Promise<Record<string, string>>;

/** Calls any function of the app definition (dynamic fields, connection label) through the runtime. */
export const call = (
  fn: unknown,
  inputData: Record<string, unknown> = {},
  authData?: Record<string, string>,
): Promise<unknown> => {
  const bundle = makeBundle(inputData);
  return appTester(fn as TesterFunction, authData ? { ...bundle, authData } : bundle, true);
};

export interface Outcome {
  ok: boolean;
  result?: unknown;
  error?: unknown;
  /** The error class: AppError (z.errors.Error), RefreshAuthError, ExpiredAuthError, ThrottledError, … */
  name?: string;
  /** The text a Zapier user reads. */
  message?: string;
  code?: string;
  status?: number;
  delay?: number;
}

export const outcome = async (promise: Promise<unknown>): Promise<Outcome> => {
  try {
    return { ok: true, result: await promise };
  } catch (error) {
    const name = error instanceof Error ? error.name : typeof error;
    const raw = error instanceof Error ? error.message : String(error);
    if (name === 'ThrottledError') {
      const parsed = safeJson(raw) as { message?: string; delay?: number } | undefined;
      return { ok: false, error, name, message: parsed?.message ?? raw, delay: parsed?.delay };
    }
    const details = errorDetails(error);
    return {
      ok: false,
      error,
      name,
      // Core appends "What happened: …" (the step and its bundle) to errors it may contextify; the user-facing
      // sentence is the part before it. The whole text is still checked for secrets (visibleText).
      message: details.message ?? raw.split('\nWhat happened:')[0],
      code: details.code,
      status: details.status,
    };
  }
};

export const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

/**
 * Retry backoff of 1 ms so a matrix of retries runs in seconds (restored after the suite). Timeouts stay
 * generous (the machine may be loaded) except inside `withShortTimeouts`, used by the timeout cells only.
 */
export const useFastHttp = (): void => {
  const saved = { ...httpSettings };
  // A test that times out inside `capturing` must not leave stdout swallowed for the rest of the file.
  afterEach(() => {
    jest.restoreAllMocks();
  });
  beforeAll(() => {
    httpSettings.readRetryDelaysMs = [1, 1];
    httpSettings.readTimeoutMs = 5_000;
    httpSettings.writeTimeoutMs = 5_000;
  });
  afterAll(() => {
    Object.assign(httpSettings, saved);
  });
};

/** Per-attempt timeout while `fn` runs; a hanging reply should outlast it by far (HANG_MS). */
export const SHORT_TIMEOUT_MS = 250;
export const HANG_MS = 2_000;

export const withShortTimeouts = async <T>(fn: () => Promise<T>): Promise<T> => {
  const saved = { read: httpSettings.readTimeoutMs, write: httpSettings.writeTimeoutMs };
  httpSettings.readTimeoutMs = SHORT_TIMEOUT_MS;
  httpSettings.writeTimeoutMs = SHORT_TIMEOUT_MS;
  try {
    return await fn();
  } finally {
    httpSettings.readTimeoutMs = saved.read;
    httpSettings.writeTimeoutMs = saved.write;
  }
};

// ---------------------------------------------------------------------------------------------------------
// The fake HighLevel

export interface SeenRequest {
  method: string;
  /** Path with query, as it reached the server. */
  path: string;
  pathname: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  /** The body as sent (JSON parsed when it was JSON). */
  body: unknown;
  rawBody: string | undefined;
}

export type Reply =
  /** `delayMs`: the answer comes that late (a slow HighLevel). */
  | { status: number; json?: unknown; text?: string; headers?: Record<string, string>; delayMs?: number }
  /** The connection drops (ECONNRESET …) before an answer. */
  | { networkError: string }
  /** No answer within any timeout of the app. */
  | { hangMs: number };

export const LOOKUP_CUSTOM_FIELDS = {
  customFields: [
    { id: 'cfIndustry01', name: 'Industry', fieldKey: 'contact.industry', dataType: 'TEXT', position: 0 },
    {
      id: 'cfPlan0000001',
      name: 'Plan',
      fieldKey: 'contact.plan',
      dataType: 'SINGLE_OPTIONS',
      picklistOptions: ['Basic', 'Premium'],
      position: 1,
    },
  ],
};
export const LOOKUP_LOCATION = {
  location: { id: LOCATION_ID, name: 'Demo Sub-Account', timezone: 'America/New_York', country: 'US' },
};

export const isCustomFieldsLookup = (req: Pick<SeenRequest, 'method' | 'pathname'>): boolean =>
  req.method === 'GET' && req.pathname === `/locations/${LOCATION_ID}/customFields`;
export const isLocationLookup = (req: Pick<SeenRequest, 'method' | 'pathname'>): boolean =>
  req.method === 'GET' && req.pathname === `/locations/${LOCATION_ID}`;
export const isLookup = (req: Pick<SeenRequest, 'method' | 'pathname'>): boolean =>
  isCustomFieldsLookup(req) || isLocationLookup(req);
export const isTokenRequest = (req: Pick<SeenRequest, 'method' | 'pathname'>): boolean =>
  req.method === 'POST' && req.pathname === '/oauth/token';

/** DESIGN.md §3 reads: GET, and the two search POSTs (idempotent, retried on 5xx/network failures). */
export const isRead = (req: Pick<SeenRequest, 'method' | 'pathname'>): boolean =>
  req.method === 'GET' ||
  (req.method === 'POST' &&
    (req.pathname === '/contacts/search' || /^\/locations\/[^/]+\/tasks\/search$/.test(req.pathname)));

export const lookupReply = (req: SeenRequest): Reply | undefined => {
  if (isCustomFieldsLookup(req)) return { status: 200, json: LOOKUP_CUSTOM_FIELDS };
  if (isLocationLookup(req)) return { status: 200, json: LOOKUP_LOCATION };
  return undefined;
};

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface FakeApi {
  /** Every request that reached the fake API, in order. */
  seen: SeenRequest[];
  /** The operation's own requests: no lookups, no token requests. */
  main(): SeenRequest[];
  reset(): void;
}

/**
 * Answers every request to the API base with `route` (lookups are answered first unless `route` is asked
 * for them with `routeLookups`). Persistent until `nock.cleanAll()` (test/setup.ts, after each test).
 */
export const fakeApi = (
  route: (req: SeenRequest) => Reply,
  options: { routeLookups?: boolean } = {},
): FakeApi => {
  const seen: SeenRequest[] = [];
  const scope = nock(API_URL).persist();
  for (const method of METHODS) {
    scope
      .intercept(() => true, method)
      .reply(async function (uri, body) {
        const url = new URL(uri, API_URL);
        const rawBody =
          body === undefined || body === ''
            ? undefined
            : typeof body === 'string'
              ? body
              : JSON.stringify(body);
        const req: SeenRequest = {
          method,
          path: uri,
          pathname: url.pathname,
          query: url.searchParams,
          headers: Object.fromEntries(
            Object.entries(this.req.headers).map(([key, value]) => [key.toLowerCase(), String(value)]),
          ),
          body: body === '' ? undefined : body,
          rawBody,
        };
        seen.push(req);
        const reply = (!options.routeLookups && lookupReply(req)) || route(req);
        if ('networkError' in reply) {
          const error = Object.assign(new Error(`socket hang up (${reply.networkError})`), {
            code: reply.networkError,
          });
          throw error;
        }
        if ('hangMs' in reply) {
          await sleep(reply.hangMs);
          return [200, JSON.stringify({}), { 'Content-Type': 'application/json' }] as const;
        }
        if (reply.delayMs) await sleep(reply.delayMs);
        const headers = {
          'Content-Type': reply.text !== undefined ? 'text/html; charset=utf-8' : 'application/json',
          ...reply.headers,
        };
        const content =
          reply.text !== undefined ? reply.text : reply.json === undefined ? '' : JSON.stringify(reply.json);
        return [reply.status, content, headers] as const;
      });
  }
  return {
    seen,
    main: () => seen.filter((req) => !isLookup(req) && !isTokenRequest(req)),
    reset: () => {
      seen.length = 0;
    },
  };
};

// ---------------------------------------------------------------------------------------------------------
// Successful HighLevel bodies: one body that satisfies every read and write envelope of the endpoint functions (lib/<noun>/api.ts, lib/lookups/)

export const OK_CONTACT_ID = 'ocQHyuzHvysMo5N5VsXc';
const now = Date.now();
const contact = {
  id: OK_CONTACT_ID,
  locationId: LOCATION_ID,
  firstName: 'Rosa',
  lastName: 'Diaz',
  name: 'Rosa Diaz',
  email: 'rosa.diaz@example.com',
  phone: '+14155550123',
  tags: ['vip'],
  dnd: false,
  assignedTo: 'y0BeYjuRIlDwsDcOHOJo',
  dateAdded: new Date(now - 86_400_000).toISOString(),
  dateUpdated: new Date(now - 86_400_000).toISOString(),
  customFields: [{ id: 'cfIndustry01', value: 'Retail' }],
  searchAfter: [now - 86_400_000, OK_CONTACT_ID],
};
const task = {
  id: 'K5d0R7MLGjT7pUZ9cpXn',
  title: 'Call back',
  body: 'About the quote',
  dueDate: '2026-11-25T17:00:00.000Z',
  completed: false,
  contactId: OK_CONTACT_ID,
  assignedTo: 'y0BeYjuRIlDwsDcOHOJo',
  dateAdded: new Date(now - 86_400_000).toISOString(),
};
const note = {
  id: 'hB9T2KpQ3xWmZ1vLc8Ds',
  body: 'Prefers evenings',
  userId: 'y0BeYjuRIlDwsDcOHOJo',
  contactId: OK_CONTACT_ID,
  dateAdded: new Date(now - 86_400_000).toISOString(),
};
/** A wall-clock time without offset, as the appointments endpoint writes it (HIGHLEVEL.md §6). */
const wallClock = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
const event = (id: string, startMs: number) => ({
  id,
  calendarId: 'BqTwX8QFwXzpegMve9EQ',
  title: 'Discovery call',
  status: 'booked',
  appointmentStatus: 'confirmed',
  startTime: wallClock(startMs),
  endTime: wallClock(startMs + 1_800_000),
  contactId: OK_CONTACT_ID,
  locationId: LOCATION_ID,
  dateAdded: new Date(now - 86_400_000).toISOString(),
});

export const UNIVERSAL_OK = {
  contact,
  contacts: [contact],
  total: 1,
  count: 1,
  new: true,
  succeded: true,
  task,
  tasks: [task, { ...task, id: 'Qm3TaskDone00000000x', title: 'Call back (done)', completed: true }],
  note,
  notes: [note],
  // One upcoming and one past appointment, so both "next" and "latest" find one.
  events: [
    event('ZpTv3HkQ9wLm2NcX7rBd', now + 3 * 86_400_000),
    event('Hq8Ws2PastAppt00000x', now - 3 * 86_400_000),
  ],
  users: [
    {
      id: 'y0BeYjuRIlDwsDcOHOJo',
      name: 'Amy Santiago',
      firstName: 'Amy',
      lastName: 'Santiago',
      email: 'amy@example.com',
    },
  ],
  businesses: [{ id: '63771dcac1116f0e21de8e12', name: 'Nine-Nine Consulting' }],
  timezones: ['America/New_York', 'Europe/Berlin'],
  workflows: [{ id: '78559bb3-b920-461e-b010-7b2a2816d2a9', name: 'New Lead Nurture', status: 'published' }],
  campaigns: [{ id: 'mIVALPYuTD7YjUHnFEx4', name: 'Spring Newsletter', status: 'published' }],
  followers: ['y0BeYjuRIlDwsDcOHOJo'],
  followersAdded: ['y0BeYjuRIlDwsDcOHOJo'],
  followersRemoved: [],
  // The bulk answers (contacts.json UpdateTagsResponseDTO, ContactsBulkUpateResponse).
  success: true,
  ids: [contact.id],
  errorCount: 0,
  responses: [
    {
      contactId: contact.id,
      message: 'Tags updated',
      type: 'success',
      oldTags: [],
      tagsAdded: [],
      tagsRemoved: [],
    },
  ],
  traceId: 'trace-ok',
};

/** GET /locations/:id/tags lists tag objects; the tag writes answer with the contact's tag names. */
export const successBody = (req: SeenRequest): unknown =>
  req.method === 'GET' && /^\/locations\/[^/]+\/tags$/.test(req.pathname)
    ? {
        tags: [
          { id: 'tag1', name: 'vip' },
          { id: 'tag2', name: 'newsletter' },
        ],
      }
    : { ...UNIVERSAL_OK, tags: ['vip', 'newsletter'] };

// ---------------------------------------------------------------------------------------------------------
// Route templates: 'PUT /contacts/:contactId/tasks/:taskId'

export interface Route {
  template: string;
  method: string;
  pattern: RegExp;
  params: string[];
}

export const compileRoute = (template: string): Route => {
  const [method, path] = template.split(' ');
  const params: string[] = [];
  const source = path
    .split('/')
    .map((part) => {
      if (part.startsWith(':')) {
        params.push(part.slice(1));
        return '([^/?#]+)';
      }
      // `**`: any path on the API host (API Request); its segments are still checked by pathProblems.
      if (part === '**') {
        params.push('**');
        return '([^?#]*)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { template, method, pattern: new RegExp(`^${source}$`), params };
};

export const LOOKUP_ROUTES = ['GET /locations/:locationId', 'GET /locations/:locationId/customFields'];

const decode = (segment: string): string | undefined => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
};

/**
 * Problems with one request's path: not one of `routes`, a parameter that is not one cleanly encoded
 * segment (a dot segment, a raw `%`), a location other than the connected one, or an id other than the
 * one the user gave (`input[param]`).
 */
export const pathProblems = (req: SeenRequest, routes: Route[], input: Record<string, unknown>): string[] => {
  const candidates = routes.filter(
    (route) => route.method === req.method && route.pattern.test(req.pathname),
  );
  if (candidates.length === 0) return [`${req.method} ${req.pathname} is not an allowed request`];
  const problems: string[] = [];
  const route = candidates[0];
  const values = route.pattern.exec(req.pathname)!.slice(1);
  route.params.forEach((param, index) => {
    const raw = values[index];
    if (param === '**') {
      for (const segment of raw.split('/')) {
        const value = decode(segment);
        if (value === undefined) problems.push(`path segment "${segment}" is not valid percent-encoding`);
        else if (value === '.' || value === '..' || /[/\\]/.test(value)) {
          problems.push(`path segment "${segment}" escapes its place`);
        }
      }
      return;
    }
    const value = decode(raw);
    if (value === undefined) problems.push(`${param} segment "${raw}" is not valid percent-encoding`);
    else if (value === '.' || value === '..' || value === '' || /^(\.|%2e){1,2}$/i.test(raw)) {
      problems.push(`${param} segment "${raw}" is a dot segment`);
    } else if (value.includes('/') && !raw.includes('%2F'))
      problems.push(`${param} segment "${raw}" holds a /`);
    if (param === 'locationId' && value !== LOCATION_ID)
      problems.push(`locationId is "${value}", not the connected one`);
    const given = input[param];
    // A blank input is an optional field left empty (e.g. an instant trigger's sample then reads recent contacts).
    if (
      param !== 'locationId' &&
      typeof given === 'string' &&
      given.trim() !== '' &&
      value !== given.trim()
    ) {
      problems.push(`${param} in the path is "${value}" but the input was "${given}"`);
    }
  });
  return problems;
};

const SUSPICIOUS_TEXT = new Set(['undefined', 'null', 'NaN', '[object Object]']);

const typedLiterally = (input: Record<string, unknown>): Set<string> =>
  new Set(
    Object.values(input)
      .flatMap((value) => (Array.isArray(value) ? value : [value]))
      .flatMap((value) => String(value).split(','))
      .map((value) => value.trim()),
  );

/**
 * Keys that must never be sent: empty strings, null, empty keys, and the text a bug makes of a missing
 * value ("undefined", "NaN", "[object Object]") unless the user typed exactly that.
 */
export const bodyProblems = (
  req: SeenRequest,
  input: Record<string, unknown> = {},
  /** Body paths where the spec itself asks for null (e.g. `body.businessId` to unlink contacts). */
  allowNull: readonly string[] = [],
): string[] => {
  const literal = typedLiterally(input);
  const suspicious = (text: string) => SUSPICIOUS_TEXT.has(text.trim()) && !literal.has(text.trim());
  const problems: string[] = [];
  const contentType = req.headers['content-type'] ?? '';
  if (req.rawBody !== undefined && contentType.includes('json') && typeof req.body === 'string') {
    problems.push(`body is not parseable JSON: ${req.rawBody.slice(0, 80)}`);
  }
  const walk = (value: unknown, where: string) => {
    if (value === null) {
      if (!allowNull.includes(where)) problems.push(`${where} is null`);
    } else if (typeof value === 'string') {
      if (value.trim() === '') problems.push(`${where} is an empty string`);
      if (suspicious(value)) problems.push(`${where} is "${value}"`);
    } else if (Array.isArray(value)) value.forEach((item, index) => walk(item, `${where}[${index}]`));
    else if (typeof value === 'object') {
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        if (key.trim() === '') problems.push(`${where} has an empty key`);
        walk(item, `${where}.${key}`);
      }
    }
  };
  if (req.body !== undefined && typeof req.body === 'object') walk(req.body, 'body');
  req.query.forEach((value, key) => {
    if (value.trim() === '' || suspicious(value)) {
      problems.push(`query ${key}="${value}"`);
    }
  });
  return problems;
};

// ---------------------------------------------------------------------------------------------------------
// Messages and secrets

/**
 * The message with the user's own values taken out: quoting what the user typed back to them ("Email is
 * not a valid email address (got "null")") is good practice, and must not count as a JSON dump or a "null".
 */
const withoutEchoes = (message: string, echoes: unknown[]): string => {
  const candidates = echoes
    .flatMap((value) => {
      if (value === undefined || value === null) return [];
      const texts =
        typeof value === 'object' ? [JSON.stringify(value)] : [String(value), String(value).trim()];
      if (Array.isArray(value)) texts.push(...value.map((item) => String(item)));
      return texts.flatMap((text) => [text, text.slice(0, 60), text.trim().slice(0, 60)]);
    })
    .filter((text) => text.length >= 2)
    .sort((a, b) => b.length - a.length);
  return candidates.reduce((result, text) => result.split(text).join('«input»'), message);
};

/** Why a message is not plain language a no-code user can read, or [] when it is. */
export const messageProblems = (message: string | undefined, echoes: unknown[] = []): string[] => {
  if (message === undefined || message.trim() === '') return ['the message is empty'];
  // The full stop is judged on the whole message: an echoed input such as ")." at its end is still quoted inside it.
  const endsAsSentence = /[.!]$|\)$/.test(message.trim());
  message = withoutEchoes(message, echoes);
  const problems: string[] = [];
  if (/\bundefined\b|\bNaN\b|\[object Object\]/.test(message))
    problems.push('mentions undefined/NaN/[object Object]');
  if (/\bnull\b/.test(message)) problems.push('mentions null');
  if (/\n\s+at |\bat .+\.(ts|js):\d+/.test(message)) problems.push('contains a stack trace');
  if (/[{[]\s*"[^"]+"\s*:/.test(message)) problems.push('contains a JSON dump');
  if (/<\/?[a-z][a-z0-9]*(\s[^>]*)?>/i.test(message)) problems.push('contains HTML');
  if (/TypeError|ReferenceError|SyntaxError|Cannot read prop/.test(message))
    problems.push('leaks a programming error');
  if (message.length > 700) problems.push(`is ${message.length} characters long`);
  if (!endsAsSentence) problems.push('is not a sentence (no full stop)');
  return problems;
};

export const ROTATED_ACCESS_TOKEN = 'rotated-access-token-9876543210';
export const ROTATED_REFRESH_TOKEN = 'rotated-refresh-token-9876543210';
export const SECRETS = [
  ACCESS_TOKEN,
  REFRESH_TOKEN,
  CLIENT_SECRET,
  ROTATED_ACCESS_TOKEN,
  ROTATED_REFRESH_TOKEN,
];

export const secretsIn = (text: string): string[] => SECRETS.filter((secret) => text.includes(secret));

/** Everything written to the console or stdout/stderr while `fn` ran (z.console writes through console). */
export const captured: string[] = [];

export const capturing = async <T>(fn: () => Promise<T>): Promise<T> => {
  const spies = (['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((method) =>
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      captured.push(args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
    }),
  );
  // Direct writes are recorded and passed on (jest reports through these streams too). Replaced by hand
  // rather than with jest.spyOn, and put back exactly as found.
  const restores = [process.stdout, process.stderr].map((stream) => {
    const own = Object.prototype.hasOwnProperty.call(stream, 'write');
    const original = stream.write;
    stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
      captured.push(
        typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk),
      );
      return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as NodeJS.WriteStream['write'];
    return () => {
      if (own) stream.write = original;
      else delete (stream as Partial<NodeJS.WriteStream>).write;
    };
  });
  try {
    return await fn();
  } finally {
    spies.forEach((spy) => spy.mockRestore());
    restores.forEach((restore) => restore());
  }
};

/** The user-visible text of an outcome, for the secrets check: message, raw error text and result. */
export const visibleText = (result: Outcome): string =>
  [
    result.message ?? '',
    result.error instanceof Error ? result.error.message : '',
    result.error instanceof Error ? (result.error.stack ?? '') : '',
    result.ok ? JSON.stringify(result.result) : '',
  ].join('\n');
