import fastJson from 'fast-json-stringify';
import { serializerCompiler as checkedSerializer } from 'fastify-type-provider-zod';
import { z } from 'zod';

// Every answer is normally checked against its zod response schema before it is written: a
// route that returns a field it does not declare, or a wrong type, fails loudly instead of
// leaking it. On the busiest read (the roster page, twenty rows of eighteen fields) that check
// is a tenth of the request. Response schemas marked here are written by a serializer compiled
// from the same schema instead: still only the declared fields leave the server, but the
// values are not re-checked, so mark only answers built field by field from typed rows.

const written = new WeakSet<z.ZodType>();

/** Marks a response schema for the compiled serializer (see above); returns the schema. */
export function compiledResponse<T extends z.ZodType>(schema: T): T {
  written.add(schema);
  return schema;
}

export const serializerCompiler: typeof checkedSerializer = (route) => {
  const schema = route.schema;
  if (schema instanceof z.ZodType && written.has(schema)) {
    const write = fastJson(z.toJSONSchema(schema, { io: 'output' }) as Parameters<typeof fastJson>[0]);
    return (data: unknown) => write(data);
  }
  return checkedSerializer(route);
};
