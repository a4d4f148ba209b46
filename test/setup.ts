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
