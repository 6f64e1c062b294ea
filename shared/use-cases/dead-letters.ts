/**
 * What failed for good and waits for an operator: the secretariat's overview shows it beside the reviews, so a
 * registration change no consumer processed (a mail not sent, an eligibility not judged) is not missed.
 */
import type { Principal } from '#shared/domain/principal.ts';
import type { DeadLetterCount, DeadLetters } from '#shared/ports/dead-letters.ts';
import { requireSecretariat } from './authenticate.ts';

export async function waitingDeadLetters(
  deadLetters: DeadLetters,
  principal: Principal,
): Promise<{ total: number; queues: DeadLetterCount[] }> {
  requireSecretariat(principal);
  const queues = (await deadLetters.waiting()).filter((q) => q.messages > 0);
  return { total: queues.reduce((n, q) => n + q.messages, 0), queues };
}
