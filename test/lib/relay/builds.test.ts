/**
 * The two builds of the app (triggers/index.ts): without RELAY_URL exactly today's polling app; with it the
 * instant triggers under today's labels, and today's polling triggers under their keys but hidden.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { definitionShape } from '../../definitionShape';
import { RELAY_SECRET, RELAY_URL } from './fixtures';

interface TriggerDef {
  key: string;
  noun: string;
  display: { label: string; description: string; hidden?: boolean };
  operation: {
    type: string;
    inputFields?: unknown[];
    perform?: unknown;
    performList?: unknown;
    performSubscribe?: unknown;
    performUnsubscribe?: unknown;
    sample?: Record<string, unknown>;
  };
}
type AppDef = { triggers: Record<string, TriggerDef> } & Record<string, unknown>;

const load = (relayUrl: string | undefined): AppDef => {
  const saved = { url: process.env.RELAY_URL, secret: process.env.RELAY_SECRET };
  if (relayUrl === undefined) delete process.env.RELAY_URL;
  else process.env.RELAY_URL = relayUrl;
  process.env.RELAY_SECRET = RELAY_SECRET;
  try {
    let app: AppDef | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the app as Zapier requires it
      app = require('../../../index') as AppDef;
    });
    return app as AppDef;
  } finally {
    if (saved.url === undefined) delete process.env.RELAY_URL;
    else process.env.RELAY_URL = saved.url;
    if (saved.secret === undefined) delete process.env.RELAY_SECRET;
    else process.env.RELAY_SECRET = saved.secret;
  }
};

const withoutTriggers = (app: AppDef) => {
  const rest: Record<string, unknown> = { ...app };
  delete rest.triggers;
  return definitionShape(rest);
};

/** Today's trigger definitions (functions as "[function]"), recorded before the instant triggers were added. */
const TODAY = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'fixtures', 'pollingTriggers.json'), 'utf8'),
) as Record<string, unknown>;

const INSTANT: Record<string, { label: string; replaces?: string }> = {
  new_contact_instant: { label: 'New Contact', replaces: 'new_contact' },
  contact_tag_added_instant: { label: 'Contact Tag Added', replaces: 'contact_tag_added' },
  updated_contact_instant: { label: 'Updated Contact', replaces: 'updated_contact' },
  new_task_instant: { label: 'New Task', replaces: 'new_task' },
  task_completed_instant: { label: 'Task Completed', replaces: 'task_completed' },
  new_note_instant: { label: 'New Note', replaces: 'new_note' },
  new_appointment_instant: { label: 'New Appointment', replaces: 'new_appointment' },
  contact_deleted: { label: 'Contact Deleted' },
  contact_tag_removed: { label: 'Tag Removed from Contact' },
};

describe('the app without RELAY_URL', () => {
  it("is today's app: the same trigger keys and definitions", () => {
    const app = load(undefined);

    expect(Object.keys(app.triggers)).toEqual(Object.keys(TODAY));
    expect(definitionShape(app.triggers)).toEqual(TODAY);
  });

  it('an empty RELAY_URL counts as unset', () => {
    expect(definitionShape(load('').triggers)).toEqual(TODAY);
  });
});

describe('the app with RELAY_URL', () => {
  const polling = load(undefined);
  const instant = load(RELAY_URL);

  it('changes nothing but the triggers', () => {
    expect(withoutTriggers(instant)).toEqual(withoutTriggers(polling));
  });

  it('adds the instant triggers, REST hooks with today’s labels', () => {
    for (const [key, { label }] of Object.entries(INSTANT)) {
      const trigger = instant.triggers[key];
      expect({
        key,
        label: trigger?.display.label,
        type: trigger?.operation.type,
        hidden: trigger?.display.hidden,
      }).toEqual({
        key,
        label,
        type: 'hook',
        hidden: undefined,
      });
      for (const method of ['perform', 'performList', 'performSubscribe', 'performUnsubscribe'] as const) {
        expect(typeof trigger.operation[method]).toBe('function');
      }
      expect(trigger.display.description).toMatch(/^Triggers when \S.*\.$/);
      expect(trigger.operation.sample?.id).toMatch(/^dlv_/);
    }
  });

  it('keeps every polling trigger under its key, the replaced ones hidden and otherwise unchanged', () => {
    const replaced = new Set(Object.values(INSTANT).map((entry) => entry.replaces));
    for (const [key, today] of Object.entries(polling.triggers)) {
      const kept = instant.triggers[key];
      expect(definitionShape(kept)).toEqual(
        definitionShape(
          replaced.has(key) ? { ...today, display: { ...today.display, hidden: true } } : today,
        ),
      );
    }
    expect(Object.keys(instant.triggers).sort()).toEqual(
      [...Object.keys(polling.triggers), ...Object.keys(INSTANT)].sort(),
    );
  });

  it('visible trigger labels stay unique', () => {
    const labels = Object.values(instant.triggers)
      .filter((trigger) => !trigger.display.hidden)
      .map((trigger) => trigger.display.label);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('help texts stay within 400 characters', () => {
    for (const key of Object.keys(INSTANT)) {
      for (const field of instant.triggers[key].operation.inputFields ?? []) {
        if (typeof field === 'function') continue;
        expect(((field as { helpText?: string }).helpText ?? '').length).toBeLessThanOrEqual(400);
      }
    }
  });
});
