/**
 * Fault matrix (issue 6, DESIGN.md §3): every operation of the app × every kind of trouble HighLevel or the
 * network can cause, run through the real runtime (middleware, error mapping, z.cache).
 *
 * Which request the fault hits: every request of the operation itself. The lookups that may precede it
 * (custom field definitions, the sub-account for a phone's country or a time zone) always succeed here,
 * because their failures are covered by their own tests and a fault there would hide the operation's own
 * handling. So the first request of the operation gets the fault, and for an operation that reads before
 * it writes, that read.
 *
 * Each cell asserts the Zapier error class, that the message is plain language naming the cause, how many
 * requests were sent (reads: 3 attempts on 5xx/reset/timeout; writes: exactly one, never sent twice) and
 * that no token or client secret shows up anywhere.
 *
 * The matrix is defined here and run by several test files (faults.test.ts: the response cells;
 * faults.timeout.test.ts: the timeout cell; faults.budget.*.test.ts: one time-budget cell each), so that jest runs its parts in parallel workers: the
 * time-budget cells spend most of their time waiting for a scaled-down budget to run out.
 */
import { DEFAULT_THROTTLE_SECONDS, httpSettings } from '../../lib/config';
import { ACCESS_TOKEN, CLIENT_SECRET, REFRESH_TOKEN } from '../helpers';
import { FIXTURES, KNOWN_ISSUES } from './fixtures';
import {
  HANG_MS,
  ROTATED_ACCESS_TOKEN,
  ROTATED_REFRESH_TOKEN,
  capturing,
  captured,
  fakeApi,
  isLookup,
  isRead,
  isTokenRequest,
  lookupReply,
  messageProblems,
  operations,
  outcome,
  refresh,
  run,
  secretsIn,
  successBody,
  useFastHttp,
  visibleText,
  withShortTimeouts,
  type AuthData,
  type OperationUnderTest,
  type Outcome,
  type Reply,
  type SeenRequest,
} from './harness';
import { authData as connectedAuthData } from '../helpers';

const RETRYABLE_READ_ATTEMPTS = 3;

interface Expectation {
  name: 'AppError' | 'ThrottledError' | 'ExpiredAuthError';
  code?: string;
  /** The cause, as the message must name it. */
  says: RegExp[];
  /** When the failed request was a write: what the message must say instead (it may have happened). */
  saysOnWrite?: RegExp[];
  /** For API Request, whose path is the user's: the app cannot know which scope it needed. */
  saysForAnyPath?: RegExp[];
  delay?: number;
  /** Reads are retried for this fault (DESIGN.md §3). */
  retried?: boolean;
  /** Searches (and the hidden dropdown triggers) answer [] instead of failing. */
  emptyForSearches?: boolean;
}

interface Cell {
  name: string;
  reply: (req: SeenRequest) => Reply;
  expect: Expectation;
  /** The expectation instead when the failed request names a record by an id from the input. */
  whenNamingARecord?: Expectation;
  /** Run with SHORT_TIMEOUT_MS per attempt. */
  shortTimeouts?: boolean;
  /** A 200 whose body an operation that passes bodies through (API Request) outputs as it came. */
  passThrough?: boolean;
}

const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({
  status,
  json: body,
  headers,
});

const CELLS: Cell[] = [
  {
    // HighLevel answers a call outside the token's scopes with 401 and this message (docs/CONNECTION.md §3).
    name: '401 missing scope',
    reply: () =>
      json(401, {
        statusCode: 401,
        message: 'The token is not authorized for this scope.',
        traceId: 'trace-401',
      }),
    expect: {
      name: 'AppError',
      code: 'forbidden',
      says: [/does not have the ".+" permission \(.+\)/, /Reconnect your HighLevel account/, /trace-401/],
      saysForAnyPath: [
        /does not have a permission this step needs/,
        /Reconnect your HighLevel account/,
        /trace-401/,
      ],
    },
  },
  {
    // A record of another sub-account (docs/CONNECTION.md §5): "not in this sub-account", never "reconnect".
    name: '403 another sub-account',
    reply: () =>
      json(403, {
        statusCode: 403,
        message: 'The token does not have access to this location',
        traceId: 'trace-403',
      }),
    expect: { name: 'AppError', code: 'forbidden', says: [/denied access/, /trace-403/] },
    whenNamingARecord: {
      name: 'AppError',
      code: 'not_found',
      says: [/is not in this sub-account/, /trace-403/],
      emptyForSearches: true,
    },
  },
  {
    name: '404',
    reply: () => json(404, { statusCode: 404, message: 'Not found', traceId: 'trace-404' }),
    expect: { name: 'AppError', code: 'not_found', says: [/not found/, /trace-404/], emptyForSearches: true },
  },
  {
    name: '400',
    reply: () =>
      json(400, {
        statusCode: 400,
        message: 'The phone number is invalid for this location',
        traceId: 'trace-400',
      }),
    expect: {
      name: 'AppError',
      code: 'bad_request',
      says: [/rejected/, /phone number is invalid/, /trace-400/],
    },
  },
  {
    // contacts.json documents a 400, not a 404, for an unknown id: on a request naming a record it is "not found".
    name: '400 "Contact not found"',
    reply: () => json(400, { statusCode: 400, message: 'Contact not found', traceId: 'trace-400' }),
    expect: { name: 'AppError', code: 'bad_request', says: [/rejected/, /Contact not found/, /trace-400/] },
    whenNamingARecord: {
      name: 'AppError',
      code: 'not_found',
      says: [/not found/, /trace-400/],
      emptyForSearches: true,
    },
  },
  {
    name: '422',
    reply: () =>
      json(422, {
        statusCode: 422,
        message: ['email must be an email', 'property foo should not exist'],
        error: 'Unprocessable Entity',
        traceId: 'trace-422',
      }),
    expect: {
      name: 'AppError',
      code: 'validation_failed',
      // The contact writes name the field as the editor does ("Email must be …", docs/CONTACT_INPUTS.md §3).
      says: [/rejected/, /email must be an email/i, /property foo should not exist/, /trace-422/],
    },
  },
  {
    name: '429 with Retry-After',
    reply: () => json(429, { statusCode: 429, message: 'Too many requests' }, { 'Retry-After': '30' }),
    expect: { name: 'ThrottledError', says: [/rate limit/], delay: 30 },
  },
  {
    name: '429 without Retry-After',
    reply: () => json(429, { statusCode: 429, message: 'Too many requests' }),
    expect: { name: 'ThrottledError', says: [/rate limit/], delay: DEFAULT_THROTTLE_SECONDS },
  },
  {
    name: '429 daily limit used up (rate-limit headers, no Retry-After)',
    reply: () =>
      json(
        429,
        { statusCode: 429, message: 'Too many requests' },
        {
          'X-RateLimit-Limit-Daily': '200000',
          'X-RateLimit-Daily-Remaining': '0',
          'X-RateLimit-Max': '100',
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Interval-Milliseconds': '10000',
        },
      ),
    expect: { name: 'ThrottledError', says: [/daily request limit/], delay: 60 * 60 },
  },
  {
    // HighLevel being slow, answered as a 401 (docs/HIGHLEVEL.md §5): retried like a 5xx, never a reconnect.
    name: '401 "Command timed out"',
    reply: () => json(401, { statusCode: 401, message: 'Command timed out', traceId: 'trace-401t' }),
    expect: {
      name: 'AppError',
      code: 'server_error',
      says: [/took too long to answer/, /no need to reconnect/, /trace-401t/],
      saysOnWrite: [
        /took too long to answer/,
        /may or may not have been made/,
        /check HighLevel before running this step again/,
      ],
      retried: true,
    },
  },
  {
    name: '500',
    reply: () => json(500, { statusCode: 500, message: 'Internal server error', traceId: 'trace-500' }),
    expect: {
      name: 'AppError',
      code: 'server_error',
      says: [/temporary problem/, /HTTP 500/, /try again/],
      saysOnWrite: [
        /HTTP 500/,
        /may or may not have been made/,
        /check HighLevel before running this step again/,
      ],
      retried: true,
    },
  },
  {
    name: '502 (HTML from the gateway)',
    reply: () => ({ status: 502, text: '<html><body><h1>502 Bad Gateway</h1></body></html>' }),
    expect: {
      name: 'AppError',
      code: 'server_error',
      says: [/temporary problem/, /HTTP 502/],
      saysOnWrite: [
        /HTTP 502/,
        /may or may not have been made/,
        /check HighLevel before running this step again/,
      ],
      retried: true,
    },
  },
  {
    name: '503',
    reply: () => json(503, { statusCode: 503, message: 'Service Unavailable' }),
    expect: {
      name: 'AppError',
      code: 'server_error',
      says: [/temporary problem/, /HTTP 503/],
      saysOnWrite: [
        /HTTP 503/,
        /may or may not have been made/,
        /check HighLevel before running this step again/,
      ],
      retried: true,
    },
  },
  {
    name: 'connection reset',
    reply: () => ({ networkError: 'ECONNRESET' }),
    expect: {
      name: 'AppError',
      code: 'network_error',
      says: [/Could not reach HighLevel/],
      saysOnWrite: [/may or may not have been saved/, /Check HighLevel before running this step again/],
      retried: true,
    },
  },
  {
    name: 'timeout',
    reply: () => ({ hangMs: HANG_MS }),
    expect: {
      name: 'AppError',
      code: 'network_error',
      says: [/did not answer in time/],
      saysOnWrite: [/may or may not have been saved/, /Check HighLevel before running this step again/],
      retried: true,
    },
    shortTimeouts: true,
  },
  {
    name: 'non-JSON body',
    reply: () => ({ status: 200, text: '<!doctype html><html><body>Maintenance</body></html>' }),
    expect: { name: 'AppError', code: 'unexpected_response', says: [/not JSON/] },
    passThrough: true,
  },
  {
    name: 'JSON of the wrong shape',
    // Every envelope key of the endpoint functions (lib/<noun>/api.ts, lib/lookups/) with the wrong type, so no schema can accept it.
    reply: () =>
      json(200, {
        contact: 'not-an-object',
        contacts: 'x',
        task: 7,
        tasks: { id: 1 },
        note: [],
        notes: 'x',
        events: 'x',
        tags: 'x',
        users: 'x',
        businesses: 'x',
        timezones: 5,
        timeZones: 5,
        location: 'x',
        customFields: 'x',
        succeded: 'maybe',
        new: 'yes',
        followers: 'x',
        followersAdded: 'x',
        followersRemoved: 'x',
        success: 'maybe',
        ids: 'x',
        responses: 'x',
        errorCount: 'x',
        workflows: 'x',
        campaigns: 'x',
        count: 'x',
      }),
    // Plain words, no schema jargon (the detail goes to the log): e.g. "HighLevel's answer had no list of contacts".
    expect: {
      name: 'AppError',
      code: 'unexpected_response',
      says: [/^HighLevel's answer (had|was) /, /contact support/],
    },
    passThrough: true,
  },
];

interface LookupCell {
  name: string;
  reply: Reply;
  /** When the step fails because of the lookup: the code and what the message must say. */
  code: string;
  says: RegExp[];
  retried: boolean;
}

const LOOKUP_CELLS: LookupCell[] = [
  {
    name: 'lookups (custom fields, sub-account) answer 401 missing scope',
    reply: json(401, { statusCode: 401, message: 'The token is not authorized for this scope.' }),
    code: 'forbidden',
    says: [/permission/, /reconnect/i],
    retried: false,
  },
  {
    name: 'lookups (custom fields, sub-account) answer 503',
    reply: json(503, { statusCode: 503, message: 'Service Unavailable' }),
    code: 'server_error',
    says: [/temporary problem/, /HTTP 503/],
    retried: true,
  },
];
const lookupOutcomes: string[] = [];

/**
 * The time budget (docs/CONNECTION.md §7), scaled down so the matrix stays fast: BUDGET_MS stands for the
 * app's 25 s (test/lib/deadline.test.ts checks the real constant is the one wired in), with the fast
 * per-attempt timeouts of useFastHttp (5 s) far above it, so only the budget can end these cells in time.
 */
const BUDGET_MS = 1_000;
/** Scheduling slack on a loaded machine: the cell must end within BUDGET_MS + this. */
const BUDGET_SLACK_MS = 800;

interface BudgetCell {
  name: string;
  reply: (req: SeenRequest) => Reply;
  /** Codes the step may end with (which one depends on where the budget ran out). */
  codes: string[];
}

const BUDGET_CELLS: BudgetCell[] = [
  {
    name: 'hanging answers (no answer for 4 budgets)',
    reply: () => ({ hangMs: BUDGET_MS * 4 }),
    codes: ['network_error', 'out_of_time'],
  },
  {
    name: 'slow answers (every answer a 503 after 40 % of the budget)',
    reply: () => ({
      ...json(503, { statusCode: 503, message: 'Service Unavailable' }),
      delayMs: BUDGET_MS * 0.4,
    }),
    codes: ['server_error', 'network_error', 'out_of_time'],
  },
  {
    name: 'slow answers (every answer succeeds after 30 % of the budget, lookups too)',
    reply: (req) => ({ ...(lookupReply(req) ?? json(200, successBody(req))), delayMs: BUDGET_MS * 0.3 }),
    codes: ['network_error', 'out_of_time'],
  },
];
const budgetTimes: Array<{ cell: string; ms: number }> = [];

const TOKEN_401 = {
  statusCode: 401,
  message: 'Invalid token: access token is invalid',
  error: 'Unauthorized',
};

let cells = 0;

const assertNoSecrets = (result: Outcome) => {
  expect(secretsIn(visibleText(result))).toEqual([]);
  expect(secretsIn(captured.join('\n'))).toEqual([]);
};

const writesSentTwice = (requests: SeenRequest[]): string[] => {
  const counts = new Map<string, number>();
  for (const req of requests.filter((request) => !isRead(request))) {
    const key = `${req.method} ${req.pathname}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].filter(([, count]) => count > 1).map(([key, count]) => `${key} ×${count}`);
};

const checkMessage = (result: Outcome, says: RegExp[]) => {
  expect(messageProblems(result.message)).toEqual([]);
  for (const pattern of says) expect(result.message).toMatch(pattern);
};

const cellName = (op: OperationUnderTest, cell: string) => `${op.key} × ${cell}`;
const known = (op: OperationUnderTest, cell: string) => KNOWN_ISSUES.includes(cellName(op, cell));

const registered = operations();

/** Which part of the matrix a test file runs: the response cells, or the time-budget cells named. */
export interface FaultMatrixPart {
  /** Every response cell but the timeout, the refresh cells and the lookup cells. */
  responses: boolean;
  /** The timeout cell (hanging answers against short per-attempt timeouts: mostly waiting). */
  timeout: boolean;
  budgetCells: readonly string[];
}

export const BUDGET_CELL_NAMES = BUDGET_CELLS.map((cell) => cell.name);

export const defineFaultMatrix = (part: FaultMatrixPart): void => {
  useFastHttp();
  const budgetCells = BUDGET_CELLS.filter((cell) => part.budgetCells.includes(cell.name));
  if (budgetCells.length !== part.budgetCells.length) throw new Error('Unknown time-budget cell.');

  describe('fault matrix', () => {
    afterAll(() => {
      const slowest = [...budgetTimes].sort((a, b) => b.ms - a.ms)[0];
      if (slowest)
        console.log(
          `Time budget: ${budgetTimes.length} slow/hanging cells, slowest ${slowest.ms} ms of a ${BUDGET_MS} ms budget (${slowest.cell}).`,
        );
      console.log(
        `Fault matrix (${[...(part.responses ? ['responses'] : []), ...(part.timeout ? ['timeout'] : []), ...budgetCells.map((cell) => cell.name)].join(', ')}): ${cells} cells.\n` +
          `Lookup faults: ${lookupOutcomes.filter((line) => line.endsWith('carried on')).length} carried on, ` +
          `${lookupOutcomes.filter((line) => !line.endsWith('carried on')).length} failed plainly:\n  ${lookupOutcomes
            .filter((line) => !line.endsWith('carried on'))
            .join('\n  ')}`,
      );
    });

    if (part.responses) {
      it('has a fixture for every registered operation', () => {
        expect(registered.filter((op) => !FIXTURES[op.key]).map((op) => `${op.kind}:${op.key}`)).toEqual([]);
      });
    }

    describe.each(
      registered.filter((op) => FIXTURES[op.key]).map((op) => [`${op.kind} ${op.key}`, op] as const),
    )('%s', (_title, op) => {
      const fixture = FIXTURES[op.key];
      const runOp = (authData?: Record<string, string>) =>
        capturing(() => outcome(run(op, fixture.input, authData, fixture.meta)));

      // A file runs only its part of the matrix: the other cells are not registered at all.
      const registers = (enabled: boolean, test: jest.It): jest.It =>
        enabled ? test : ((() => undefined) as unknown as jest.It);
      {
        const check = registers(part.responses, known(op, '401 then successful refresh') ? it.failing : it);
        check('401, then a successful refresh (rotated tokens), then success', async () => {
          cells += 1;
          const api = fakeApi((req) => {
            if (isTokenRequest(req)) {
              return json(200, {
                access_token: ROTATED_ACCESS_TOKEN,
                refresh_token: ROTATED_REFRESH_TOKEN,
                token_type: 'Bearer',
                expires_in: 86_399,
                userType: 'Location',
                locationId: connectedAuthData().locationId,
              });
            }
            return req.headers.authorization === `Bearer ${ROTATED_ACCESS_TOKEN}`
              ? json(200, successBody(req))
              : json(401, TOKEN_401);
          });
          const authData: AuthData = connectedAuthData();

          const first = await runOp(authData);
          expect(first.name).toBe('RefreshAuthError');
          expect(api.main()).toHaveLength(1);

          const refreshed = await capturing(() => refresh(authData));
          expect(refreshed).toMatchObject({
            access_token: ROTATED_ACCESS_TOKEN,
            refresh_token: ROTATED_REFRESH_TOKEN,
          });
          const tokenRequests = api.seen.filter(isTokenRequest);
          expect(tokenRequests).toHaveLength(1);
          expect(tokenRequests[0].headers['content-type']).toMatch(/application\/x-www-form-urlencoded/);
          const form = new URLSearchParams(String(tokenRequests[0].rawBody));
          expect(Object.fromEntries(form)).toMatchObject({
            grant_type: 'refresh_token',
            refresh_token: REFRESH_TOKEN,
            client_secret: CLIENT_SECRET,
            user_type: 'Location',
          });

          api.reset();
          const second = await runOp({ ...authData, ...refreshed });
          if (!second.ok)
            throw new Error(`after the refresh the step failed: ${second.name}: ${second.message}`);
          expect(api.main().length).toBeGreaterThanOrEqual(1);
          for (const req of api.seen)
            expect(req.headers.authorization).toBe(`Bearer ${ROTATED_ACCESS_TOKEN}`);
          expect(api.seen.some((req) => req.headers.authorization?.includes(ACCESS_TOKEN))).toBe(false);
          assertNoSecrets(first);
          assertNoSecrets(second);
        });

        const checkExpired = registers(
          part.responses,
          known(op, '401 with refresh rejected') ? it.failing : it,
        );
        checkExpired('401, then the refresh is rejected (invalid_grant) → ExpiredAuthError', async () => {
          cells += 1;
          const api = fakeApi((req) =>
            isTokenRequest(req)
              ? json(400, {
                  statusCode: 400,
                  error: 'invalid_grant',
                  message: 'Invalid grant: refresh token is invalid',
                })
              : json(401, TOKEN_401),
          );
          const authData = connectedAuthData();
          const first = await runOp(authData);
          expect(first.name).toBe('RefreshAuthError');
          expect(api.main()).toHaveLength(1);

          const second = await capturing(() => outcome(refresh(authData)));
          expect(second.name).toBe('ExpiredAuthError');
          checkMessage(second, [/[Rr]econnect your HighLevel account/]);
          assertNoSecrets(first);
          assertNoSecrets(second);
        });

        for (const cell of CELLS.filter((candidate) =>
          candidate.shortTimeouts ? part.timeout : part.responses,
        )) {
          const test = known(op, cell.name) ? it.failing : it;
          test(cell.name, async () => {
            cells += 1;
            const api = fakeApi(cell.reply);
            const result = cell.shortTimeouts ? await withShortTimeouts(() => runOp()) : await runOp();
            const main = api.main();
            expect(main.length).toBeGreaterThanOrEqual(1);
            const first = main[0];
            const namesRecord = Object.values(fixture.input).some(
              (value) => typeof value === 'string' && first.pathname.split('/').includes(value),
            );
            const expectation = (namesRecord && cell.whenNamingARecord) || cell.expect;

            if (cell.passThrough && fixture.passesBodiesThrough) {
              if (!result.ok)
                throw new Error(`expected the body passed through, got ${result.name}: ${result.message}`);
              expect(result.result).toMatchObject({ status: 200 });
            } else if (expectation.emptyForSearches && op.kind === 'search') {
              if (!result.ok)
                throw new Error(`a search must answer [] on a 404, got ${result.name}: ${result.message}`);
              expect(result.result).toEqual([]);
            } else if (expectation.emptyForSearches && op.hidden && result.ok) {
              // A dropdown of a contact that no longer exists may be empty rather than an error.
              expect(result.result).toEqual([]);
            } else {
              if (result.ok) throw new Error(`expected ${expectation.name}, but the step succeeded`);
              expect(result.name).toBe(expectation.name);
              if (expectation.code) expect(result.code).toBe(expectation.code);
              if (expectation.delay !== undefined) expect(result.delay).toBe(expectation.delay);
              checkMessage(
                result,
                (fixture.passesBodiesThrough && expectation.saysForAnyPath) ||
                  (!isRead(first) && expectation.saysOnWrite) ||
                  expectation.says,
              );
            }

            // Attempts: retried reads send the same request three times; everything else exactly once.
            const expected = expectation.retried && isRead(first) ? RETRYABLE_READ_ATTEMPTS : 1;
            expect(main.map((req) => `${req.method} ${req.path}`)).toEqual(
              Array(expected).fill(`${first.method} ${first.path}`),
            );
            expect(writesSentTwice(api.seen)).toEqual([]);
            for (const req of api.seen) {
              expect([req.headers.version, req.headers.authorization]).toEqual([
                '2021-07-28',
                `Bearer ${ACCESS_TOKEN}`,
              ]);
            }
            assertNoSecrets(result);
          });
        }
      }

      for (const budgetCell of budgetCells) {
        it(`within the time budget: ${budgetCell.name}`, async () => {
          cells += 1;
          const api = fakeApi(budgetCell.reply, { routeLookups: true });
          const saved = httpSettings.operationBudgetMs;
          httpSettings.operationBudgetMs = BUDGET_MS;
          const started = Date.now();
          let result: Outcome;
          try {
            result = await runOp();
          } finally {
            httpSettings.operationBudgetMs = saved;
          }
          const elapsed = Date.now() - started;
          budgetTimes.push({ cell: `${op.key} × ${budgetCell.name}`, ms: elapsed });
          expect(elapsed).toBeLessThanOrEqual(BUDGET_MS + BUDGET_SLACK_MS);
          if (!result.ok) {
            expect(result.name).toBe('AppError');
            expect(budgetCell.codes).toContain(result.code);
            checkMessage(result, [/HighLevel/, /(try again|Check HighLevel)/i]);
          }
          expect(writesSentTwice(api.seen)).toEqual([]);
          assertNoSecrets(result);
        });
      }

      // The lookups themselves failing (the cells above keep them healthy). A 403 on a lookup is a missing
      // optional permission: the step carries on without custom fields / with the default phone region, or
      // fails with the permission named. A 5xx on a lookup is a read: retried, then a plain error or a step
      // that did not need it. Either way never a write sent twice, never a programming error.
      for (const lookupCell of part.responses ? LOOKUP_CELLS : []) {
        const test = known(op, lookupCell.name) ? it.failing : it;
        test(lookupCell.name, async () => {
          cells += 1;
          const api = fakeApi((req) => (isLookup(req) ? lookupCell.reply : json(200, successBody(req))), {
            routeLookups: true,
          });
          const result = await runOp();
          const lookups = api.seen.filter(isLookup);
          if (!result.ok) {
            expect(lookups.length).toBeGreaterThanOrEqual(1);
            expect({ name: result.name, code: result.code }).toEqual({
              name: 'AppError',
              code: lookupCell.code,
            });
            checkMessage(result, lookupCell.says);
            // The failed lookup was a read: attempted as often as DESIGN.md §3 says, nothing after it.
            const failed = lookups[lookups.length - 1];
            const attempts = lookups.filter((req) => req.path === failed.path).length;
            expect(attempts).toBe(lookupCell.retried ? RETRYABLE_READ_ATTEMPTS : 1);
          }
          lookupOutcomes.push(
            `${op.key} × ${lookupCell.name}: ${result.ok ? 'carried on' : `failed (${result.code})`}`,
          );
          expect(writesSentTwice(api.seen)).toEqual([]);
          assertNoSecrets(result);
        });
      }
    });
  });
};
