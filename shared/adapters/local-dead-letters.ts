/**
 * The local runtime's dead letters (its bus, stream pollers and scheduler keep them in memory and list them at
 * `GET /local/dead-letters`), counted as the deployment's queues are.
 */
import type { DeadLetterCount, DeadLetters } from '#shared/ports/dead-letters.ts';

export class LocalDeadLetters implements DeadLetters {
  constructor(private readonly url: string) {}

  async waiting(): Promise<DeadLetterCount[]> {
    const response = await fetch(this.url);
    if (!response.ok) throw new Error(`local dead letters: ${response.status}`);
    const lists = (await response.json()) as Record<string, unknown[]>;
    return Object.entries(lists).map(([queue, letters]) => ({ queue, messages: letters.length }));
  }
}
