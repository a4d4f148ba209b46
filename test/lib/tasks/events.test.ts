import {
  compareContactTasks,
  compareOpenTasks,
  contactBaseline,
  DONE_MEMORY_MS,
  openTasksBaseline,
  pruneBaseline,
  resolveMissingTask,
} from '../../../lib/tasks/events';
import type { HighLevelTask } from '../../../lib/tasks/model';

const T0 = Date.parse('2026-11-20T10:00:00.000Z');

const task = (id: string, extra: Partial<HighLevelTask> = {}): HighLevelTask => ({
  id,
  title: `Task ${id}`,
  completed: false,
  contactId: 'c1',
  ...extra,
});
const done = (id: string, extra: Partial<HighLevelTask> = {}) => task(id, { completed: true, ...extra });

describe('one contact (the whole list every time)', () => {
  it('knows every task at turn-on: nothing fires for them, open or completed', () => {
    const baseline = contactBaseline('g1', T0, [task('a'), done('b')], 'c1');
    expect(compareContactTasks(baseline, [task('a'), done('b')], 'c1', T0 + 60_000)).toEqual([]);
  });

  it('a new task fires New Task; created and completed between two polls fires both', () => {
    const baseline = contactBaseline('g1', T0, [task('a')], 'c1');
    const events = compareContactTasks(baseline, [task('a'), task('n'), done('m')], 'c1', T0 + 60_000);
    expect(events.map(({ id, kind }) => ({ id, kind }))).toEqual([
      { id: 'n', kind: 'created' },
      { id: 'm', kind: 'created' },
      { id: 'm:completed:g1.1', kind: 'completed' },
    ]);
    expect(events[2].task).toMatchObject({ id: 'm', completed: true, contactId: 'c1' });
  });

  it('completion fires once; an edit never fires; reopening is silent; a second completion fires again', () => {
    const baseline = contactBaseline('g1', T0, [task('a')], 'c1');
    const poll = (tasks: HighLevelTask[], at: number) =>
      compareContactTasks(baseline, tasks, 'c1', at).map((event) => event.id);
    expect(poll([done('a')], T0 + 1)).toEqual(['a:completed:g1.1']);
    expect(poll([done('a', { title: 'Edited' })], T0 + 2)).toEqual([]);
    expect(poll([task('a')], T0 + 3)).toEqual([]);
    expect(poll([task('a', { body: 'edited' })], T0 + 4)).toEqual([]);
    expect(poll([done('a')], T0 + 5)).toEqual(['a:completed:g1.2']);
  });

  it('a task completed before turn-on and reopened, then completed, fires only Task Completed', () => {
    const baseline = contactBaseline('g1', T0, [done('old')], 'c1');
    expect(compareContactTasks(baseline, [task('old')], 'c1', T0 + 1)).toEqual([]);
    expect(compareContactTasks(baseline, [done('old')], 'c1', T0 + 2).map((event) => event.id)).toEqual([
      'old:completed:g1.1',
    ]);
  });

  it('a deleted task is forgotten without an event', () => {
    const baseline = contactBaseline('g1', T0, [task('a'), done('b')], 'c1');
    expect(compareContactTasks(baseline, [], 'c1', T0 + 1)).toEqual([]);
    expect(baseline.open).toEqual({});
    expect(baseline.done).toEqual({});
  });
});

describe('the whole sub-account (open tasks, any order, then read back what left)', () => {
  it('new open ids fire New Task, in any order; known ones never do', () => {
    const baseline = openTasksBaseline('g1', T0, [task('a'), task('b', { contactId: 'c2' })]);
    const first = compareOpenTasks(baseline, [task('n1'), task('b', { contactId: 'c2' }), task('a')], true);
    expect(first.events.map((event) => event.id)).toEqual(['n1']);
    expect(first.missing).toEqual([]);
    const second = compareOpenTasks(baseline, [task('a'), task('n1'), task('b', { contactId: 'c2' })], true);
    expect(second.events).toEqual([]);
  });

  it('a task missing from a complete read is read back: completed fires, open stays, gone is forgotten', () => {
    const baseline = openTasksBaseline('g1', T0, [task('a'), task('b', { contactId: 'c2' }), task('c')]);
    const comparison = compareOpenTasks(baseline, [], true);
    expect(comparison.missing).toEqual([
      { taskId: 'a', contactId: 'c1' },
      { taskId: 'b', contactId: 'c2' },
      { taskId: 'c', contactId: 'c1' },
    ]);
    expect(resolveMissingTask(baseline, 'a', done('a'), T0 + 1)?.id).toBe('a:completed:g1.1');
    expect(resolveMissingTask(baseline, 'b', task('b', { contactId: 'c2' }), T0 + 1)).toBeUndefined();
    expect(resolveMissingTask(baseline, 'c', null, T0 + 1)).toBeUndefined();
    expect(baseline.open).toEqual({ b: 'c2' });
    expect(Object.keys(baseline.done)).toEqual(['a']);
  });

  it('an incomplete read (budget) concludes nothing from absence', () => {
    const baseline = openTasksBaseline('g1', T0, [task('a')]);
    expect(compareOpenTasks(baseline, [task('n')], false)).toMatchObject({ missing: [] });
    expect(Object.keys(baseline.open).sort()).toEqual(['a', 'n']);
  });

  it('a task reopened after its completion was seen is not new; its next completion is a new event', () => {
    const baseline = openTasksBaseline('g1', T0, [task('a')]);
    compareOpenTasks(baseline, [], true);
    resolveMissingTask(baseline, 'a', done('a'), T0 + 1);
    expect(compareOpenTasks(baseline, [task('a')], true).events).toEqual([]);
    compareOpenTasks(baseline, [], true);
    expect(resolveMissingTask(baseline, 'a', done('a'), T0 + 2)?.id).toBe('a:completed:g1.2');
  });

  it('with dateAdded (undocumented): a task created before the baseline and reopened is not new', () => {
    const baseline = openTasksBaseline('g1', T0, []);
    const events = compareOpenTasks(
      baseline,
      [
        task('old', { dateAdded: new Date(T0 - 86_400_000).toISOString() }),
        task('new', { dateAdded: new Date(T0 + 60_000).toISOString() }),
      ],
      true,
    ).events;
    expect(events.map((event) => event.id)).toEqual(['new']);
  });

  it('without dates, a task completed before the baseline and reopened counts as new (the documented rule)', () => {
    const baseline = openTasksBaseline('g1', T0, []);
    expect(compareOpenTasks(baseline, [task('old')], true).events.map((event) => event.id)).toEqual(['old']);
  });

  it('a new baseline generation never reuses an earlier completion id', () => {
    const one = openTasksBaseline('g1', T0, [task('a')]);
    const two = openTasksBaseline('g2', T0, [task('a')]);
    expect(resolveMissingTask(one, 'a', done('a'), T0)?.id).not.toBe(
      resolveMissingTask(two, 'a', done('a'), T0)?.id,
    );
  });

  it(`forgets completion counters of tasks not open for ${DONE_MEMORY_MS / 86_400_000} days`, () => {
    const baseline = openTasksBaseline('g1', T0, [task('a'), task('b')]);
    resolveMissingTask(baseline, 'a', done('a'), T0);
    resolveMissingTask(baseline, 'b', done('b'), T0);
    compareOpenTasks(baseline, [task('b')], false);
    pruneBaseline(baseline, T0 + DONE_MEMORY_MS + 1);
    expect(Object.keys(baseline.done)).toEqual(['b']);
  });
});
