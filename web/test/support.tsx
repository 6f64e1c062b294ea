/** Test support for the web app's components: the 2023 edition, a unit, an in-memory API and a renderer. */
import { render } from '@testing-library/preact';
import type { ComponentChildren } from 'preact';
import { parseEdition } from '#shared/domain/edition.ts';
import edition2023 from '#shared/editions/bayu-2023.json' with { type: 'json' };
import type { Api, DraftVerdict, Versioned } from '../src/api.ts';
import type { ConsoleApi } from '../src/console/api.ts';
import { ConsoleContext } from '../src/console/context.ts';
import { type Session, SessionContext } from '../src/context.ts';
import { setClockOffset } from '../src/time.ts';
import type { AccountView, OverrideView, RegistrationView, UnitView } from '../src/types.ts';

export const edition = parseEdition(edition2023);

export const school: UnitView = {
  unitId: 'unit_1',
  name: '重庆机械技师学院',
  kind: 'school',
  district: '九龙坡区',
  contact: { name: '李明', phone: '139****1111', email: 'office@example.cn' },
  createdAt: '2023-08-01T09:00:00+08:00',
};

/** Sets the app's clock to a Beijing instant (the server's clock in the local runtime starts in 2023). */
export const setNow = (iso: string) => setClockOffset(Date.parse(iso) - Date.now());

type Calls = { calls: { method: string; args: unknown[] }[] };

const unexpected = (method: string) => async () => {
  throw new Error(`unexpected call ${method}`);
};

/** The client with every call recorded (method and arguments) in `calls`. */
function recording<T extends object>(base: T): T & Calls {
  const calls: Calls['calls'] = [];
  const recorded = Object.fromEntries(
    Object.entries(base).map(([method, fn]) => [
      method,
      (...args: unknown[]) => {
        calls.push({ method, args });
        return (fn as (...a: unknown[]) => unknown)(...args);
      },
    ]),
  ) as T;
  return Object.assign(recorded, { calls });
}

/** An API whose every method fails unless the test gives it; calls are recorded. */
export function fakeApi(overrides: Partial<Api> = {}): Api & Calls {
  return recording(unitApi(overrides));
}

function unitApi(overrides: Partial<Api>): Api {
  return {
    me: async () => ({ kind: 'unit', unit: school, key: { keyId: 'key_u1', hint: 'bayu_unit_…a1b2' } }),
    competition: async () => edition,
    overrides: async () => [],
    registrations: async () => [],
    registration: unexpected('registration') as Api['registration'],
    olderHistory: unexpected('olderHistory') as Api['olderHistory'],
    validate: unexpected('validate') as Api['validate'],
    submit: unexpected('submit') as Api['submit'],
    amend: unexpected('amend') as Api['amend'],
    withdraw: unexpected('withdraw') as Api['withdraw'],
    grantPhotoUpload: unexpected('grantPhotoUpload') as Api['grantPhotoUpload'],
    entryForm: unexpected('entryForm') as Api['entryForm'],
    importTemplate: unexpected('importTemplate') as Api['importTemplate'],
    checkImport: unexpected('checkImport') as Api['checkImport'],
    importProblems: unexpected('importProblems') as Api['importProblems'],
    commitImport: unexpected('commitImport') as Api['commitImport'],
    ...overrides,
  };
}

export const member: AccountView = {
  accountId: 'acc_1',
  name: '张三',
  email: 'zhangsan@example.cn',
  role: 'secretariat',
};
export const admin: AccountView = { ...member, accountId: 'acc_0', name: '王管理', role: 'admin' };

/** The console's client: the units' defaults, the unit above as the only unit, anything else unexpected. */
export function fakeConsoleApi(overrides: Partial<ConsoleApi> = {}): ConsoleApi & Calls {
  const consoleOnly: Omit<ConsoleApi, keyof Api> = {
    units: async () => [school],
    unit: async () => school,
    createUnit: unexpected('createUnit') as ConsoleApi['createUnit'],
    unitMails: async () => [],
    reviews: async () => [],
    searchByIdNumber: unexpected('searchByIdNumber') as ConsoleApi['searchByIdNumber'],
    wholeNumbers: unexpected('wholeNumbers') as ConsoleApi['wholeNumbers'],
    review: unexpected('review') as ConsoleApi['review'],
    replaceExclusions: unexpected('replaceExclusions') as ConsoleApi['replaceExclusions'],
    exclusions: async () => ({ competitionId: 'bayu-2023', count: 0 }),
    deadLetters: async () => ({ total: 0, queues: [] }),
    allOverrides: async () => [],
    grantOverride: unexpected('grantOverride') as ConsoleApi['grantOverride'],
    requestSummary: unexpected('requestSummary') as ConsoleApi['requestSummary'],
    summary: unexpected('summary') as ConsoleApi['summary'],
    summaries: async () => [],
    keys: async () => [],
    rotateUnitKey: unexpected('rotateUnitKey') as ConsoleApi['rotateUnitKey'],
    revokeKey: unexpected('revokeKey') as ConsoleApi['revokeKey'],
    accounts: async () => [admin, member],
    createAccount: unexpected('createAccount') as ConsoleApi['createAccount'],
    unitForms: unexpected('unitForms') as ConsoleApi['unitForms'],
    portals: async () => [],
    createPortal: unexpected('createPortal') as ConsoleApi['createPortal'],
    webhooks: async () => [],
    createWebhook: unexpected('createWebhook') as ConsoleApi['createWebhook'],
    changeWebhook: unexpected('changeWebhook') as ConsoleApi['changeWebhook'],
    testWebhook: unexpected('testWebhook') as ConsoleApi['testWebhook'],
    webhookDeliveries: async () => [],
  };
  const me: Api['me'] = async () => ({
    kind: 'secretariat',
    account: member,
    key: { keyId: 'key_s1', hint: 'bayu_sec_…c3d4' },
  });
  return recording({ ...unitApi({ me }), ...consoleOnly, ...overrides });
}

/** Renders a console page for a member (or `account`). */
export function renderConsole(ui: ComponentChildren, api: ConsoleApi, account: AccountView = member) {
  return render(<ConsoleContext.Provider value={{ api, account, edition }}>{ui}</ConsoleContext.Provider>);
}

export function renderSignedIn(
  ui: ComponentChildren,
  api: Api,
  options: { unit?: UnitView; overrides?: OverrideView[]; navigate?: Session['navigate'] } = {},
) {
  const session: Session = {
    api,
    unit: options.unit ?? school,
    edition,
    overrides: options.overrides ?? [],
    navigate: options.navigate ?? (() => {}),
    signOut: () => {},
  };
  return render(<SessionContext.Provider value={session}>{ui}</SessionContext.Provider>);
}

export const verdict = (status: DraftVerdict['status']): DraftVerdict => ({
  status,
  findings: [],
  crossEntryChecked: false,
});

/** A registration as the API shows it to its unit (masked). */
export function registrationView(overrides: Partial<RegistrationView> = {}): RegistrationView {
  const contestant = (name: string, idNumber: string, gender: 'male' | 'female') => ({
    name,
    gender,
    idNumber,
    education: 'associate' as const,
    major: '人工智能技术应用',
    phone: '138****1234',
    address: '重庆市九龙坡区杨家坪正街1号',
    postcode: '400050',
    identity: 'student' as const,
    qualificationLevel: null,
    declarations: { fullTimeEnrolledInChongqing: true },
    photo: { status: 'missing' as const, reasons: [] },
  });
  return {
    registrationId: 'reg_1',
    competitionId: 'bayu-2023',
    unitId: 'unit_1',
    trackId: 'ai-trainer',
    groupId: 'student',
    leader: { name: '王强', phone: '137****1234' },
    advisor: { name: '陈老师', phone: '136****5678' },
    contestants: [
      contestant('张伟', '500103********0016', 'male'),
      contestant('李娜', '500103********0028', 'female'),
    ],
    status: 'submitted',
    eligibility: { status: 'passed', findings: [] },
    version: 3,
    entryVersion: 1,
    createdAt: '2023-09-01T01:00:00.000Z',
    updatedAt: '2023-09-01T01:00:00.000Z',
    history: [
      { version: 1, action: 'submitted', actor: 'unit_1', at: '2023-09-01T01:00:00.000Z', changedPaths: [] },
    ],
    ...overrides,
  };
}

export const versioned = (registration: RegistrationView): Versioned => ({
  registration,
  version: registration.version,
});

/**
 * Catches the files the app saves (the click on a download link) instead of the browser: each as its name and
 * the URL it was saved from. `restore` gives the click back.
 */
export function catchDownloads() {
  const saved: { name: string; href: string }[] = [];
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, href: this.href });
  };
  const restore = () => {
    HTMLAnchorElement.prototype.click = click;
  };
  return { saved, restore };
}
