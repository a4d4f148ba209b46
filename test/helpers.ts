/** Shared test fixtures: the app tester, a connected bundle, and nock against HighLevel's base URL. */
import nock from 'nock';
import { createAppTester, tools } from 'zapier-platform-core';
import type { Bundle } from 'zapier-platform-core';
import App from '../index';
import { DEFAULT_API_URL } from '../lib/config';
import { errorDetails } from '../lib/core/errors';

tools.env.inject();

export const appTester = createAppTester(App);

export const API_URL = DEFAULT_API_URL;
export const LOCATION_ID = 've9EPM428h8vShlRW1KT';
export const ACCESS_TOKEN = 'test-access-token-0123456789';
export const REFRESH_TOKEN = 'test-refresh-token-0123456789';
export const CLIENT_SECRET = 'test-client-secret-0123456789';
/** A HighLevel user of the sub-account (assignee, note author). */
export const USER_ID = 'y0BeYjuRIlDwsDcOHOJo';
process.env.CLIENT_ID = 'test-client-id';
process.env.CLIENT_SECRET = CLIENT_SECRET;

export const META: Bundle['meta'] = {
  isBulkRead: false,
  isFillingDynamicDropdown: false,
  isLoadingSample: false,
  isPopulatingDedupe: false,
  isTestingAuth: false,
  limit: -1,
  page: 0,
  zap: { id: 'zap-1', name: 'Test Zap', link: 'https://zapier.com/editor/1', user: { id: 1 } },
} as unknown as Bundle['meta'];

export const authData = () => ({
  access_token: ACCESS_TOKEN,
  refresh_token: REFRESH_TOKEN,
  locationId: LOCATION_ID,
  companyId: 'company-1',
  userId: 'user-1',
  expires_at: String(Math.floor(Date.now() / 1000) + 86_000),
});

/** A bundle for a connected sub-account; `meta` is always filled (createAppTester does not). */
export const makeBundle = <T extends Record<string, unknown>>(
  inputData: T,
  meta: Partial<Bundle['meta']> = {},
  extraAuth: Record<string, string> = {},
) => ({
  authData: { ...authData(), ...extraAuth },
  inputData,
  meta: { ...META, ...meta },
});

/** nock scope for HighLevel that also requires the headers every API call must carry. */
export const highlevel = () =>
  nock(API_URL, {
    reqheaders: {
      version: '2021-07-28',
      authorization: `Bearer ${ACCESS_TOKEN}`,
    },
  });

/** GET /locations/{id}/customFields?model=contact, answered once with `status` and `body`. */
export const customFieldsReply = (status: number, body: Record<string, unknown>) =>
  highlevel().get(`/locations/${LOCATION_ID}/customFields`).query({ model: 'contact' }).reply(status, body);

/**
 * Intercepts any request to HighLevel; `expect(sentAny(guard)).toBe(false)` proves that validation stopped
 * the step before a request went out.
 */
export const requestGuard = () =>
  nock(API_URL)
    .get(() => true)
    .reply(500)
    .post(() => true)
    .reply(500)
    .put(() => true)
    .reply(500)
    .delete(() => true)
    .reply(500);

export const sentAny = (guard: nock.Scope): boolean => guard.pendingMocks().length < 4;

/** The `{message, code, status}` of a thrown `z.errors.Error`, or the name of another error class. */
export const caught = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    const details = errorDetails(error);
    return { name: (error as Error).name, ...details, raw: (error as Error).message };
  }
  throw new Error('expected the promise to reject');
};

// createAppTester keeps one z.cache stand-in per tester for the whole file: start every test empty, so
// cached custom fields or sub-account data never leak from one test into the next.
beforeEach(() => {
  (appTester as unknown as { zcacheTestObj: Record<string, unknown> }).zcacheTestObj = {};
});
