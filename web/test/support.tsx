/** Test support for the web app's components: the 2023 edition, a unit, an in-memory API and a renderer. */
import { render } from '@testing-library/preact';
import type { ComponentChildren } from 'preact';
import { parseEdition } from '#shared/domain/edition.ts';
import edition2023 from '#shared/editions/bayu-2023.json' with { type: 'json' };
import type { Api, DraftVerdict, Versioned } from '../src/api.ts';
import { type Session, SessionContext } from '../src/context.ts';
import { setClockOffset } from '../src/time.ts';
import type { OverrideView, RegistrationView, UnitView } from '../src/types.ts';

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

/** An API whose every method fails unless the test gives it; calls are recorded. */
export function fakeApi(
  overrides: Partial<Api> = {},
): Api & { calls: { method: string; args: unknown[] }[] } {
  const calls: { method: string; args: unknown[] }[] = [];
  const unexpected = (method: string) => async () => {
    throw new Error(`unexpected call ${method}`);
  };
  const base: Api = {
    ownUnit: async () => school,
    competition: async () => edition,
    overrides: async () => [],
    registrations: async () => [],
    registration: unexpected('registration') as Api['registration'],
    validate: unexpected('validate') as Api['validate'],
    submit: unexpected('submit') as Api['submit'],
    amend: unexpected('amend') as Api['amend'],
    withdraw: unexpected('withdraw') as Api['withdraw'],
    grantPhotoUpload: unexpected('grantPhotoUpload') as Api['grantPhotoUpload'],
    ...overrides,
  };
  const recorded = Object.fromEntries(
    Object.entries(base).map(([method, fn]) => [
      method,
      (...args: unknown[]) => {
        calls.push({ method, args });
        return (fn as (...a: unknown[]) => unknown)(...args);
      },
    ]),
  ) as unknown as Api;
  return Object.assign(recorded, { calls });
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
