/** Hidden dropdown of time zones HighLevel accepts (GET /locations/:id/timezones); the id is the IANA name. */
import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { TIMEZONE_DROPDOWN, listTimezones } from '../lib/lookups/timezones';
import { wholeListPage } from '../lib/core/dropdowns';
import { uniqueBy } from '../lib/core/polling';

export const perform = (async (z, bundle) =>
  wholeListPage(bundle, async () => {
    const names = (await listTimezones(z, bundle)).map((name) => name.trim()).filter(Boolean);
    return uniqueBy(names, (name) => name).map((name) => ({ id: name, label: name }));
  })) satisfies PollingTriggerPerform;

export default defineTrigger({
  key: TIMEZONE_DROPDOWN,
  noun: 'Time Zone',
  display: {
    label: 'List of Time Zones',
    description: 'Triggers when a time zone is listed, to fill time zone dropdowns.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    perform,
  },
});
