/**
 * What the API shows. ID numbers and phones are always masked, and nothing that would unmask them (the birth
 * date) is shown: full values leave the system only in the secretariat's spreadsheets.
 */

import type { Unit } from '#shared/ports/stores.ts';
import { maskIdNumber, maskPhone } from './masking.ts';
import type { HistoryEntry, Registration } from './registration.ts';
import type { ContactPerson } from './registration-input.ts';

const maskContact = (p: ContactPerson): ContactPerson => ({ ...p, phone: maskPhone(p.phone) });

export function registrationView(r: Registration, history?: HistoryEntry[]) {
  return {
    ...r,
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
