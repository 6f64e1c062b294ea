import * as z from 'zod';

/** An EventBridge event pattern (also the grammar of Lambda event-source filters). */
export type EventPattern = { [key: string]: EventPattern | ReadonlyArray<unknown> };

export const EVENT_SOURCE = 'bayu.registration';

export const EventMetadata = z.strictObject({
  id: z.string().min(1),
  /**
   * Version of the event's contract. A consumer reads a higher version than it knows by the fields it knows, so a
   * new version may add fields; one that changes a field keeps the old shape beside the new (RegistrationExpired).
   */
  version: z.number().int().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
  correlationId: z.string().min(1),
});
export type EventMetadata = z.infer<typeof EventMetadata>;

type DetailSchema<TData extends z.ZodType> = z.ZodObject<{ metadata: typeof EventMetadata; data: TData }>;

export interface EventContract<TType extends string, TData extends z.ZodType> {
  source: typeof EVENT_SOURCE;
  detailType: TType;
  version: number;
  /**
   * What a consumer parses an event's `detail` (`{ metadata, data }`) with: fields it does not know, at any depth,
   * are dropped, so an event from a newer producer, or one replayed from the archive, still reads.
   */
  detailSchema: DetailSchema<TData>;
  /** What a producer's event must be exactly: no field the contract does not name leaves the system. */
  producerSchema: DetailSchema<TData>;
  /** The rule pattern that infra and the local bus both use to route this event. */
  pattern: EventPattern;
}

export type DetailOf<C> =
  C extends EventContract<string, infer D> ? { metadata: EventMetadata; data: z.infer<D> } : never;

/**
 * The schema with every object, at any depth, stripping unknown keys instead of refusing them. Contracts are
 * written strict (the producer's side) and this derives the consumer's side, so the two cannot drift apart.
 * It walks the containers contracts use; test/unit/event-fixtures.test.ts adds an unknown key to every object
 * of every contract's fixture, so a container it missed fails there.
 */
function lenient<T extends z.ZodType>(schema: T): T {
  const def = schema.def as z.core.$ZodTypeDef & Record<string, unknown>;
  switch (def.type) {
    case 'object': {
      const shape = Object.fromEntries(
        Object.entries(def.shape as z.ZodRawShape).map(([key, field]) => [key, lenient(field as z.ZodType)]),
      );
      // Without a catchall an object strips the keys its shape does not name (zod's z.object default).
      return schema.clone({ ...def, shape, catchall: undefined } as T['def']);
    }
    case 'array':
      return schema.clone({ ...def, element: lenient(def.element as z.ZodType) } as T['def']);
    case 'union':
      return schema.clone({ ...def, options: (def.options as z.ZodType[]).map(lenient) } as T['def']);
    case 'optional':
    case 'nullable':
    case 'default':
      return schema.clone({ ...def, innerType: lenient(def.innerType as z.ZodType) } as T['def']);
    default:
      return schema;
  }
}

export function defineEvent<TType extends string, TData extends z.ZodType>(
  detailType: TType,
  version: number,
  data: TData,
): EventContract<TType, TData> {
  const producerSchema = z.strictObject({ metadata: EventMetadata, data });
  return {
    source: EVENT_SOURCE,
    detailType,
    version,
    detailSchema: lenient(producerSchema),
    producerSchema,
    pattern: { source: [EVENT_SOURCE], 'detail-type': [detailType] },
  };
}

/** Builds an event's envelope fields and detail, validated against its contract so no malformed event leaves. */
export function buildEvent<TType extends string, TData extends z.ZodType>(
  contract: EventContract<TType, TData>,
  data: z.input<TData>,
  metadata: Omit<EventMetadata, 'version'>,
): { source: string; detailType: TType; detail: { metadata: EventMetadata; data: z.output<TData> } } {
  const detail = contract.producerSchema.parse({
    metadata: { ...metadata, version: contract.version },
    data,
  });
  return { source: contract.source, detailType: contract.detailType, detail: detail as never };
}
