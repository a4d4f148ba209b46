/** The base URLs (lib/config.ts): overrides are checked, and a checked value is reused only while it is current. */
import { DEFAULT_API_URL, apiBaseUrl, appBaseUrl } from '../../lib/config';

describe('base URLs from the environment', () => {
  const saved = { api: process.env.HIGHLEVEL_API_URL, app: process.env.HIGHLEVEL_APP_URL };
  afterEach(() => {
    for (const [key, value] of [
      ['HIGHLEVEL_API_URL', saved.api],
      ['HIGHLEVEL_APP_URL', saved.app],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('follows every change of the variable, not only the first value read', () => {
    delete process.env.HIGHLEVEL_API_URL;
    expect(apiBaseUrl()).toBe(DEFAULT_API_URL);
    process.env.HIGHLEVEL_API_URL = 'http://127.0.0.1:4600/';
    expect(apiBaseUrl()).toBe('http://127.0.0.1:4600');
    expect(apiBaseUrl()).toBe('http://127.0.0.1:4600');
    process.env.HIGHLEVEL_API_URL = 'https://api.example.com/base/';
    expect(apiBaseUrl()).toBe('https://api.example.com/base');
    delete process.env.HIGHLEVEL_API_URL;
    expect(apiBaseUrl()).toBe(DEFAULT_API_URL);
  });

  it('refuses a plain-http override every time it is read, and keeps each variable apart', () => {
    process.env.HIGHLEVEL_API_URL = 'http://127.0.0.1:4600';
    process.env.HIGHLEVEL_APP_URL = 'http://app.example.com';
    expect(apiBaseUrl()).toBe('http://127.0.0.1:4600');
    expect(() => appBaseUrl()).toThrow('HIGHLEVEL_APP_URL must use https');
    expect(() => appBaseUrl()).toThrow('HIGHLEVEL_APP_URL must use https');
    process.env.HIGHLEVEL_APP_URL = 'https://app.example.com';
    expect(appBaseUrl()).toBe('https://app.example.com');
  });
});
