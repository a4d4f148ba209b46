/** Hidden dropdown of the sub-account's workflows, alphabetical (GET /workflows/?locationId=). */
import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { alphabetical, statusLabel, wholeListPage } from '../lib/core/dropdowns';
import { listWorkflows, WORKFLOW_DROPDOWN } from '../lib/lookups/workflows';

export const perform = (async (z, bundle) =>
  wholeListPage(bundle, async () =>
    alphabetical(
      (await listWorkflows(z, bundle)).map((workflow) => ({
        id: workflow.id,
        label: statusLabel(workflow.name, workflow.status, workflow.id),
      })),
    ),
  )) satisfies PollingTriggerPerform;

export default defineTrigger({
  key: WORKFLOW_DROPDOWN,
  noun: 'Workflow',
  display: {
    label: 'List of Workflows',
    description: 'Triggers when a workflow is listed, to fill workflow dropdowns.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    perform,
  },
});
