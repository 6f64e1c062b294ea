/**
 * What the API shows. ID numbers and phones are always masked, and nothing that would unmask them (the birth
 * date) is shown: full values leave the system only in the secretariat's spreadsheets.
 */
import * as z from 'zod';
import { accountRoles, keyKinds } from './access.ts';
import { Identity, UnitKind } from './edition.ts';
import { renderFinding } from './eligibility/messages.ts';
import { maskIdNumber, maskPhone } from './masking.ts';
import { type Portal, portalScopes } from './portal.ts';
import type { Principal } from './principal.ts';
import {
  type HistoryEntry,
  historyActions,
  photoStatuses,
  type Registration,
  registrationStatuses,
} from './registration.ts';
import { type ContactPerson, educationLevels, genders } from './registration-input.ts';
import type { Unit } from './unit.ts';

const maskContact = (p: ContactPerson): ContactPerson => ({ ...p, phone: maskPhone(p.phone) });

export function registrationView(r: Registration, history?: HistoryEntry[]): RegistrationView {
  return {
    ...r,
    // Findings are stored as codes and parameters; their messages are rendered here, as the API shows them.
    eligibility: { ...r.eligibility, findings: r.eligibility.findings.map(renderFinding) },
    leader: maskContact(r.leader),
    ...(r.advisor ? { advisor: maskContact(r.advisor) } : {}),
    // The birth date is characters 7-14 of the ID number: shown beside the masked number it would rebuild it.
    contestants: r.contestants.map(({ birthDate: _birthDate, ...c }) => ({
      ...c,
      idNumber: maskIdNumber(c.idNumber),
      phone: maskPhone(c.phone),
    })),
    ...(history ? { history } : {}),
  };
}

/** A page of registrations as the API shows it. */
export const registrationPageView = (page: {
  items: Registration[];
  cursor?: string;
}): z.output<typeof RegistrationPage> => ({
  items: page.items.map((r) => registrationView(r)),
  ...(page.cursor ? { cursor: page.cursor } : {}),
});

export const unitView = (u: Unit): UnitView => ({
  ...u,
  contact: { ...u.contact, phone: maskPhone(u.contact.phone) },
});

export const portalView = (p: Portal): PortalView => ({
  ...p,
  contact: { ...p.contact, ...(p.contact.phone ? { phone: maskPhone(p.contact.phone) } : {}) },
});

/**
 * A registration as its reader may see it: a unit never reads another entry's id (a cross-entry finding's
 * relatedRegistrationId, which could tell it whose contestant a name and phone belong to, nor the keys of the
 * findings a review decision covered, which embed it); the secretariat does, to find the other entry.
 */
export function asSeenBy(principal: Principal, r: Registration): Registration {
  if (principal.role === 'secretariat') return r;
  const { review, ...eligibility } = r.eligibility;
  const findings = eligibility.findings.map(({ relatedRegistrationId: _other, ...f }) => f);
  const decision = review && { ...review, findings: [] };
  return { ...r, eligibility: { ...eligibility, findings, ...(decision ? { review: decision } : {}) } };
}

// ---------------------------------------------------------------------------------------------------------------
// The shapes above, as zod schemas: the view functions are typed by them (so a view that drifts from its schema
// fails to compile) and the OpenAPI document (functions/lib/openapi.ts) describes the responses with them.

const instant = z.string().meta({ format: 'date-time', examples: ['2023-09-01T09:00:00.000Z'] });
const maskedPhone = z.string().meta({ description: '手机号码, masked', examples: ['138****1234'] });

export const ContactView = z.object({ name: z.string(), phone: maskedPhone }).meta({ id: 'Contact' });

export const FindingView = z
  .object({
    rule: z.string(),
    outcome: z.enum(['passed', 'failed', 'review']),
    code: z
      .string()
      .optional()
      .meta({ examples: ['AGE_BELOW_MINIMUM'] }),
    contestantIndex: z.number().int().optional(),
    relatedRegistrationId: z.string().optional().meta({ description: 'shown to the secretariat only' }),
    message: z.string().meta({ description: 'in Chinese, citing the notice' }),
    messageEn: z.string().optional(),
  })
  .meta({ id: 'Finding' });

export const HistoryEntryView = z
  .object({
    version: z.number().int(),
    action: z.enum(historyActions),
    actor: z.string().meta({ description: 'a unit id, a secretariat account id, a portal id, or `system`' }),
    actorName: z.string().optional().meta({ description: "the member's or the portal's name" }),
    onBehalfOf: z.string().optional().meta({ description: 'the unit a portal acted for' }),
    at: instant,
    changedPaths: z.array(z.string()),
    reason: z.string().optional(),
    viewedPaths: z.array(z.string()).optional(),
  })
  .meta({ id: 'HistoryEntry' });

const PhotoView = z.object({
  status: z.enum(photoStatuses),
  reasons: z.array(z.string()),
  uploadId: z.string().optional(),
  objectKey: z.string().optional(),
  messages: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })).optional(),
});

const ContestantView = z.object({
  name: z.string(),
  gender: z.enum(genders),
  idNumber: z.string().meta({ description: '身份证号码, masked', examples: ['500103********0115'] }),
  education: z.enum(educationLevels),
  major: z.string().optional(),
  phone: maskedPhone,
  address: z.string(),
  postcode: z.string(),
  identity: Identity,
  qualificationLevel: z.number().int().min(1).max(5).nullable(),
  yearsInTrade: z.number().int().optional(),
  declarations: z
    .object({
      fullTimeEnrolledInChongqing: z.boolean().optional(),
      chinaSkillsAward: z.boolean().optional(),
      nationalTechnicalExpert: z.boolean().optional(),
      secondNationalCompetitionAiRole: z.boolean().optional(),
      postType: z.enum(['worker', 'cadre']).optional(),
    })
    .optional(),
  photo: PhotoView,
});

export const RegistrationView = z
  .object({
    registrationId: z.string().meta({ examples: ['reg_01HB8Z6Q3J5Y7M2N4P6R8T0V2X'] }),
    competitionId: z.string(),
    unitId: z.string(),
    trackId: z.string(),
    groupId: z.string(),
    leader: ContactView,
    advisor: ContactView.optional(),
    contestants: z.array(ContestantView),
    status: z.enum(registrationStatuses),
    eligibility: z.object({
      status: z.enum(['pending', 'passed', 'failed', 'review']),
      findings: z.array(FindingView),
      entryVersion: z.number().int().optional(),
      evaluatedAt: instant.optional(),
      review: z
        .object({
          decision: z.enum(['approve', 'reject']),
          reason: z.string(),
          actor: z.string(),
          actorName: z.string().optional(),
          at: instant,
          findings: z.array(z.string()),
        })
        .optional(),
    }),
    version: z.number().int().meta({ description: 'the ETag; send it back in If-Match' }),
    entryVersion: z.number().int(),
    expiredReasons: z.array(z.string()).optional(),
    peopleChangedAt: instant.optional(),
    createdAt: instant,
    updatedAt: instant,
    history: z.array(HistoryEntryView).optional(),
    historyCursor: z
      .string()
      .optional()
      .meta({ description: 'the next page of `history`, when there is one' }),
  })
  .meta({ id: 'Registration' });
export type RegistrationView = z.output<typeof RegistrationView>;

export const RegistrationPage = z
  .object({ items: z.array(RegistrationView), cursor: z.string().optional() })
  .meta({ id: 'RegistrationPage' });

export const UnitView = z
  .object({
    unitId: z.string().meta({ examples: ['unit_01HB8Z6Q3J5Y7M2N4P6R8T0V2X'] }),
    name: z.string(),
    kind: UnitKind,
    district: z.string().optional(),
    contact: z.object({ name: z.string(), phone: maskedPhone, email: z.string() }),
    createdAt: instant,
    createdBy: z.string().optional(),
    createdByName: z.string().optional(),
  })
  .meta({ id: 'Unit' });
export type UnitView = z.output<typeof UnitView>;

export const UnitPage = z
  .object({ items: z.array(UnitView), cursor: z.string().optional() })
  .meta({ id: 'UnitPage' });

export const HistoryPage = z
  .object({ items: z.array(HistoryEntryView), cursor: z.string().optional() })
  .meta({ id: 'HistoryPage' });

// What the other routes answer, as their use cases return it: each route checks its answer against these
// (`satisfies Shown<typeof X>`), so a use case whose answer drifts from its documented shape fails to compile.

/** What a route answers, by the schema that describes it. */
export type Shown<S extends z.ZodType> = z.output<S>;

export const KeyView = z
  .object({
    keyId: z.string().meta({ examples: ['key_01HB8Z6Q3J5Y7M2N4P6R8T0V2X'] }),
    kind: z.enum(keyKinds),
    owner: z.string().meta({ description: 'the account id, the unit id or the portal id' }),
    hint: z.string().meta({ examples: ['bayu_unit_…a1B2'] }),
    createdBy: z.string(),
    createdAt: instant,
    lastUsedAt: instant.optional(),
    expiresAt: instant.optional(),
    revokedAt: instant.optional(),
  })
  .meta({ id: 'Key' });

const secret = z.string().meta({
  description: 'the key itself: shown once, stored only as a hash',
  examples: ['bayu_unit_4kTq9ZbW2mXc7RfL0pYs3NhV8jDe6GaU_1x9Qz'],
});

export const IssuedKey = z.object({ key: KeyView, token: secret }).meta({ id: 'IssuedKey' });

export const CreatedUnit = z
  .object({ unit: UnitView, key: KeyView, token: secret })
  .meta({ id: 'CreatedUnit' });

export const AccountView = z
  .object({
    accountId: z.string().meta({ examples: ['acct_01HB8Z6Q3J5Y7M2N4P6R8T0V2X'] }),
    name: z.string(),
    email: z.string(),
    role: z.enum(accountRoles),
    createdAt: instant,
    createdBy: z.string().optional(),
  })
  .meta({ id: 'Account' });

export const CreatedAccount = z
  .object({ account: AccountView, key: KeyView, token: secret })
  .meta({ id: 'CreatedAccount' });

export const PortalView = z
  .object({
    portalId: z.string().meta({ examples: ['portal_01HB8Z6Q3J5Y7M2N4P6R8T0V2X'] }),
    name: z.string().meta({ examples: ['九龙坡区人力社保局报名平台'] }),
    contact: z.object({ name: z.string(), email: z.string(), phone: maskedPhone.optional() }),
    unitIds: z.array(z.string()),
    districts: z.array(z.string()),
    scopes: z.array(z.enum(portalScopes)),
    createdAt: instant,
    createdBy: z.string(),
    createdByName: z.string().optional(),
  })
  .meta({ id: 'Portal' });
export type PortalView = z.output<typeof PortalView>;

export const CreatedPortal = z
  .object({ portal: PortalView, key: KeyView, token: secret })
  .meta({ id: 'CreatedPortal' });

const KeyRef = z.object({ keyId: z.string(), hint: z.string().optional(), expiresAt: instant.optional() });

export const MeView = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('secretariat'),
      account: z.object({
        accountId: z.string(),
        name: z.string(),
        role: z.enum(accountRoles),
        email: z.string().optional(),
      }),
      key: KeyRef,
    }),
    z.object({ kind: z.literal('unit'), unit: UnitView, key: KeyRef }),
    z.object({ kind: z.literal('portal'), portal: PortalView, key: KeyRef }),
  ])
  .meta({ id: 'Me' });

export const DeadLetters = z
  .object({
    total: z.number().int(),
    queues: z.array(z.object({ queue: z.string(), messages: z.number().int() })),
  })
  .meta({ id: 'DeadLetters' });

export const WholeNumbers = z
  .object({
    idNumber: z.string().meta({ examples: ['500103199001010010'] }),
    phone: z.string().meta({ examples: ['13812341234'] }),
  })
  .meta({ id: 'WholeNumbers', description: "recorded in the entry's history before it is shown" });

export const DraftVerdict = z
  .object({
    status: z.enum(['passed', 'failed', 'review']),
    findings: z.array(FindingView),
    crossEntryChecked: z
      .literal(false)
      .meta({ description: 'the rules between entries run once it is submitted' }),
  })
  .meta({ id: 'DraftVerdict' });

export const ExclusionFacts = z
  .object({
    competitionId: z.string(),
    count: z.number().int(),
    updatedAt: instant.optional(),
    actor: z.string().optional(),
    actorName: z.string().optional(),
  })
  .meta({ id: 'ExclusionFacts', description: 'never the numbers' });

export const ExclusionsReplaced = z
  .object({
    competitionId: z.string(),
    count: z.number().int(),
    updatedAt: instant,
    reevaluated: z
      .number()
      .int()
      .meta({ description: 'entries checked again because their people joined or left' }),
  })
  .meta({ id: 'ExclusionsReplaced' });

const expiresInSeconds = z.number().int();

export const PhotoUploadGrant = z
  .object({
    uploadId: z.string(),
    contentType: z.string(),
    minBytes: z.number().int(),
    maxBytes: z.number().int(),
    upload: z.object({
      url: z.string().meta({ description: 'post every field, then the file, as multipart/form-data' }),
      fields: z.record(z.string(), z.string()),
      expiresInSeconds,
    }),
  })
  .meta({ id: 'PhotoUploadGrant' });

export const DownloadLink = z.object({ url: z.string(), expiresInSeconds }).meta({ id: 'DownloadLink' });

export const PhotoArchive = z
  .object({ url: z.string(), expiresInSeconds, files: z.number().int() })
  .meta({ id: 'PhotoArchive' });

const SummaryFileView = z.object({ scope: z.string(), fileName: z.string(), bytes: z.number().int() });

export const SummaryView = z
  .object({
    summaryId: z.string(),
    competitionId: z.string(),
    kind: z.enum(['nightly', 'on-demand']),
    state: z.enum(['requested', 'building', 'failed', 'ready']),
    requestedAt: instant,
    requestedBy: z.string(),
    requestedByName: z.string().optional(),
    night: z.string().optional(),
    asOf: instant.optional(),
    since: instant.optional(),
    files: z.array(SummaryFileView),
    completedAt: instant.optional(),
    buildingSince: instant.optional(),
    failedAttempts: z.number().int().optional(),
    lastFailedAt: instant.optional(),
    downloads: z.array(SummaryFileView.extend({ url: z.string() })).optional(),
    downloadsExpireInSeconds: z.number().int().optional(),
  })
  .meta({ id: 'Summary' });

export const SummaryList = z.object({ items: z.array(SummaryView) }).meta({ id: 'SummaryList' });

export const OverrideView = z
  .object({
    competitionId: z.string(),
    trackId: z.string(),
    unitId: z.string(),
    reason: z.string(),
    grantedAt: instant,
    until: instant,
    grantedBy: z.string(),
    grantedByName: z.string().optional(),
  })
  .meta({ id: 'Override' });

export const OverridePage = z
  .object({ items: z.array(OverrideView), cursor: z.string().optional() })
  .meta({ id: 'OverridePage' });

export const MailList = z
  .object({
    items: z.array(
      z.object({
        owner: z.string(),
        eventKey: z.string(),
        to: z.string(),
        template: z.string(),
        status: z.enum(['sending', 'sent', 'failed']),
        attempts: z.number().int(),
        createdAt: instant,
        updatedAt: instant,
        messageId: z.string().optional(),
        error: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'MailList' });

export const AccountList = z.object({ items: z.array(AccountView) }).meta({ id: 'AccountList' });
export const PortalList = z.object({ items: z.array(PortalView) }).meta({ id: 'PortalList' });
export const KeyList = z.object({ items: z.array(KeyView) }).meta({ id: 'KeyList' });
export const Health = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });
