/** The sub-account's workflows (workflows.json): schema, GET /workflows/, and the workflow dropdown field. */
import { defineInputField, type ZObject } from 'zapier-platform-core';
import { locationIdOf, send, type AuthBundle } from '../core/request';
import { lazySchema } from '../core/schema';

/** Key of the hidden dropdown trigger (triggers/workflow_list.ts). */
export const WORKFLOW_DROPDOWN = 'workflow_list';

export const workflowSchema = lazySchema((zod) =>
  zod.looseObject({
    id: zod.string().min(1),
    name: zod.string().nullish(),
    status: zod.string().nullish(),
  }),
);

const workflowsEnvelope = lazySchema((zod) => zod.object({ workflows: zod.array(workflowSchema()) }));

export const listWorkflows = async (z: ZObject, bundle: AuthBundle) =>
  (
    await send(z, {
      method: 'GET',
      path: '/workflows/',
      query: { locationId: locationIdOf(z, bundle) },
      schema: workflowsEnvelope(),
      scope: 'workflows.readonly',
    })
  ).workflows;

export const workflowIdField = defineInputField({
  key: 'workflowId',
  label: 'Workflow',
  type: 'string',
  required: true,
  dynamic: `${WORKFLOW_DROPDOWN}.id.label`,
  helpText: 'A workflow of the sub-account. Draft workflows are marked "(draft)".',
});
