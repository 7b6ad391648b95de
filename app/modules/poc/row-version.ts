/**
 * A row's version (optimistic locking of POC rows), as the staff and customer JSON APIs, the
 * customer forms, the staff cell edit and the AI review form take it. Client-safe.
 */
import { z } from "zod";

/** The largest row version: the columns are PostgreSQL `integer`s (int4), so nothing larger was ever read. */
const ROW_VERSION_MAX = 2_147_483_647;

/**
 * A row's version as the client read it (forms, the staff and customer JSON APIs): the one
 * definition, bounded so a huge number is a 400 rather than a database error.
 */
export const version = z
  .number({ error: (issue) => (issue.input === undefined ? "Required." : "Must be the row's version (a positive whole number) as you read it.") })
  .int("Must be a whole number.")
  .min(1, "Must be positive.")
  .max(ROW_VERSION_MAX, "That is not a version of this row: reload the page and try again.");
