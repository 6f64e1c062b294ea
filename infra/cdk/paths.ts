import { fileURLToPath } from 'node:url';

/** The repository root: `entry` paths in the system description are relative to it. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
