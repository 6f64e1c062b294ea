/** Keyed hash of an ID number: equal numbers give equal hashes, and the number cannot be read back. */
export interface IdHasher {
  hash(idNumber: string): Promise<string>;
}

/**
 * Seals page cursors: a cursor handed out for one listing and caller (its `scope`) opens only for that same
 * listing and caller, and any change to it is detected.
 */
export interface CursorSeal {
  seal(cursor: string, scope: string): Promise<string>;
  /** The cursor a sealed one carries; AppError MALFORMED_REQUEST when it was altered or sealed for another scope. */
  open(sealed: string, scope: string): Promise<string>;
}
