/**
 * Secrets (issue 6): no access token, refresh token or client secret in any error message, any output or
 * anything written to the console (z.console writes through console.*), even when HighLevel echoes them
 * back in an error body, a trace id or a malformed success body. The fault matrix and the bad-input suite
 * check the same on every one of their runs; this file aims hostile bodies at every operation and at the
 * OAuth token endpoint.
 */
import {
  ACCESS_TOKEN,
  CLIENT_SECRET,
  REFRESH_TOKEN,
  authData as connectedAuthData,
  makeBundle,
} from '../helpers';
import { FIXTURES } from './fixtures';
import {
  ROTATED_ACCESS_TOKEN,
  ROTATED_REFRESH_TOKEN,
  SECRETS,
  app,
  call,
  capturing,
  captured,
  fakeApi,
  isTokenRequest,
  operations,
  outcome,
  refresh,
  run,
  secretsIn,
  successBody,
  useFastHttp,
  visibleText,
  type Outcome,
  type Reply,
} from './harness';

useFastHttp();

/** The connection's own secrets (the app cannot know tokens it was never given). */
const ECHO = `token ${ACCESS_TOKEN} refresh ${REFRESH_TOKEN} secret ${CLIENT_SECRET}`;

/** HighLevel error bodies that repeat every secret in every field a message is built from. */
const echoingBody = (status: number) => ({
  statusCode: status,
  message: [ECHO, `property ${ACCESS_TOKEN} should not exist`],
  error: ECHO,
  error_description: ECHO,
  traceId: `trace-${REFRESH_TOKEN}`,
});

const HOSTILE: Array<[string, Reply]> = [
  ...[400, 403, 404, 409, 422, 500, 502].map((status): [string, Reply] => [
    `${status} echoing the secrets`,
    { status, json: echoingBody(status) },
  ]),
  ['400 with the secrets as a plain string message', { status: 400, json: { message: ECHO } }],
  ['429 echoing the secrets', { status: 429, json: echoingBody(429), headers: { 'Retry-After': '5' } }],
  ['500 HTML echoing the secrets', { status: 500, text: `<html><pre>${ECHO}</pre></html>` }],
  ['200 non-JSON echoing the secrets', { status: 200, text: `<html>${ECHO}</html>` }],
  [
    '200 of the wrong shape holding the secrets',
    {
      status: 200,
      json: {
        contact: ECHO,
        contacts: ECHO,
        task: ECHO,
        tasks: ECHO,
        note: ECHO,
        notes: ECHO,
        events: ECHO,
        tags: ECHO,
        users: ECHO,
        businesses: ECHO,
        timezones: ECHO,
        succeded: ECHO,
        followers: ECHO,
        followersAdded: ECHO,
        followersRemoved: ECHO,
        success: ECHO,
        ids: ECHO,
        responses: ECHO,
        workflows: ECHO,
        campaigns: ECHO,
      },
    },
  ],
];

const clean = (result: Outcome) => {
  expect(secretsIn(visibleText(result))).toEqual([]);
  expect(secretsIn(captured.join('\n'))).toEqual([]);
};

const registered = operations().filter((op) => FIXTURES[op.key]);
let checks = 0;

afterAll(() => {
  console.log(
    `Secrets: ${checks} runs checked for ${SECRETS.length} secrets in messages, outputs and console.`,
  );
});

beforeEach(() => {
  captured.length = 0;
});

describe('HighLevel echoing secrets in API responses', () => {
  describe.each(registered.map((op) => [`${op.kind} ${op.key}`, op] as const))('%s', (_title, op) => {
    it.each(HOSTILE)('%s', async (_name, reply) => {
      checks += 1;
      fakeApi(() => reply);
      const result = await capturing(() => outcome(run(op, FIXTURES[op.key].input)));
      const emptyOn404 = 'status' in reply && reply.status === 404 && (op.kind === 'search' || op.hidden);
      // API Request outputs a 200's body as it came, with the connection's secrets replaced.
      const passedThrough =
        FIXTURES[op.key].passesBodiesThrough === true && 'status' in reply && reply.status === 200;
      if (!emptyOn404 && !passedThrough) expect(result.ok).toBe(false);
      clean(result);
    });

    it('succeeds without secrets in the output or the console', async () => {
      checks += 1;
      fakeApi((req) => ({ status: 200, json: successBody(req) }));
      const result = await capturing(() => outcome(run(op, FIXTURES[op.key].input)));
      expect(result.ok).toBe(true);
      clean(result);
    });
  });
});

describe('the OAuth token endpoint echoing secrets', () => {
  const tokenReplies: Array<[string, Reply]> = [
    [
      '400 invalid_grant',
      {
        status: 400,
        json: { error: 'invalid_grant', message: `Invalid grant: refresh token ${REFRESH_TOKEN} is invalid` },
      },
    ],
    ['400 other', { status: 400, json: echoingBody(400) }],
    ['401', { status: 401, json: echoingBody(401) }],
    [
      '400 Location is not active',
      { status: 400, json: { message: `Location is not active ${ECHO}`, traceId: ECHO } },
    ],
    ['500', { status: 500, json: echoingBody(500) }],
    ['200 non-JSON', { status: 200, text: ECHO }],
    ['200 without tokens', { status: 200, json: { message: ECHO, scope: ECHO } }],
  ];

  it.each(tokenReplies)('refresh: %s', async (_name, reply) => {
    checks += 1;
    fakeApi((req) => (isTokenRequest(req) ? reply : { status: 200, json: successBody(req) }));
    const result = await capturing(() => outcome(refresh(connectedAuthData())));
    expect(result.ok).toBe(false);
    clean(result);
  });

  it.each(tokenReplies)('authorization code exchange: %s', async (_name, reply) => {
    checks += 1;
    // Not connected yet: no tokens in the bundle; the single-use code and the client secret are the secrets.
    const code = 'auth-code-0123456789';
    const echoed = (text: string) => text.split(ACCESS_TOKEN).join(code).split(REFRESH_TOKEN).join(code);
    const hostile: Reply =
      'text' in reply && reply.text !== undefined
        ? { ...reply, text: echoed(reply.text) }
        : 'json' in reply
          ? { ...reply, json: JSON.parse(echoed(JSON.stringify(reply.json))) as unknown }
          : reply;
    fakeApi((req) => (isTokenRequest(req) ? hostile : { status: 200, json: successBody(req) }));
    const getAccessToken = app.authentication!.oauth2Config.getAccessToken;
    const result = await capturing(() =>
      outcome(
        call(
          getAccessToken,
          { code, redirect_uri: 'https://zapier.com/dashboard/auth/oauth/return/App1/' },
          {},
        ),
      ),
    );
    expect(result.ok).toBe(false);
    clean(result);
    const everything = `${visibleText(result)}\n${captured.join('\n')}`;
    expect(everything).not.toContain(code);
  });

  it('a successful refresh returns the rotated tokens but logs none of them', async () => {
    checks += 1;
    fakeApi((req) =>
      isTokenRequest(req)
        ? {
            status: 200,
            json: {
              access_token: ROTATED_ACCESS_TOKEN,
              refresh_token: ROTATED_REFRESH_TOKEN,
              expires_in: 86_399,
            },
          }
        : { status: 200, json: successBody(req) },
    );
    const result = await capturing(() => outcome(refresh(connectedAuthData())));
    expect(result.result).toMatchObject({
      access_token: ROTATED_ACCESS_TOKEN,
      refresh_token: ROTATED_REFRESH_TOKEN,
    });
    expect(secretsIn(captured.join('\n'))).toEqual([]);
  });
});

describe('the connection', () => {
  it('the connection test and label carry no secret when HighLevel echoes them', async () => {
    checks += 1;
    // The connection test reads the sub-account itself: that read gets the hostile answer too.
    fakeApi(() => ({ status: 403, json: echoingBody(403) }), { routeLookups: true });
    const tested = await capturing(() => outcome(call(app.authentication!.test)));
    expect(tested.ok).toBe(false);
    clean(tested);

    const label = app.authentication!.connectionLabel;
    if (typeof label === 'function') {
      const labelled = await capturing(() =>
        outcome(call(label, { ...makeBundle({}).authData, id: 've9EPM428h8vShlRW1KT', name: 'Demo' })),
      );
      clean(labelled);
    } else {
      expect(secretsIn(String(label))).toEqual([]);
    }
  });
});
