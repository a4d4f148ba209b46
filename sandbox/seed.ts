/**
 * The sandbox's fixed fixture (the demo sub-account, its users, businesses, custom fields and tags)
 * and the deterministic contact generator. Contact #i is always generated from the same PRNG seed,
 * so seed(50) + seed(50) gives exactly the data of seed(100), in every sandbox.
 */
import { chance, createRng, intBetween, mixSeed, pick, randomId, type Rng } from './random';
import {
  DEMO_COMPANY_ID,
  DEMO_LOCATION_ID,
  DEMO_USER_ID,
  OTHER_LOCATION_ID,
  type SandboxStore,
} from './store';
import type { Appointment, Contact, CustomFieldDefinition, CustomFieldValue, Note, Task } from './types';

const DAY_MS = 86_400_000;
// Local copies of Math's functions: global lookups are slow inside jest's vm context (see random.ts).
const { floor, min, max } = Math;
const SEED_BASE = 0x48_4c_5a_31; // "HLZ1"

export const DEMO_USER_IDS = [DEMO_USER_ID, 'sbxDemoUser000000002', 'sbxDemoUser000000003'] as const;
export const DEMO_BUSINESS_IDS = ['sbxBusiness000000001', 'sbxBusiness000000002'] as const;
export const DEMO_CALENDAR_ID = 'sbxCalendar000000001';

export const DEMO_TAGS = [
  'customer',
  'lead',
  'vip',
  'newsletter',
  'webinar',
  'trial',
  'partner',
  'referral',
  'hot lead',
  'cold',
] as const;
/** Probability of each tag on a seeded contact (same order as DEMO_TAGS). */
const TAG_WEIGHTS = [0.3, 0.35, 0.06, 0.25, 0.1, 0.08, 0.04, 0.07, 0.05, 0.1];

export const CUSTOM_FIELD_IDS = {
  industry: 'sbxCfIndustry0000001',
  jobTitle: 'sbxCfJobTitle0000002',
  about: 'sbxCfAbout0000000003',
  employees: 'sbxCfEmployees000004',
  annualBudget: 'sbxCfAnnualBudget005',
  renewalDate: 'sbxCfRenewalDate0006',
  interests: 'sbxCfInterests000007',
  consentChannels: 'sbxCfConsent00000008',
  preferredMethod: 'sbxCfPreferred000009',
  dealNotes: 'sbxCfDealNotes000010',
  otherLocation: 'sbxCfOtherLoc0000011',
} as const;

const INDUSTRIES = ['Software', 'Retail', 'Healthcare', 'Finance', 'Education', 'Real Estate'];
const INTERESTS = ['Email Marketing', 'SMS', 'Automation', 'Funnels', 'Reputation'];
const CONSENT_CHANNELS = ['Email', 'SMS', 'Phone'];
const CONTACT_METHODS = ['Email', 'Phone', 'SMS'];

const customFieldDefinitions = (): CustomFieldDefinition[] => {
  const contactField = (
    id: string,
    name: string,
    key: string,
    dataType: CustomFieldDefinition['dataType'],
    position: number,
    placeholder: string,
    picklistOptions?: string[],
  ): CustomFieldDefinition => ({
    id,
    locationId: DEMO_LOCATION_ID,
    name,
    fieldKey: `contact.${key}`,
    dataType,
    placeholder,
    position,
    model: 'contact',
    ...(picklistOptions ? { picklistOptions } : {}),
  });
  return [
    contactField(
      CUSTOM_FIELD_IDS.industry,
      'Industry',
      'industry',
      'SINGLE_OPTIONS',
      0,
      'Pick an industry',
      INDUSTRIES,
    ),
    contactField(CUSTOM_FIELD_IDS.jobTitle, 'Job Title', 'job_title', 'TEXT', 50, 'e.g. Marketing Manager'),
    contactField(CUSTOM_FIELD_IDS.about, 'About', 'about', 'LARGE_TEXT', 100, 'Background notes'),
    contactField(CUSTOM_FIELD_IDS.employees, 'Employees', 'employees', 'NUMERICAL', 150, 'Head count'),
    contactField(CUSTOM_FIELD_IDS.annualBudget, 'Annual Budget', 'annual_budget', 'MONETORY', 200, 'USD'),
    contactField(CUSTOM_FIELD_IDS.renewalDate, 'Renewal Date', 'renewal_date', 'DATE', 250, 'Renewal date'),
    contactField(
      CUSTOM_FIELD_IDS.interests,
      'Interests',
      'interests',
      'MULTIPLE_OPTIONS',
      300,
      '',
      INTERESTS,
    ),
    contactField(
      CUSTOM_FIELD_IDS.consentChannels,
      'Consent Channels',
      'consent_channels',
      'CHECKBOX',
      350,
      '',
      CONSENT_CHANNELS,
    ),
    contactField(
      CUSTOM_FIELD_IDS.preferredMethod,
      'Preferred Contact Method',
      'preferred_contact_method',
      'RADIO',
      400,
      '',
      CONTACT_METHODS,
    ),
    {
      id: CUSTOM_FIELD_IDS.dealNotes,
      locationId: DEMO_LOCATION_ID,
      name: 'Deal Notes',
      fieldKey: 'opportunity.deal_notes',
      dataType: 'TEXT',
      placeholder: '',
      position: 0,
      model: 'opportunity',
    },
    {
      id: CUSTOM_FIELD_IDS.otherLocation,
      locationId: OTHER_LOCATION_ID,
      name: 'Favourite Colour',
      fieldKey: 'contact.favourite_colour',
      dataType: 'TEXT',
      placeholder: '',
      position: 0,
      model: 'contact',
    },
  ];
};

/** Installs the fixed fixture: two locations of one agency, users, businesses, custom fields, tags. */
export const installFixture = (store: SandboxStore, createdAt: number): void => {
  store.addLocation({
    id: DEMO_LOCATION_ID,
    companyId: DEMO_COMPANY_ID,
    name: 'Demo Sub-Account',
    timezone: 'America/New_York',
    country: 'US',
    address: '123 Demo Street',
    city: 'Brooklyn',
    state: 'NY',
    postalCode: '11201',
    website: 'https://demo.example.com',
    email: 'owner@demo.example.com',
    phone: '+17185550100',
    firstName: 'Dana',
    lastName: 'Demo',
    domain: 'demo.example.com',
    active: true,
    allowDuplicateContact: false,
    duplicatePriority: ['email', 'phone'],
  });
  store.addLocation({
    id: OTHER_LOCATION_ID,
    companyId: DEMO_COMPANY_ID,
    name: 'Second Sub-Account',
    timezone: 'America/Los_Angeles',
    country: 'US',
    address: '1 Market Street',
    city: 'San Francisco',
    state: 'CA',
    postalCode: '94105',
    website: 'https://second.example.com',
    email: 'owner@second.example.com',
    phone: '+14155550100',
    firstName: 'Sam',
    lastName: 'Second',
    domain: 'second.example.com',
    active: true,
    allowDuplicateContact: false,
    duplicatePriority: ['email', 'phone'],
  });
  const user = (
    id: string,
    firstName: string,
    lastName: string,
    role: 'admin' | 'user',
    locationIds: string[],
    phone: string,
  ) => ({
    id,
    name: `${firstName} ${lastName}`,
    firstName,
    lastName,
    email: `${firstName}.${lastName}@demo.example.com`.toLowerCase(),
    phone,
    companyId: DEMO_COMPANY_ID,
    locationIds,
    role,
  });
  store.users.push(
    user(DEMO_USER_IDS[0], 'Dana', 'Demo', 'admin', [DEMO_LOCATION_ID, OTHER_LOCATION_ID], '+17185550101'),
    user(DEMO_USER_IDS[1], 'Alex', 'Morgan', 'user', [DEMO_LOCATION_ID], '+17185550102'),
    user(DEMO_USER_IDS[2], 'Jordan', 'Lee', 'user', [DEMO_LOCATION_ID], '+17185550103'),
    user('sbxOtherUser00000004', 'Sam', 'Second', 'admin', [OTHER_LOCATION_ID], '+14155550101'),
  );
  store.businesses.push(
    {
      id: DEMO_BUSINESS_IDS[0],
      name: 'Acme Corporation',
      locationId: DEMO_LOCATION_ID,
      phone: '+12125550140',
      email: 'hello@acme.example.com',
      website: 'https://acme.example.com',
      address: '500 Fifth Avenue',
      city: 'New York',
      state: 'NY',
      postalCode: '10110',
      country: 'US',
      description: 'Anvils, rockets and giant magnets.',
      createdAt: createdAt - 400 * DAY_MS,
      updatedAt: createdAt - 30 * DAY_MS,
    },
    {
      id: DEMO_BUSINESS_IDS[1],
      name: 'Globex Industries',
      locationId: DEMO_LOCATION_ID,
      phone: '+13125550177',
      email: 'info@globex.example.com',
      website: 'https://globex.example.com',
      address: '42 Cypress Creek Road',
      city: 'Chicago',
      state: 'IL',
      postalCode: '60601',
      country: 'US',
      description: 'Industrial supplies.',
      createdAt: createdAt - 380 * DAY_MS,
      updatedAt: createdAt - 12 * DAY_MS,
    },
    {
      id: 'sbxOtherBusiness0003',
      name: 'Initech',
      locationId: OTHER_LOCATION_ID,
      createdAt: createdAt - 100 * DAY_MS,
      updatedAt: createdAt - 100 * DAY_MS,
    },
  );
  store.customFields.push(...customFieldDefinitions());
  for (const tag of DEMO_TAGS) store.ensureTag(DEMO_LOCATION_ID, tag);
  store.ensureTag(OTHER_LOCATION_ID, 'other-location-tag');
};

// ---- contact generator ----

const FIRST_NAMES = [
  'Olivia',
  'Liam',
  'Emma',
  'Noah',
  'Ava',
  'Elijah',
  'Sophia',
  'James',
  'Isabella',
  'William',
  'Mia',
  'Benjamin',
  'Charlotte',
  'Lucas',
  'Amelia',
  'Henry',
  'Harper',
  'Theodore',
  'Evelyn',
  'Jack',
  'Abigail',
  'Levi',
  'Emily',
  'Alexander',
  'Ella',
  'Jackson',
  'Elizabeth',
  'Mateo',
  'Camila',
  'Daniel',
  'Luna',
  'Michael',
  'Sofia',
  'Mason',
  'Avery',
  'Sebastian',
  'Mila',
  'Ethan',
  'Aria',
  'Logan',
  'Scarlett',
  'Owen',
  'Penelope',
  'Samuel',
  'Layla',
  'Jacob',
  'Chloe',
  'Asher',
  'Victoria',
  'Aiden',
  'Madison',
  'John',
  'Eleanor',
  'Joseph',
  'Grace',
  'Wyatt',
  'Nora',
  'David',
  'Riley',
  'Leo',
  'Zoey',
  'Luke',
  'Hannah',
  'Julian',
  'Hazel',
  'Hudson',
  'Lily',
  'Grayson',
  'Ellie',
  'Matthew',
  'María',
  'José',
  'Zoë',
  'Chloé',
  'Søren',
  'Renée',
  'Nadia',
  'Priya',
  'Wei',
  'Yuki',
];
const LAST_NAMES = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Gonzalez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Perez',
  'Thompson',
  'White',
  'Harris',
  'Sanchez',
  'Clark',
  'Ramirez',
  'Lewis',
  'Robinson',
  'Walker',
  'Young',
  'Allen',
  'King',
  'Wright',
  'Scott',
  'Torres',
  'Nguyen',
  'Hill',
  'Flores',
  'Green',
  'Adams',
  'Nelson',
  'Baker',
  'Hall',
  'Rivera',
  'Campbell',
  'Mitchell',
  'Carter',
  'Roberts',
  "O'Brien",
  'Müller',
  'Kowalski',
  'Patel',
  'Chen',
  'Kim',
  'Singh',
  'Ivanova',
  'Dubois',
  'Rossi',
];
const COMPANIES = [
  'Acme Corporation',
  'Globex Industries',
  'Initrode',
  'Umbrella Health',
  'Stark Logistics',
  'Wayne Retail',
  'Hooli',
  'Pied Piper',
  'Vandelay Industries',
  'Soylent Foods',
  'Massive Dynamic',
  'Cyberdyne Systems',
  'Wonka Confections',
  'Tyrell Analytics',
  'Oscorp Labs',
  'Blue Sun Media',
  'Gringotts Finance',
  'Sterling Cooper',
  'Dunder Mifflin',
  'Bluth Company',
  'Prestige Worldwide',
  'Los Pollos Hermanos',
];
const STREETS = [
  'Main Street',
  'Oak Avenue',
  'Maple Drive',
  'Cedar Lane',
  'Pine Street',
  'Elm Street',
  'Washington Avenue',
  'Lakeview Drive',
  'Park Place',
  'Sunset Boulevard',
  'River Road',
  'Highland Avenue',
  '1st St N',
  'Broadway',
];
const CITIES: ReadonlyArray<readonly [string, string, string, string]> = [
  ['New York', 'NY', '10001', 'America/New_York'],
  ['Brooklyn', 'NY', '11201', 'America/New_York'],
  ['Boston', 'MA', '02108', 'America/New_York'],
  ['Miami', 'FL', '33101', 'America/New_York'],
  ['Atlanta', 'GA', '30303', 'America/New_York'],
  ['Chicago', 'IL', '60601', 'America/Chicago'],
  ['Austin', 'TX', '73301', 'America/Chicago'],
  ['Dallas', 'TX', '75201', 'America/Chicago'],
  ['Denver', 'CO', '80202', 'America/Denver'],
  ['Phoenix', 'AZ', '85001', 'America/Phoenix'],
  ['Seattle', 'WA', '98101', 'America/Los_Angeles'],
  ['San Diego', 'CA', '92101', 'America/Los_Angeles'],
  ['Portland', 'OR', '97201', 'America/Los_Angeles'],
  ['Dolomite', 'AL', '35061', 'America/Chicago'],
];
const AREA_CODES = [
  '212',
  '315',
  '404',
  '415',
  '503',
  '512',
  '602',
  '617',
  '702',
  '713',
  '718',
  '720',
  '773',
  '786',
  '805',
  '832',
  '858',
  '917',
  '206',
  '305',
];
const DOMAINS = ['example.com', 'example.net', 'example.org', 'mail.example.com'];
const SOURCES = [
  'website form',
  'facebook ads',
  'referral',
  'public api',
  'import',
  'landing page',
  'zapier',
];
const JOB_TITLES = [
  'Owner',
  'Marketing Manager',
  'CEO',
  'Office Manager',
  'Sales Director',
  'Consultant',
  'Founder',
];
const TASK_TITLES = [
  'Call back',
  'Send proposal',
  'Follow up on quote',
  'Schedule demo',
  'Check in',
  'Collect review',
];
const NOTE_BODIES = [
  'Interested in the premium plan. Call again next week.',
  'Asked for a discount on annual billing.',
  'Met at the trade show; wants a demo for the team.',
  'Prefers SMS over email.',
  'Renewal coming up; send the new price list.',
];
const NOTE_COLORS = ['#FFAA00', '#22AA66', '#3366FF', '#CC3344'];
const APPOINTMENT_TITLES = ['Discovery Call', 'Product Demo', 'Quarterly Review', 'Onboarding Session'];
const APPOINTMENT_STATUSES = ['booked', 'confirmed', 'showed', 'cancelled', 'noshow'];

const slug = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, '');
const asciiName = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ø/g, 'o')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
const FIRST_ASCII = FIRST_NAMES.map(asciiName);
const LAST_ASCII = LAST_NAMES.map(asciiName);

const pad = (n: number, width: number): string => `${n}`.padStart(width, '0');

const customValues = (rng: Rng, anchor: number): Record<string, CustomFieldValue> => {
  const values: Record<string, CustomFieldValue> = {};
  if (chance(rng, 0.6)) values[CUSTOM_FIELD_IDS.industry] = pick(rng, INDUSTRIES);
  if (chance(rng, 0.5)) values[CUSTOM_FIELD_IDS.jobTitle] = pick(rng, JOB_TITLES);
  if (chance(rng, 0.1))
    values[CUSTOM_FIELD_IDS.about] =
      `Met via ${pick(rng, SOURCES)}.\nFollow up in Q${intBetween(rng, 1, 4)}.`;
  if (chance(rng, 0.3)) values[CUSTOM_FIELD_IDS.employees] = intBetween(rng, 1, 5000);
  if (chance(rng, 0.3))
    values[CUSTOM_FIELD_IDS.annualBudget] = intBetween(rng, 500, 250_000) + intBetween(rng, 0, 99) / 100;
  if (chance(rng, 0.25)) {
    const day = floor((anchor + intBetween(rng, -180, 365) * DAY_MS) / DAY_MS) * DAY_MS;
    values[CUSTOM_FIELD_IDS.renewalDate] = day;
  }
  if (chance(rng, 0.3)) values[CUSTOM_FIELD_IDS.interests] = INTERESTS.filter(() => chance(rng, 0.4));
  if (chance(rng, 0.2))
    values[CUSTOM_FIELD_IDS.consentChannels] = CONSENT_CHANNELS.filter(() => chance(rng, 0.6));
  if (chance(rng, 0.4)) values[CUSTOM_FIELD_IDS.preferredMethod] = pick(rng, CONTACT_METHODS);
  // Empty multi-selects mean "no value".
  const interests = values[CUSTOM_FIELD_IDS.interests];
  if (interests !== undefined && (interests as string[]).length === 0)
    delete values[CUSTOM_FIELD_IDS.interests];
  const consents = values[CUSTOM_FIELD_IDS.consentChannels];
  if (consents !== undefined && (consents as string[]).length === 0)
    delete values[CUSTOM_FIELD_IDS.consentChannels];
  return values;
};

interface GeneratedContact {
  contact: Contact;
  tasks: Task[];
  notes: Note[];
  appointments: Appointment[];
}

/** Contact number `i` of the seeding sequence; `anchor` is "now" for the generated history. */
export const generateContact = (i: number, anchor: number): GeneratedContact => {
  const rng = createRng(mixSeed(SEED_BASE, i));
  const id = randomId(rng);
  const first = floor(rng() * FIRST_NAMES.length);
  const last = floor(rng() * LAST_NAMES.length);
  const firstName = FIRST_NAMES[first];
  const lastName = LAST_NAMES[last];
  const dateAdded = anchor - 1 - floor(rng() * 365 * DAY_MS);
  const dateUpdated = chance(rng, 0.45) ? dateAdded : dateAdded + floor(rng() * (anchor - dateAdded));
  const contact: Contact = {
    id,
    locationId: DEMO_LOCATION_ID,
    firstName,
    lastName,
    type: chance(rng, 0.8) ? 'lead' : 'customer',
    dnd: chance(rng, 0.05),
    tags: [],
    customFields: {},
    country: 'US',
    source: pick(rng, SOURCES),
    dateAdded,
    dateUpdated,
  };
  if (chance(rng, 0.93))
    contact.email = `${FIRST_ASCII[first]}.${LAST_ASCII[last]}${i}@${pick(rng, DOMAINS)}`;
  if (chance(rng, 0.9)) {
    contact.phone = `+1${AREA_CODES[i % AREA_CODES.length]}${2_000_000 + floor(i / AREA_CODES.length)}`;
  }
  if (chance(rng, 0.7)) {
    const company = pick(rng, COMPANIES);
    contact.companyName = company;
    if (company === 'Acme Corporation') contact.businessId = DEMO_BUSINESS_IDS[0];
    if (company === 'Globex Industries') contact.businessId = DEMO_BUSINESS_IDS[1];
    if (chance(rng, 0.3)) contact.website = `https://www.${slug(company)}.example.com`;
  }
  if (chance(rng, 0.75)) {
    const [city, state, postalCode, timezone] = pick(rng, CITIES);
    contact.address1 = `${intBetween(rng, 1, 9999)} ${pick(rng, STREETS)}`;
    contact.city = city;
    contact.state = state;
    contact.postalCode = postalCode;
    contact.timezone = timezone;
  }
  if (chance(rng, 0.45)) {
    contact.dateOfBirth = `${intBetween(rng, 1955, 2004)}-${pad(intBetween(rng, 1, 12), 2)}-${pad(intBetween(rng, 1, 28), 2)}`;
  }
  if (chance(rng, 0.3)) contact.gender = chance(rng, 0.5) ? 'female' : 'male';
  if (chance(rng, 0.65)) contact.assignedTo = pick(rng, DEMO_USER_IDS);
  for (let t = 0; t < DEMO_TAGS.length && contact.tags.length < 3; t += 1) {
    if (chance(rng, TAG_WEIGHTS[t])) contact.tags.push(DEMO_TAGS[t]);
  }
  if (contact.dnd) contact.dndSettings = { SMS: { status: 'active', message: 'Opted out by SMS' } };
  contact.customFields = customValues(rng, anchor);

  const tasks: Task[] = [];
  if (chance(rng, 0.3)) {
    const count = intBetween(rng, 1, 3);
    for (let t = 0; t < count; t += 1) {
      const taskAdded = dateAdded + floor(rng() * min(30 * DAY_MS, anchor - dateAdded));
      const dueDate = floor((taskAdded + intBetween(rng, 1, 60) * DAY_MS) / 3_600_000) * 3_600_000;
      const completed = dueDate < anchor && chance(rng, 0.6);
      tasks.push({
        id: randomId(rng),
        contactId: id,
        locationId: DEMO_LOCATION_ID,
        title: `${pick(rng, TASK_TITLES)} – ${firstName}`,
        ...(chance(rng, 0.6) ? { body: `Regarding ${contact.companyName ?? 'their account'}.` } : {}),
        ...(chance(rng, 0.8) ? { assignedTo: pick(rng, DEMO_USER_IDS) } : {}),
        dueDate,
        completed,
        dateAdded: taskAdded,
        dateUpdated: completed ? min(anchor - 1, dueDate) : taskAdded,
      });
    }
  }
  const notes: Note[] = [];
  if (chance(rng, 0.2)) {
    const count = intBetween(rng, 1, 2);
    for (let n = 0; n < count; n += 1) {
      const noteAdded = dateAdded + floor(rng() * (anchor - dateAdded));
      notes.push({
        id: randomId(rng),
        contactId: id,
        locationId: DEMO_LOCATION_ID,
        body: pick(rng, NOTE_BODIES),
        userId: pick(rng, DEMO_USER_IDS),
        ...(chance(rng, 0.5) ? { title: 'Follow-up summary' } : {}),
        ...(chance(rng, 0.3) ? { color: pick(rng, NOTE_COLORS) } : {}),
        pinned: chance(rng, 0.1),
        dateAdded: noteAdded,
        dateUpdated: noteAdded,
      });
    }
  }
  const appointments: Appointment[] = [];
  if (chance(rng, 0.1)) {
    const start =
      floor((anchor + intBetween(rng, -60, 60) * DAY_MS + intBetween(rng, 0, 16) * 1_800_000) / 1_800_000) *
      1_800_000;
    const status = pick(rng, APPOINTMENT_STATUSES);
    const booked = min(anchor - 1, max(dateAdded, start - intBetween(rng, 1, 14) * DAY_MS));
    appointments.push({
      id: randomId(rng),
      calendarId: DEMO_CALENDAR_ID,
      locationId: DEMO_LOCATION_ID,
      contactId: id,
      title: `${pick(rng, APPOINTMENT_TITLES)} with ${firstName} ${lastName}`,
      status,
      appointmentStatus: status,
      assignedUserId: pick(rng, DEMO_USER_IDS),
      ...(chance(rng, 0.4) ? { notes: 'Bring the pricing sheet.' } : {}),
      ...(chance(rng, 0.5) ? { address: 'https://meet.example.com/demo' } : {}),
      startTime: start,
      endTime: start + 1_800_000,
      dateAdded: booked,
      dateUpdated: booked,
    });
  }
  return { contact, tasks, notes, appointments };
};

/** Adds `n` generated contacts (with their tasks, notes and appointments) to the demo location. */
export const seedContacts = (store: SandboxStore, n: number, anchor: number): void => {
  const contacts: Contact[] = [];
  const tasks: Task[] = [];
  const start = store.seededCount;
  for (let i = start; i < start + n; i += 1) {
    const generated = generateContact(i, anchor);
    contacts.push(generated.contact);
    tasks.push(...generated.tasks);
    for (const note of generated.notes) store.insertNote(note);
    for (const appointment of generated.appointments) store.insertAppointment(appointment);
  }
  store.seededCount = start + n;
  store.insertContactsBulk(contacts);
  store.insertTasksBulk(tasks);
};
