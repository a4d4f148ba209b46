/**
 * The sandbox's workflows, campaigns, enrolments and followers (apps/workflows.json, campaigns.json and the
 * workflow / campaign / followers routes of contacts.json). Kept beside the main store, one state per store,
 * so the contact store stays about contacts; dates are epoch milliseconds as in the store.
 */
import type { SandboxStore } from './store';
import { DEMO_LOCATION_ID, OTHER_LOCATION_ID } from './store';

export interface Workflow {
  id: string;
  locationId: string;
  name: string;
  status: 'draft' | 'published';
  version: number;
  createdAt: number;
  updatedAt: number;
}

export interface Campaign {
  id: string;
  locationId: string;
  name: string;
  status: 'draft' | 'published';
}

export interface WorkflowEnrolment {
  workflowId: string;
  /** When the workflow starts for this contact (epoch ms): `eventStartTime`, else the time it was added. */
  startsAt: number;
}

export interface AutomationState {
  workflows: Workflow[];
  campaigns: Campaign[];
  /** contact id → its active workflow enrolments. */
  enrolments: Map<string, WorkflowEnrolment[]>;
  /** contact id → the campaigns it is in. */
  campaignMembers: Map<string, Set<string>>;
  /** contact id → follower user ids, in the order they were added. */
  followers: Map<string, string[]>;
}

/** Fixed ids so the e2e tests, the demo and the bench can name them. */
export const DEMO_WORKFLOW_IDS = [
  '7d9c2a1e-4b5f-4c8e-9a31-5f2e8b7c0d11',
  '0b6e4f3a-2c1d-4e9b-8f7a-3d5c1e9b2a22',
  'e3a1c5b7-9d2f-4a6e-b8c4-1f7d3e5a9c33',
] as const;
export const DEMO_CAMPAIGN_IDS = ['sbxCampaign000000001', 'sbxCampaign000000002'] as const;
const OTHER_WORKFLOW_ID = '5a8b2c4d-6e1f-4a3b-9c7d-2e4f6a8b0c44';
const OTHER_CAMPAIGN_ID = 'sbxOtherCampaign0001';

const DAY_MS = 86_400_000;

const fixture = (anchor: number): Pick<AutomationState, 'workflows' | 'campaigns'> => ({
  workflows: [
    {
      id: DEMO_WORKFLOW_IDS[0],
      locationId: DEMO_LOCATION_ID,
      name: 'New Lead Nurture',
      status: 'published',
      version: 3,
      createdAt: anchor - 90 * DAY_MS,
      updatedAt: anchor - 10 * DAY_MS,
    },
    {
      id: DEMO_WORKFLOW_IDS[1],
      locationId: DEMO_LOCATION_ID,
      name: 'Appointment Reminder',
      status: 'published',
      version: 1,
      createdAt: anchor - 60 * DAY_MS,
      updatedAt: anchor - 60 * DAY_MS,
    },
    {
      id: DEMO_WORKFLOW_IDS[2],
      locationId: DEMO_LOCATION_ID,
      name: 'Win-back',
      status: 'draft',
      version: 1,
      createdAt: anchor - 5 * DAY_MS,
      updatedAt: anchor - 2 * DAY_MS,
    },
    {
      id: OTHER_WORKFLOW_ID,
      locationId: OTHER_LOCATION_ID,
      name: 'Other Sub-account Flow',
      status: 'published',
      version: 1,
      createdAt: anchor - 30 * DAY_MS,
      updatedAt: anchor - 30 * DAY_MS,
    },
  ],
  campaigns: [
    {
      id: DEMO_CAMPAIGN_IDS[0],
      locationId: DEMO_LOCATION_ID,
      name: 'Spring Newsletter',
      status: 'published',
    },
    { id: DEMO_CAMPAIGN_IDS[1], locationId: DEMO_LOCATION_ID, name: 'Webinar Follow-up', status: 'draft' },
    { id: OTHER_CAMPAIGN_ID, locationId: OTHER_LOCATION_ID, name: 'Other Campaign', status: 'published' },
  ],
});

const states = new WeakMap<SandboxStore, AutomationState>();

/** The automation state of a sandbox store, created with its fixture on first use. */
export const automationOf = (store: SandboxStore): AutomationState => {
  let state = states.get(store);
  if (!state) {
    const anchor = Math.floor(store.now() / DAY_MS) * DAY_MS;
    state = { ...fixture(anchor), enrolments: new Map(), campaignMembers: new Map(), followers: new Map() };
    states.set(store, state);
  }
  return state;
};
