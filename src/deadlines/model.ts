import { z } from 'zod';

/** A deadline as documents set it: what is due, when, and the words the date comes from. */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const DeadlineKind = z.enum(['corrections', 'follow-up-reply', 'next-periodic-report']);
export type DeadlineKind = z.infer<typeof DeadlineKind>;

export const Deadline = z.object({
  kind: DeadlineKind,
  due: isoDate,
  /** The words the date came from, quoted, and how it was counted. */
  basis: z.string(),
  /** True when the date is computed from a rule rather than printed. */
  derived: z.boolean(),
  /** The document the deadline belongs to. */
  symbol: z.string().nullable(),
  /** When what was due arrived, if the document says. */
  met: isoDate.nullable(),
  /** Days after the due date it arrived; negative when early. */
  daysLate: z.number().int().nullable(),
});
export type Deadline = z.infer<typeof Deadline>;
