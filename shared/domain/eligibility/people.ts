import type { ContactPerson } from '../registration-input.ts';
import type { EntryPeople } from './findings.ts';

/**
 * Who is the same person across entries. Advisors carry only a name and a phone, so an advisor and a contestant
 * are matched by both (names are NFC-normalised by validation, phones are plain 11 digits).
 */
export const personKey = (p: ContactPerson): string => `${p.name}\n${p.phone}`;

export const samePerson = (a: ContactPerson | undefined, b: ContactPerson | undefined): boolean =>
  a !== undefined && b !== undefined && personKey(a) === personKey(b);

/** Every person of an entry (advisor and contestants) as a match key, for the track's person index. */
export const peopleKeys = (entry: EntryPeople): string[] => [
  ...new Set([...(entry.advisor ? [entry.advisor] : []), ...entry.contestants].map(personKey)),
];

/** An entry whose advisor advises student contestants. */
export const advisesStudents = (entry: EntryPeople): boolean =>
  entry.advisor !== undefined && entry.contestants.some((c) => c.identity === 'student');
