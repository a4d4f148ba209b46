/** Flags, environment, defaults and plain refusals (config.ts). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, describeConfig, helpText, loadConfig, OPTIONS } from '../src/config';
import { HIGHLEVEL_ED25519_PUBLIC_KEY } from '../src/keys';
import { ed25519, rsa, SECRET } from './support/kit';

const env = { RELAY_SECRET: SECRET };

describe('config', () => {
  it('has the documented defaults', () => {
    expect(loadConfig([], env)).toEqual({
      port: 8787,
      host: '127.0.0.1',
      database: { kind: 'sqlite', path: './relay-data/relay.db' },
      secret: SECRET,
      highlevelPublicKey: HIGHLEVEL_ED25519_PUBLIC_KEY,
      legacyRsa: false,
      highlevelRsaPublicKey: undefined,
      highlevelApiUrl: 'https://services.leadconnectorhq.com',
      allowTargetHosts: ['hooks.zapier.com'],
      allowLoopbackTargets: false,
      retentionDays: 7,
      contactStateDays: 90,
      retrySchedule: [5, 30, 120, 600, 1800, 3600, 10800, 21600, 43200, 86400].map((s) => s * 1000),
      deliveryTimeoutMs: 10000,
      maxBodyBytes: 1048576,
      concurrency: 64,
      perTargetConcurrency: 8,
    });
  });

  it('reads flags over environment variables', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'relay-config-'));
    writeFileSync(path.join(dir, 'rsa.pem'), rsa.publicKey);
    const config = loadConfig(
      [
        '--port=0',
        '--database',
        'postgres://relay:pw@127.0.0.1:5432/relay',
        '--allow-target-host',
        'hooks.zapier.com',
        '--allow-target-host',
        'hooks.example.com',
        '--legacy-rsa',
        '--highlevel-rsa-public-key',
        `@${path.join(dir, 'rsa.pem')}`,
        '--retry-schedule',
        '0.05,1',
      ],
      {
        ...env,
        RELAY_CONTACT_STATE_DAYS: '30',
        RELAY_PORT: '9999',
        RELAY_HIGHLEVEL_PUBLIC_KEY: ed25519.publicKey,
        RELAY_ALLOW_LOOPBACK_TARGETS: '1',
      },
    );
    expect(config).toMatchObject({
      port: 0,
      database: { kind: 'postgres', url: 'postgres://relay:pw@127.0.0.1:5432/relay' },
      allowTargetHosts: ['hooks.zapier.com', 'hooks.example.com'],
      legacyRsa: true,
      highlevelRsaPublicKey: rsa.publicKey,
      highlevelPublicKey: ed25519.publicKey,
      allowLoopbackTargets: true,
      retrySchedule: [50, 1000],
      contactStateDays: 30,
    });
    expect(describeConfig(config)).toContain('postgres postgres://relay:***@127.0.0.1:5432/relay');
    expect(describeConfig(config)).not.toContain(SECRET);
  });

  it.each([
    [[], {}, 'The app secret is required: set RELAY_SECRET (or --secret).'],
    [['--secret', 'short'], {}, 'The app secret must be at least 32 characters.'],
    [['--port', '70000'], env, '--port must be at most 65535.'],
    [['--port', 'abc'], env, '--port must be a number.'],
    [['--database', 'mysql://x'], env, '--database must start with sqlite: or postgres://.'],
    [['--legacy-rsa'], env, '--legacy-rsa needs --highlevel-rsa-public-key (PEM text or @file).'],
    [['--highlevel-public-key', 'nope'], env, '--highlevel-public-key is not a PEM public key.'],
    [
      ['--retry-schedule', '5,,6'],
      env,
      '--retry-schedule must be comma-separated seconds between 0 and 604800, e.g. 5,30,120.',
    ],
    [
      ['--allow-target-host', 'https://x.com'],
      env,
      '--allow-target-host must be a host name such as hooks.zapier.com.',
    ],
    [['--contact-state-days', '0'], env, '--contact-state-days must be at least 1.'],
    [['--bogus'], env, "Unknown option '--bogus' (see --help)."],
  ])('refuses %j plainly', (argv, environment, message) => {
    expect(() => loadConfig(argv, environment)).toThrow(new ConfigError(message));
  });

  it('documents every option with its environment variable and default', () => {
    const help = helpText();
    for (const option of OPTIONS) {
      expect(help).toContain(`--${option.flag}`);
      expect(help).toContain(`env ${option.env}; default: ${option.default}`);
    }
  });
});
