/**
 * What the API shows. ID numbers and phones are always masked, and nothing that would unmask them (the birth
 * date) is shown: full values leave the system only in the secretariat's spreadsheets.
 */

import { renderFinding } from './eligibility/messages.ts';
import { maskIdNumber, maskPhone } from './masking.ts';
import type { Principal } from './principal.ts';
import type { HistoryEntry, Registration } from './registration.ts';
import type { ContactPerson } from './registration-input.ts';
import type { Unit } from './unit.ts';

const maskContact = (p: ContactPerson): ContactPerson => ({ ...p, phone: maskPhone(p.phone) });

export function registrationView(r: Registration, history?: HistoryEntry[]) {
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
export const registrationPageView = (page: { items: Registration[]; cursor?: string }) => ({
  items: page.items.map((r) => registrationView(r)),
  ...(page.cursor ? { cursor: page.cursor } : {}),
});

export const unitView = (u: Unit) => ({ ...u, contact: { ...u.contact, phone: maskPhone(u.contact.phone) } });

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
