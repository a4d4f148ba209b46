/**
 * The checks the reliability suites rely on catch what they claim to: a suite that passes because its
 * checker is blind would prove nothing.
 */
import { ACCESS_TOKEN, CLIENT_SECRET, LOCATION_ID, REFRESH_TOKEN } from '../helpers';
import {
  bodyProblems,
  compileRoute,
  isRead,
  messageProblems,
  pathProblems,
  secretsIn,
  type SeenRequest,
} from './harness';

const request = (method: string, path: string, body?: unknown): SeenRequest => {
  const url = new URL(path, 'https://services.leadconnectorhq.com');
  return {
    method,
    path,
    pathname: url.pathname,
    query: url.searchParams,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body,
    rawBody: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  };
};

const routes = ['PUT /contacts/:contactId/tasks/:taskId', 'GET /locations/:locationId/customFields'].map(
  compileRoute,
);
const input = { contactId: 'abc123', taskId: 'task_1' };

describe('pathProblems', () => {
  it('accepts the ids the user gave, one segment each, and the connected location', () => {
    expect(pathProblems(request('PUT', '/contacts/abc123/tasks/task_1'), routes, input)).toEqual([]);
    expect(
      pathProblems(request('GET', `/locations/${LOCATION_ID}/customFields?model=contact`), routes, {}),
    ).toEqual([]);
  });

  it('refuses other routes, other methods, dot segments, other ids and other locations', () => {
    expect(pathProblems(request('DELETE', '/contacts/abc123/tasks/task_1'), routes, input)).toHaveLength(1);
    expect(pathProblems(request('PUT', '/contacts/abc123/notes/task_1'), routes, input)).toHaveLength(1);
    expect(
      pathProblems(request('PUT', '/contacts/%2E%2E/tasks/task_1'), routes, { taskId: 'task_1' }),
    ).toHaveLength(1);
    expect(
      pathProblems(request('PUT', '/contacts/.%2e/tasks/task_1'), routes, { taskId: 'task_1' }),
    ).toHaveLength(1);
    expect(pathProblems(request('PUT', '/contacts/other/tasks/task_1'), routes, input)).toHaveLength(1);
    expect(pathProblems(request('GET', '/locations/elsewhere/customFields'), routes, {})).toHaveLength(1);
    expect(pathProblems(request('PUT', '/contacts/abc%ZZ/tasks/task_1'), routes, {})).toHaveLength(1);
  });
});

describe('bodyProblems', () => {
  it('accepts a clean body and query', () => {
    expect(
      bodyProblems(request('POST', '/contacts/?a=1', { firstName: 'Rosa', tags: [], dnd: false })),
    ).toEqual([]);
  });

  it('finds empty, null and stringified-missing values, unless the user typed them', () => {
    expect(bodyProblems(request('POST', '/contacts/', { firstName: '' }))).toHaveLength(1);
    expect(bodyProblems(request('POST', '/contacts/', { firstName: null }))).toHaveLength(1);
    expect(bodyProblems(request('POST', '/contacts/', { a: { b: 'undefined' } }))).toHaveLength(1);
    expect(bodyProblems(request('POST', '/contacts/', { a: 'undefined' }), { a: 'undefined' })).toEqual([]);
    expect(bodyProblems(request('GET', '/contacts/business/x?query='))).toHaveLength(1);
    expect(bodyProblems(request('GET', '/contacts/business/x?query=NaN'))).toHaveLength(1);
    expect(bodyProblems(request('POST', '/contacts/', '{not json'))).toHaveLength(1);
  });
});

describe('messageProblems', () => {
  it('accepts a plain sentence, and the user’s own value quoted back', () => {
    expect(messageProblems('The contact "abc" was not found in this sub-account.')).toEqual([]);
    expect(messageProblems('Email is not a valid email address (got "null").', ['null'])).toEqual([]);
    // An echoed input that itself looks like a sentence's end is still inside the sentence.
    expect(messageProblems('Time Zone must be a time zone (got ").").', [').'])).toEqual([]);
    expect(messageProblems('Time Zone must be a time zone: ).', [').'])).toEqual([]);
  });

  it('finds dumps, stacks, undefined and empty messages', () => {
    expect(messageProblems('Failed: {"statusCode":500,"message":"x"}.')).not.toEqual([]);
    expect(messageProblems('Cannot read properties of undefined (reading "id").')).not.toEqual([]);
    expect(messageProblems('Boom.\n    at perform (creates/create_contact.ts:12:3)')).not.toEqual([]);
    expect(messageProblems('The value was null.')).not.toEqual([]);
    expect(messageProblems('')).not.toEqual([]);
    expect(messageProblems('HighLevel answered <html><body>502</body></html>.')).not.toEqual([]);
  });
});

it('secretsIn finds every known secret', () => {
  expect(secretsIn(`a ${ACCESS_TOKEN} b ${REFRESH_TOKEN} c ${CLIENT_SECRET}`)).toEqual([
    ACCESS_TOKEN,
    REFRESH_TOKEN,
    CLIENT_SECRET,
  ]);
  expect(secretsIn('nothing here')).toEqual([]);
});

it('isRead: GET and the two search POSTs are reads, every other write is not', () => {
  expect(isRead(request('GET', '/contacts/abc'))).toBe(true);
  expect(isRead(request('POST', '/contacts/search'))).toBe(true);
  expect(isRead(request('POST', `/locations/${LOCATION_ID}/tasks/search`))).toBe(true);
  expect(isRead(request('POST', '/contacts/'))).toBe(false);
  expect(isRead(request('POST', '/contacts/upsert'))).toBe(false);
  expect(isRead(request('PUT', '/contacts/abc'))).toBe(false);
  expect(isRead(request('DELETE', '/contacts/abc/tags'))).toBe(false);
});
