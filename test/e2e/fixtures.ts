/** What the e2e operation tests share: a fresh sandbox per test, the contact they seed, ids of results. */
import { startE2E, type E2E, type E2EOptions } from './harness';

export type Item = Record<string, unknown> & { id: string };

/** The ids of a step's results, for readable assertions. */
export const ids = <T extends { id?: unknown }>(items: readonly T[]) => items.map((item) => item.id);

/** Rosa Diaz as the create and search tests add her to the demo sub-account (each file adds its extras). */
export const ROSA = {
  firstName: 'Rosa',
  lastName: 'Diaz',
  email: 'rosa.diaz@example.com',
  phone: '+17185550123',
  companyName: 'Acme Corporation',
};

/**
 * One sandbox per test, closed after it: call once at the top of a file, then `e2e = await start(options)`
 * in each test (one harness at a time, the app reads its base URLs from process.env).
 */
export const sandboxPerTest = () => {
  let running: E2E | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });
  return async (options: E2EOptions = {}): Promise<E2E> => (running = await startE2E(options));
};
