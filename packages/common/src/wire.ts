import { z } from "zod";

/**
 * What JSON makes of a service's result: the shape a client receives. Response schemas are
 * written for this shape, and tests prove `Wire<ServiceResult>` equals the schema's type, so a
 * service that changes what it returns cannot leave the API document behind.
 */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/** A timestamp as JSON carries it (`Date.prototype.toJSON`: ISO 8601, UTC). */
export const timestamp = () => z.iso.datetime();

/** One page of a cursor-paginated list, as a named component of the API document. */
export function pageSchema<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      items: z.array(item),
      nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last." }),
    })
    .meta({ id });
}
