import { deflateRawSync, inflateRawSync } from 'node:zlib';

/** JSON stored deflated, as base64 text (a string the table's stream hands on unchanged): far fewer write units. */
export const deflateJson = (value: unknown): string =>
  deflateRawSync(JSON.stringify(value)).toString('base64');

export const inflateJson = (deflated: string): unknown =>
  JSON.parse(inflateRawSync(Buffer.from(deflated, 'base64')).toString());
