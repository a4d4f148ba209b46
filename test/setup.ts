import nock from 'nock';
import { clearLocalCache } from '../lib/cache';

// Unit tests never touch the network; e2e tests re-enable 127.0.0.1 themselves.
nock.disableNetConnect();

beforeEach(() => {
  clearLocalCache();
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
