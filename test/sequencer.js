/**
 * jest's order of test files, with one change for a run without timings (a fresh clone): jest then orders by
 * file size, which starts the files that mostly wait (the fault matrix's time-budget cells, thin files over
 * test/reliability/faultMatrix.ts) last, so their waits trail the run instead of overlapping the CPU-bound
 * files. Files matching SLOW_FIRST start first; with timings from an earlier run, jest's own order (slowest
 * first) applies. A new suite that takes more than ~20 s belongs in SLOW_FIRST.
 */
/* global require, module */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Sequencer = require('@jest/test-sequencer').default;

const SLOW_FIRST = [
  /\/relay\/test\/relay\.test\.ts$/,
  /\/test\/scripts\/lib\/instantTruth\.test\.ts$/,
  /\/test\/reliability\/faults\.(budget\.[^/]+|timeout)\.test\.ts$/,
  /\/test\/reliability\/faults\.test\.ts$/,
  /\/test\/reliability\/badInput\.test\.ts$/,
  /\/test\/scripts\/lib\/truth\.test\.ts$/,
  /\/test\/build\.test\.ts$/,
  /\/test\/reliability\/secrets\.test\.ts$/,
];

const rank = (test) => {
  const index = SLOW_FIRST.findIndex((pattern) => pattern.test(test.path.replace(/\\/g, '/')));
  return index === -1 ? SLOW_FIRST.length : index;
};

class SlowFirstSequencer extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    if (sorted.some((test) => typeof test.duration === 'number')) return sorted;
    // Array.prototype.sort is stable: within a rank, jest's order (by size) stays.
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = SlowFirstSequencer;
