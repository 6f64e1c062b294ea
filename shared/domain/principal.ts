/** Who is calling. Tokens resolve to one of these. */
export type Principal = { role: 'secretariat' } | { role: 'unit'; unitId: string };

/** The actor recorded in histories and events. */
export const actorOf = (p: Principal): string => (p.role === 'unit' ? p.unitId : 'secretariat');
