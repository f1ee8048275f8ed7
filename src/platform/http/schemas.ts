import { Type, type TSchema, type TProperties } from 'typebox';

/** An object schema that refuses unknown properties (they are errors, not silently dropped). */
export const StrictObject = <T extends TProperties>(properties: T, description?: string) =>
  Type.Object(properties, { additionalProperties: false, ...(description ? { description } : {}) });

export const StringEnum = <const T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({
    type: 'string',
    enum: [...values],
    ...(description ? { description } : {}),
  });

export const Uuid = Type.String({ format: 'uuid', maxLength: 36 });
/** A timestamp in a response: a Date in code, ISO 8601 on the wire. */
export const DateTime = Type.Unsafe<Date>({ type: 'string', format: 'date-time' });
/** A timestamp in a request, as the ISO 8601 text the client sent. */
export const DateTimeInput = Type.String({ format: 'date-time', maxLength: 40 });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const IdParams = StrictObject({ id: Uuid });

export const FieldErrorSchema = Type.Object({
  path: Type.String(),
  code: Type.String(),
  message: Type.String(),
});

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      fields: Type.Array(FieldErrorSchema),
    }),
  },
  {
    $id: 'ErrorBody',
    description: 'Every error: a machine code, a message and per-field problems',
  },
);

export const ErrorRef = Type.Unsafe<{
  error: {
    code: string;
    message: string;
    fields: { path: string; code: string; message: string }[];
  };
}>(Type.Ref('ErrorBody'));

/** The error responses a route can give, for its response schema. */
export function errorResponses(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(statuses.map((status) => [status, ErrorRef]));
}

/** Errors every authenticated route can return. */
export const AUTHENTICATED_ERRORS = [400, 401, 403, 404, 429] as const;

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
};
