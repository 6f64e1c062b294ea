/**
 * The eligibility outcomes that mail the unit: a pass needs no mail (报名成功 follows when the entry completes).
 * notifications.ts sends on them and the notify rule filters on them (infra/system.ts), so a pass does not even
 * invoke the function. A module of its own, so the system description does not load the mail templates.
 */
export const MAILED_ELIGIBILITY_OUTCOMES = ['failed', 'review'] as const;
