/**
 * User text reaches HighLevel exactly as typed. Found by the bad-input suite: zapier-platform-core deletes
 * every `{{…}}` from the top-level strings of object bodies and of `params` (so a note "Hi
 * {{contact.first_name}}" arrived as "Hi "), and refused `{{bundle.…}}` in user text with a developer-facing
 * plain Error. the request core (lib/core/request.ts) now serializes the body and the query string itself.
 */
import { FIXTURES } from './fixtures';
import { fakeApi, operations, outcome, run, successBody } from './harness';

const op = (key: string) => {
  const found = operations().find((candidate) => candidate.key === key);
  if (!found) throw new Error(`${key} is not registered`);
  return found;
};

const TEMPLATE_TEXT =
  'Hi {{contact.first_name}}, see {{ bundle.authData.access_token }} and {{process.env.X}}';

describe('user text with curly braces', () => {
  it('is sent unchanged in a JSON body (create_note)', async () => {
    const api = fakeApi((req) => ({ status: 200, json: successBody(req) }));
    const result = await outcome(
      run(op('create_note'), { ...FIXTURES.create_note.input, body: TEMPLATE_TEXT }),
    );
    expect(result.ok).toBe(true);
    expect(api.main()).toHaveLength(1);
    expect(api.main()[0].body).toMatchObject({ body: TEMPLATE_TEXT });
    expect(api.main()[0].headers['content-type']).toMatch(/^application\/json/);
  });

  it('is sent unchanged in a search body (find_contact by keyword)', async () => {
    const api = fakeApi((req) => ({ status: 200, json: successBody(req) }));
    const result = await outcome(run(op('find_contact'), { query: 'Rosa {{x}}' }));
    expect(result.ok).toBe(true);
    expect(api.main()[0].body).toMatchObject({ query: 'Rosa {{x}}' });
  });

  it('is sent unchanged, encoded, in a query string (find_contact_in_business)', async () => {
    const api = fakeApi((req) => ({ status: 200, json: successBody(req) }));
    const result = await outcome(
      run(op('find_contact_in_business'), { ...FIXTURES.find_contact_in_business.input, query: '{{x}} a+b' }),
    );
    expect(result.ok).toBe(true);
    expect(api.main()[0].query.get('query')).toBe('{{x}} a+b');
    expect(api.main()[0].path).toContain('query=%7B%7Bx%7D%7D%20a%2Bb');
  });

  it('keeps a + in an email query parameter encoded (HIGHLEVEL.md §6)', async () => {
    const api = fakeApi((req) => ({ status: 200, json: successBody(req) }));
    await run(op('find_contact'), { email: 'rosa+zap@example.com' });
    expect(api.main()[0].path).toContain('email=rosa%2Bzap%40example.com');
    expect(api.main()[0].query.get('email')).toBe('rosa+zap@example.com');
  });
});
