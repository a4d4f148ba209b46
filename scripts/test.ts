/**
 * `npm test`: the static checks side by side, then jest, then nothing else. tsc, ESLint and Prettier are each
 * one thread, so on a 2-core machine running them together takes about half as long as one after the other
 * (bench/README.md, "npm test time"). Each check's output is printed whole when it ends, so lines never mix; jest
 * runs alone afterwards with its own output, only when every check passed (a type error would only make jest's
 * failures harder to read). Exits non-zero when anything failed.
 */
import { spawn } from 'node:child_process';

interface Check {
  name: string;
  /** Commands run one after the other (a later one needs what an earlier one wrote, e.g. dist/). */
  commands: string[][];
}

const QUIET = { ...process.env, DISABLE_ZAPIER_ANALYTICS: '1', NO_UPDATE_NOTIFIER: '1' };

const CHECKS: Check[] = [
  { name: 'type-check (app)', commands: [['tsc', '-p', 'tsconfig.json', '--noEmit']] },
  { name: 'type-check (relay)', commands: [['tsc', '-p', 'relay/tsconfig.json', '--noEmit']] },
  { name: 'lint (ESLint)', commands: [['eslint', '.']] },
  { name: 'format (Prettier)', commands: [['prettier', '--check', '.']] },
  {
    name: 'build + zapier-platform validate',
    commands: [
      ['tsc', '-p', 'tsconfig.build.json'],
      ['zapier-platform', 'validate', '--without-style', '--skip-build'],
    ],
  },
];

/** Runs one command (from node_modules/.bin, which npm puts first on PATH); resolves with its exit code. */
const run = (command: string[], output: 'inherit' | string[]): Promise<number> =>
  new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), {
      env: QUIET,
      stdio: output === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    });
    if (output !== 'inherit') {
      child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    }
    child.on('error', (error) => {
      if (output !== 'inherit') output.push(`${error.message}\n`);
      resolve(127);
    });
    child.on('close', (code) => resolve(code ?? 1));
  });

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

const runCheck = async (check: Check): Promise<boolean> => {
  const started = Date.now();
  const output: string[] = [];
  let code = 0;
  for (const command of check.commands) {
    output.push(`$ ${command.join(' ')}\n`);
    code = await run(command, output);
    if (code !== 0) break;
  }
  const verdict = code === 0 ? 'passed' : `FAILED (exit ${code})`;
  process.stdout.write(`\n── ${check.name}: ${verdict} in ${seconds(started)}\n${output.join('')}`);
  return code === 0;
};

const main = async () => {
  const started = Date.now();
  const results = await Promise.all(CHECKS.map(runCheck));
  const failed = CHECKS.filter((_, index) => !results[index]).map((check) => check.name);
  process.stdout.write(
    `\nStatic checks: ${CHECKS.length - failed.length} of ${CHECKS.length} passed in ${seconds(started)}\n`,
  );
  if (failed.length > 0) {
    process.stdout.write(`Failed: ${failed.join(', ')}. jest was not run.\n`);
    process.exit(1);
  }
  const jestStarted = Date.now();
  const code = await run(['jest', ...process.argv.slice(2)], 'inherit');
  process.stdout.write(`\njest: exit ${code} in ${seconds(jestStarted)}; npm test: ${seconds(started)}\n`);
  process.exit(code);
};

void main();
