/**
 * A client that submits as real ones do under load: the same Idempotency-Key on every attempt, and a retry
 * after the time Retry-After names on 429 and 503 (or a growing backoff when the connection itself fails).
 * Shared by the fault-injection tests and the deadline burst bench.
 */

export interface Answer {
  status: number;
  code?: string;
  retryAfter?: string;
}

export interface Outcome {
  /** The last answer's status; 0 when no attempt got an answer. */
  status: number;
  code?: string;
  registrationId?: string;
  /** Every answer, in order, retries included. */
  answers: Answer[];
  /** From the first attempt to the last answer. */
  latencyMs: number;
}

export interface RetryPolicy {
  maxAttempts: number;
  /** Retry-After is in seconds; a test of a short outage may scale it down. */
  retryAfterScale?: number;
  /** The wait after an attempt that got no answer (1-based attempt number). */
  backoffMs?: (attempt: number) => number;
}

const RETRIED = new Set([429, 503]);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function submitWithRetries(
  baseUrl: string,
  request: { token: string; body: unknown; idempotencyKey: string },
  policy: RetryPolicy,
): Promise<Outcome> {
  const started = performance.now();
  const answers: Answer[] = [];
  const backoff = policy.backoffMs ?? ((attempt: number) => Math.min(4000, 100 * 2 ** attempt));
  for (let attempt = 1; ; attempt++) {
    let waitMs: number;
    try {
      const response = await fetch(`${baseUrl}/v1/competitions/bayu-2023/registrations`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${request.token}`,
          'content-type': 'application/json',
          'idempotency-key': request.idempotencyKey,
        },
        body: JSON.stringify(request.body),
      });
      const body = (await response.json()) as { code?: string; registrationId?: string };
      const retryAfter = response.headers.get('retry-after') ?? undefined;
      answers.push({
        status: response.status,
        ...(body.code ? { code: body.code } : {}),
        ...(retryAfter ? { retryAfter } : {}),
      });
      if (!RETRIED.has(response.status) || attempt >= policy.maxAttempts) {
        return {
          status: response.status,
          ...(body.code ? { code: body.code } : {}),
          ...(response.status === 201 && body.registrationId ? { registrationId: body.registrationId } : {}),
          answers,
          latencyMs: performance.now() - started,
        };
      }
      waitMs = Number(retryAfter ?? 1) * 1000 * (policy.retryAfterScale ?? 1);
    } catch {
      if (attempt >= policy.maxAttempts)
        return { status: 0, answers, latencyMs: performance.now() - started };
      waitMs = backoff(attempt);
    }
    // Jitter, so clients refused together do not all come back in the same instant.
    await sleep(waitMs * (0.75 + Math.random() * 0.5));
  }
}
