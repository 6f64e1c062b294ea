/**
 * The dead-letter queues of the deployment, counted by SQS. The CDK app names them in DEAD_LETTER_QUEUES (a JSON
 * list of `{ queue, url }`) and grants `sqs:GetQueueAttributes` on them, nothing else: messages are not read here.
 */
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DeadLetterCount, DeadLetters } from '#shared/ports/dead-letters.ts';

export class SqsDeadLetters implements DeadLetters {
  constructor(
    private readonly client: SQSClient,
    private readonly queues: readonly { queue: string; url: string }[],
  ) {}

  waiting(): Promise<DeadLetterCount[]> {
    return Promise.all(
      this.queues.map(async ({ queue, url }) => {
        const { Attributes } = await this.client.send(
          new GetQueueAttributesCommand({
            QueueUrl: url,
            // In flight counts too: a message someone is looking at is still undelivered.
            AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
          }),
        );
        const messages =
          Number(Attributes?.ApproximateNumberOfMessages ?? 0) +
          Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
        return { queue, messages };
      }),
    );
  }
}
