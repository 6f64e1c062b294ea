/** Keyed hash of an ID number: equal numbers give equal hashes, and the number cannot be read back. */
export interface IdHasher {
  hash(idNumber: string): Promise<string>;
}
