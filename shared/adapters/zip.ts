/**
 * ZIP archives through yazl, for every archive the system makes: the photos of a track (streamed from the bucket
 * into the bucket) and a unit's entry forms (made in memory, answered whole).
 */
import type { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import type { Archiver } from '#shared/ports/documents.ts';

/** An entry's bytes, or a stream yazl opens only when it reaches the entry (so one is read at a time). */
type ZipEntry = { name: string } & ({ bytes: Uint8Array } | { open: () => Promise<Readable> });

/**
 * The archive's output stream, and a promise that rejects when an entry fails (yazl reports it on the file, not
 * on its output). Entries are stored, not deflated: JPEGs and Word documents are compressed already, and a
 * stored entry costs no CPU.
 */
export function zipOf(entries: readonly ZipEntry[]): { output: Readable; failed: Promise<never> } {
  const zip = new ZipFile();
  const failed = new Promise<never>((_, reject) => zip.on('error', reject));
  for (const entry of entries) {
    if ('bytes' in entry) {
      zip.addBuffer(Buffer.from(entry.bytes), entry.name, { compress: false });
    } else {
      zip.addReadStreamLazy(entry.name, { compress: false }, (done) => {
        entry.open().then(
          (stream) => done(null, stream),
          (error: unknown) => done(error, undefined as never),
        );
      });
    }
  }
  zip.end();
  return { output: zip.outputStream as Readable, failed };
}

/** Archives made whole in memory: a unit's forms are a few megabytes at most (entry-forms.ts). */
export const memoryArchiver: Archiver = {
  async zip(files) {
    const { output, failed } = zipOf(files);
    const chunks: Buffer[] = [];
    const collected = (async () => {
      for await (const chunk of output) chunks.push(chunk as Buffer);
    })();
    await Promise.race([collected, failed]);
    return Buffer.concat(chunks);
  },
};
