import * as z from 'zod';

/** An EventBridge event pattern (also the grammar of Lambda event-source filters). */
export type EventPattern = { [key: string]: EventPattern | ReadonlyArray<unknown> };

export const EVENT_SOURCE = 'bayu.registration';

export const EventMetadata = z.strictObject({
  id: z.string().min(1),
  /** Version of the event's contract. */
  version: z.number().int().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
  correlationId: z.string().min(1),
});
export type EventMetadata = z.infer<typeof EventMetadata>;

export interface EventContract<TType extends string, TData extends z.ZodType> {
  source: typeof EVENT_SOURCE;
  detailType: TType;
  version: number;
  /** Schema of the event's `detail`: `{ metadata, data }`. */
  detailSchema: z.ZodObject<{ metadata: typeof EventMetadata; data: TData }>;
  /** The rule pattern that infra and the local bus both use to route this event. */
  pattern: EventPattern;
}

export type DetailOf<C> =
  C extends EventContract<string, infer D> ? { metadata: EventMetadata; data: z.infer<D> } : never;

export function defineEvent<TType extends string, TData extends z.ZodType>(
  detailType: TType,
  version: number,
  data: TData,
): EventContract<TType, TData> {
  return {
    source: EVENT_SOURCE,
    detailType,
    version,
    detailSchema: z.strictObject({ metadata: EventMetadata, data }),
    pattern: { source: [EVENT_SOURCE], 'detail-type': [detailType] },
  };
}

/** Builds an event's envelope fields and detail, validated against its contract so no malformed event leaves. */
export function buildEvent<TType extends string, TData extends z.ZodType>(
  contract: EventContract<TType, TData>,
  data: z.input<TData>,
  metadata: Omit<EventMetadata, 'version'>,
): { source: string; detailType: TType; detail: { metadata: EventMetadata; data: z.output<TData> } } {
  const detail = contract.detailSchema.parse({ metadata: { ...metadata, version: contract.version }, data });
  return { source: contract.source, detailType: contract.detailType, detail: detail as never };
}
