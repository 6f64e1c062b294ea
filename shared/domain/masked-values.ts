/**
 * An amendment may send back the masked ID numbers and phones exactly as the API showed them (`views.ts`): each
 * stands for the stored value it masks, so a unit correcting an address need not retype numbers it was never
 * shown whole. A masked ID number stands for the stored contestant's number that masks to it (contestants may be
 * reordered); that contestant's masked phone, and the leader's and advisor's, for the stored phone they mask.
 * Nothing else changes: a masked value that masks no stored value is validated as sent, and refused as invalid.
 * No value is revealed: the caller may already change this entry, and gets back only its own masks.
 */
import { maskIdNumber, maskPhone } from './masking.ts';
import type { Registration } from './registration.ts';
import type { ContactPerson } from './registration-input.ts';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The stored value `sent` masks, or `sent` itself when it is not a mask of it. */
function unmasked(sent: unknown, stored: string | undefined, mask: (value: string) => string): unknown {
  return typeof sent === 'string' && sent.includes('*') && stored !== undefined && sent === mask(stored)
    ? stored
    : sent;
}

function withPhoneOf(person: unknown, stored: ContactPerson | undefined): unknown {
  return isRecord(person) ? { ...person, phone: unmasked(person.phone, stored?.phone, maskPhone) } : person;
}

/** The amendment's body with every masked value of `existing` replaced by the value it masks. */
export function unmaskAmendment(existing: Registration, body: unknown): unknown {
  if (!isRecord(body)) return body;
  const contestants = Array.isArray(body.contestants)
    ? body.contestants.map((sent) => {
        if (!isRecord(sent)) return sent;
        const stored = existing.contestants.find(
          (c) => c.idNumber === sent.idNumber || maskIdNumber(c.idNumber) === sent.idNumber,
        );
        return {
          ...sent,
          idNumber: unmasked(sent.idNumber, stored?.idNumber, maskIdNumber),
          phone: unmasked(sent.phone, stored?.phone, maskPhone),
        };
      })
    : body.contestants;
  return {
    ...body,
    ...('leader' in body ? { leader: withPhoneOf(body.leader, existing.leader) } : {}),
    ...('advisor' in body ? { advisor: withPhoneOf(body.advisor, existing.advisor) } : {}),
    ...('contestants' in body ? { contestants } : {}),
  };
}
