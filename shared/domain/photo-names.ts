/**
 * File names of exported files, made safe for every common file system and unique within one archive: photos as
 * the notice asks (以"单位+姓名"格式命名), `单位+姓名.jpg`; the entry forms name theirs in entry-form.ts.
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
 * The names in the order given, each with the extension; a name already used (compared without case, as Windows
 * and macOS do) becomes `name (2).ext`, `(3)`, ... in order of appearance, so no file of an archive hides another.
 */
export function uniqueFileNames(bases: readonly string[], extension: string): string[] {
  const taken = new Set<string>();
  return bases.map((base) => {
    let candidate = `${base}${extension}`;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${base} (${n})${extension}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

/** Names for the photos in the order given: `单位+姓名.jpg`, unique within the archive. */
export function exportFileNames(people: readonly { unitName: string; name: string }[]): string[] {
  return uniqueFileNames(
    people.map(({ unitName, name }) => `${safeNamePart(unitName)}+${safeNamePart(name)}`),
    '.jpg',
  );
}
