/** Ports of the printed forms: the 附件4 document of an entry, and an archive of several files. */
import type { EntryFormPage } from '#shared/domain/entry-form.ts';

/** A page of the form as printed: the accepted photo's bytes (a JPEG) read, or the words for the empty box. */
export type PrintedEntryForm = Omit<EntryFormPage, 'photo'> & {
  photo: { jpeg: Uint8Array } | { missing: string };
};

export interface EntryFormWriter {
  /** One Word document holding the pages in order, each on a page of its own. */
  write(pages: readonly PrintedEntryForm[]): Promise<Uint8Array>;
}

export interface Archiver {
  /** One ZIP of the files, in order and under the given names. */
  zip(files: readonly { name: string; bytes: Uint8Array }[]): Promise<Uint8Array>;
}
