/** `npm run sandbox`: its options and defaults in --help, plain errors, and a busy port that names the flag. */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { HELP, OPTIONS, TEXT_OPTIONS, main, parseFlags } from '../../sandbox/cli';
import { startSandbox } from '../../sandbox/server';

const ROOT = join(__dirname, '..', '..');

describe('npm run sandbox --help', () => {
  it('explains every option with its default, and that a restart invalidates the tokens', () => {
    for (const option of OPTIONS) {
      expect(HELP).toMatch(new RegExp(`^  ${option.flag} <n> +\\S.*Default: ${option.default}\\.$`, 'm'));
    }
    expect(HELP).toContain(
      '--port <n>        Port to listen on (127.0.0.1 only); 0 picks any free port. Default: 4600.',
    );
    expect(HELP).toContain('restarting the sandbox invalidates');
    expect(HELP).toContain('-h, --help');
  });

  it('is what the script prints, exiting 0 without starting a server', async () => {
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(
        join(ROOT, 'node_modules', '.bin', 'tsx'),
        ['sandbox/cli.ts', '--help'],
        { cwd: ROOT, timeout: 60_000 },
        (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
      );
    });
    expect(result).toEqual({ code: 0, stdout: `${HELP}\n`, stderr: '' });
  }, 90_000);
});

describe('flags', () => {
  it('defaults, both spellings, and -h', () => {
    expect(parseFlags([])).toEqual({ port: 4600, seed: 200, rateLimit: 100 });
    expect(parseFlags(['--port', '0', '--seed=5', '--rate-limit', '7'])).toEqual({
      port: 0,
      seed: 5,
      rateLimit: 7,
    });
    expect(parseFlags(['--seed', '1', '-h'])).toBe('help');
  });

  it('takes the webhook URL and key as text, and refuses a URL that is not http(s)', () => {
    expect(
      parseFlags(['--webhook-url', 'http://127.0.0.1:4700/v1/highlevel/webhooks', '--webhook-key=@k.pem']),
    ).toEqual({
      port: 4600,
      seed: 200,
      rateLimit: 100,
      webhookUrl: 'http://127.0.0.1:4700/v1/highlevel/webhooks',
      webhookKey: '@k.pem',
    });
    expect(() => parseFlags(['--webhook-url', 'ftp://x'])).toThrow(
      '--webhook-url needs an http(s) URL. Run `npm run sandbox -- --help` for the options.',
    );
    expect(() => parseFlags(['--webhook-url'])).toThrow('--webhook-url needs a value <url>.');
    for (const option of TEXT_OPTIONS)
      expect(HELP).toContain(`  ${option.flag} ${option.value}\n      ${option.explains}`);
  });

  it('refuses an unknown option or a value that is not a whole number, pointing to --help', () => {
    expect(() => parseFlags(['--prot', '1'])).toThrow(
      'Unknown option --prot. Run `npm run sandbox -- --help` for the options.',
    );
    for (const argv of [['--port'], ['--port', 'x'], ['--seed=-1'], ['--rate-limit', '1.5'], ['--port=']]) {
      expect(() => parseFlags(argv)).toThrow(
        /needs a whole number \(default \d+\)\. Run `npm run sandbox -- --help`/,
      );
    }
  });
});

describe('a busy port', () => {
  let blocker: Server;
  let port: number;
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    port = (blocker.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  it('says which flag to use', async () => {
    await expect(main(['--port', String(port), '--seed', '0'])).rejects.toThrow(
      `Port ${port} is in use: pass --port <n> or --port 0 for any free port.`,
    );
  });

  it('rejects startSandbox with EADDRINUSE, and --port 0 still starts', async () => {
    await expect(startSandbox({ port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    const sandbox = await startSandbox({ port: 0 });
    expect(sandbox.url).not.toBe(`http://127.0.0.1:${port}`);
    await sandbox.close();
  });
});
