import type { z } from 'zod';

/** One API method: its input schema and (as a type only) its output. */
export function method<I extends z.ZodType, O>(input: I) {
  return { input, output: undefined as unknown as O };
}
