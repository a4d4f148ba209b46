/**
 * One jest run for the app and the relay (its own package, relay/jest.config.js): both projects share one pool
 * of workers, so the relay's suites, which mostly wait on real processes and PostgreSQL, overlap the app's.
 * @type {import('jest').Config}
 */
const app = {
  displayName: 'app',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type-checking is done once by `npm run typecheck`; jest only strips types.
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  testTimeout: 30000,
};

module.exports = {
  projects: [app, '<rootDir>/relay/jest.config.js'],
  // jest's default on 2 cores is one worker, i.e. every file in turn. Many files spend most of their time
  // waiting (sandboxes on 127.0.0.1, scaled-down time budgets, relay processes), so three workers overlap those
  // waits with the CPU-bound files; no test relies on running alone (each file has its own sandboxes on free
  // ports and its own module registry).
  maxWorkers: 3,
  testSequencer: '<rootDir>/test/sequencer.js',
};
