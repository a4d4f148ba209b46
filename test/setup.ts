import nock from 'nock';
import { clearLocalCache } from '../lib/core/cache';
import { forgetRateLimitWindows } from '../lib/core/rateLimit';

// zapier-platform-core's Lambda safety valve (src/tools/memory-checker.js) calls process.exit(1) once a
// process has served 250 runs with more than 450 MB resident. On Zapier every process is small and
// recycled; a jest process that has loaded hundreds of test files is past 450 MB through no fault of the
// app, and the exit would kill the whole test run. Tests raise the ceiling; the app code is unchanged.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const coreConstants = require('zapier-platform-core/src/constants') as { KILL_MAX_LIMIT: number };
coreConstants.KILL_MAX_LIMIT = Number.MAX_SAFE_INTEGER;

// Unit tests never touch the network; e2e tests re-enable 127.0.0.1 themselves.
nock.disableNetConnect();

beforeEach(() => {
  clearLocalCache();
  forgetRateLimitWindows();
});

afterEach(() => {
  nock.cleanAll();
});

// Each test file loads its own nock, but node's http module is shared by the files a jest worker runs:
// without this, a finished file's interceptor (with its net-connect rules) keeps answering the next file's
// requests, and an e2e file after a unit file could not reach its local sandbox.
afterAll(() => {
  nock.restore();
});
