import type { ContactPerson } from '../registration-input.ts';

/** The people of an entry as the matching sees them: names and phones. */
interface People {
  advisor?: ContactPerson | undefined;
  contestants: readonly ContactPerson[];
}

/**
 * Who is the same person across entries. Advisors carry only a name and a phone, so an advisor and a contestant
 * are matched by both (names are NFKC-normalised by validation, which refuses look-alike radicals and
 * full-width letters; phones are plain 11 digits).
 */
export const personKey = (p: ContactPerson): string => `${p.name}\n${p.phone}`;

export const samePerson = (a: ContactPerson | undefined, b: ContactPerson | undefined): boolean =>
  a !== undefined && b !== undefined && personKey(a) === personKey(b);

/** Every person of an entry (advisor and contestants) as a match key, for the track's person index. */
export const peopleKeys = (entry: People): string[] => [
  ...new Set([...(entry.advisor ? [entry.advisor] : []), ...entry.contestants].map(personKey)),
];

/** Whether two versions of an entry name the same people, as far as matching across entries goes. */
export const samePeople = (a: People, b: People): boolean => {
  const [before, after] = [new Set(peopleKeys(a)), peopleKeys(b)];
  return before.size === after.length && after.every((k) => before.has(k));
};

/** An entry whose advisor advises student contestants. */
export const advisesStudents = (entry: {
  advisor?: ContactPerson;
  contestants: readonly { identity: string }[];
}) => entry.advisor !== undefined && entry.contestants.some((c) => c.identity === 'student');
