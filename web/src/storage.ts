/**
 * What the browser keeps: the unit's key for this browser session only (sessionStorage), and the draft of a new
 * entry with its Idempotency-Key (localStorage), so a refresh loses nothing and a retry never makes two entries.
 */
import { type EntryForm, emptyForm } from './form-model.ts';

const KEY = 'bayu.accessKey';

export const session = {
  get: (): string | null => sessionStorage.getItem(KEY),
  set: (key: string) => sessionStorage.setItem(KEY, key),
  clear: () => sessionStorage.removeItem(KEY),
};

export interface Draft {
  form: EntryForm;
  /** Made once per draft; sent with every submission of it. */
  idempotencyKey: string;
  savedAt: string;
}

const draftKey = (unitId: string) => `bayu.draft.${unitId}`;

const newKey = () =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

export const drafts = {
  load(unitId: string): Draft {
    try {
      const raw = localStorage.getItem(draftKey(unitId));
      if (raw) {
        const draft = JSON.parse(raw) as Draft;
        if (draft && typeof draft.idempotencyKey === 'string' && draft.form) return draft;
      }
    } catch {
      // A damaged draft is dropped: a new one starts.
    }
    return { form: emptyForm(), idempotencyKey: newKey(), savedAt: new Date().toISOString() };
  },
  save(unitId: string, draft: Draft) {
    try {
      localStorage.setItem(draftKey(unitId), JSON.stringify({ ...draft, savedAt: new Date().toISOString() }));
    } catch {
      // Storage full or disabled: the form still works, only a refresh would lose it.
    }
  },
  clear(unitId: string) {
    localStorage.removeItem(draftKey(unitId));
  },
  /** A fresh key for the same form (after the server refused the old key for a different body). */
  rekey: (draft: Draft): Draft => ({ ...draft, idempotencyKey: newKey() }),
};
