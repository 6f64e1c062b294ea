/**
 * File names of exported photos: `单位+姓名.jpg`, as the notice asks (以"单位+姓名"格式命名), made safe for every
 * common file system and unique within one archive.
 */

/** Characters Windows, macOS or Linux refuse in a file name, and control characters. */
const UNSAFE = /[\\/:*?"<>|\p{Cc}]/gu;
/** Each part is cut to this many characters, so the name stays far below the 255-byte limit in UTF-8. */
const MAX_PART_CHARS = 60;

/** One part of a name: NFC, unsafe characters as `_`, spaces collapsed, no leading or trailing dot or space. */
export function safeNamePart(text: string): string {
  const cleaned = text
    .normalize('NFC')
    .replace(UNSAFE, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const cut = [...cleaned].slice(0, MAX_PART_CHARS).join('');
  return cut === '' ? '_' : cut;
}

/**
 * Names for the photos in the order given: `单位+姓名.jpg`, and for a name already used (compared without
 * case, as Windows and macOS do) `单位+姓名 (2).jpg`, `(3)`, ... in order of appearance.
 */
export function exportFileNames(people: readonly { unitName: string; name: string }[]): string[] {
  const taken = new Set<string>();
  return people.map(({ unitName, name }) => {
    const base = `${safeNamePart(unitName)}+${safeNamePart(name)}`;
    let candidate = `${base}.jpg`;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${base} (${n}).jpg`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}
