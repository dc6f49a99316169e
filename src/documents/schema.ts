import { z } from 'zod';
import { CommitteeCode } from '../domain/committees.js';
import { Deadline } from '../deadlines/model.js';
import { Language } from './language.js';

/** The shapes `rapporteur parse --json` prints (../shared/CONTRACT.md) and the store keeps. */

export const DocumentKind = z.enum([
  'summary-record',
  'concluding-observations',
  'follow-up-evaluation',
  'follow-up-reply',
  'list-of-issues',
  'unknown',
]);
export type DocumentKind = z.infer<typeof DocumentKind>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const clock = z.string().regex(/^\d{2}:\d{2}$/);
/** First and last line of the file a piece of text came from, 1-based. */
const lineSpan = z.tuple([z.number().int().positive(), z.number().int().positive()]);

export const SubParagraph = z.object({
  label: z.string(),
  text: z.string(),
});
export type SubParagraph = z.infer<typeof SubParagraph>;

export const Paragraph = z.object({
  number: z.number().int().nonnegative().nullable(),
  speaker: z.string().nullable(),
  /** The paragraph as printed, page furniture and mark-up removed: what a user may quote. */
  text: z.string(),
  lines: lineSpan,
  subparagraphs: z.array(SubParagraph).optional(),
});
export type Paragraph = z.infer<typeof Paragraph>;

export const Intervention = z.object({
  speaker: z.string(),
  role: z.string().nullable(),
  /** What the opening says after the name: "speaking via video link", "noting that ...". */
  phrase: z.string().nullable(),
  paragraphs: z.array(z.number().int().positive()),
});
export type Intervention = z.infer<typeof Intervention>;

export const Assessment = z.enum([
  'implemented',
  'partially implemented',
  'not implemented',
  'no information',
  'contrary to the recommendation',
]);
export type Assessment = z.infer<typeof Assessment>;

export const GradedGroup = z.object({
  paragraph: z.number().int().positive(),
  subparagraphs: z.array(z.string()),
  /** The letter exactly as the committee printed it; null when the committee assesses in words only (CAT). */
  grade: z.string().nullable(),
  /** What the group's text says of it; null when it says none of the known things. */
  assessment: Assessment.nullable(),
  /** Every assessment the text states, in order; more than one is a disagreement. */
  stated: z.array(Assessment),
  /** What the committee asks for next, in its words ("further information", "in its next periodic report"). */
  requests: z.array(z.string()),
  text: z.string(),
  lines: lineSpan,
  /** Where the grade was read: a section's graded group, the evaluation line alone, or words without a letter. */
  source: z.enum(['section', 'evaluation-line', 'words']).optional(),
  /** The State party graded, in a report that covers several. */
  country: z.string().length(3).optional(),
});
export type GradedGroup = z.infer<typeof GradedGroup>;

export const ParagraphRef = z.object({
  paragraph: z.number().int().positive(),
  /** Empty when the whole paragraph is meant. */
  subparagraphs: z.array(z.string()),
});
export type ParagraphRef = z.infer<typeof ParagraphRef>;

export const Heading = z.object({ text: z.string(), lines: lineSpan });
export const RecordedTime = z.object({
  event: z.enum(['called-to-order', 'suspended', 'resumed', 'rose', 'discussion-began', 'discussion-ended', 'closed']),
  time: clock,
  text: z.string(),
  lines: lineSpan,
});
export type RecordedTime = z.infer<typeof RecordedTime>;
export const Footnote = z.object({ mark: z.string(), text: z.string(), lines: lineSpan });

export const AgendaItem = z.object({
  title: z.string(),
  continued: z.boolean(),
  symbols: z.array(z.string()),
});
export type AgendaItem = z.infer<typeof AgendaItem>;

export const Chair = z.object({
  name: z.string(),
  /** "Vice-Chair" when the record says so. */
  role: z.string().nullable(),
  /** Took the chair later in the meeting. */
  later: z.boolean(),
});

export const MeetingDetails = z.object({
  /** "partial", "public", "closed", when the title says. */
  part: z.string().nullable(),
  place: z.string().nullable(),
  time: clock.nullable(),
  chairs: z.array(Chair),
  agenda: z.array(AgendaItem),
  times: z.array(RecordedTime),
});

export const ObservationsDetails = z.object({
  adoption: z.object({ meeting: z.number().int().nullable(), date: isoDate.nullable() }),
  recommendations: z.array(
    z.object({ paragraph: z.number().int(), subject: z.string().nullable(), subparagraphs: z.array(z.string()) }),
  ),
  followUpRequest: z
    .object({
      /** "within two years of the adoption of the present concluding observations", or "by 1 May 2039". */
      period: z.string(),
      paragraph: z.number().int().nullable(),
      refs: z.array(ParagraphRef),
    })
    .nullable(),
  nextReport: z.object({ description: z.string().nullable(), due: isoDate.nullable(), paragraph: z.number().int().nullable() }).nullable(),
});

export const Received = z.object({
  /** The submitter when named (stakeholders); null for the State party. */
  name: z.string().nullable(),
  symbol: z.string().nullable(),
  date: isoDate.nullable(),
});
export type Received = z.infer<typeof Received>;

export const EvaluationSection = z.object({
  paragraph: z.number().int().positive(),
  subject: z.string().nullable(),
  recommendation: z.string(),
  subparagraphs: z.array(SubParagraph),
  reply: z.string().nullable(),
  lines: lineSpan,
});
export type EvaluationSection = z.infer<typeof EvaluationSection>;

/** One letter of the grade legend a report prints: the meaning of the letter, never a grade. */
export const LegendEntry = z.object({
  letter: z.string(),
  /** The words printed with the letter: "Reply/action partially satisfactory: ...". */
  label: z.string(),
  meaning: Assessment.nullable(),
});
export type LegendEntry = z.infer<typeof LegendEntry>;

export const EvaluationDetails = z.object({
  evaluated: z.object({ symbol: z.string().nullable(), session: z.number().int().nullable(), date: isoDate.nullable() }),
  fromStateParty: z.array(Received),
  fromStakeholders: z.array(Received),
  summaryLine: z.array(z.object({ paragraph: z.number().int(), grades: z.array(z.string()) })),
  sections: z.array(EvaluationSection),
  legend: z.array(LegendEntry).optional(),
});

export const ParsedDocument = z.object({
  kind: DocumentKind,
  symbol: z.string().nullable(),
  /** True when the symbol was not printed but worked out (committee and meeting). */
  symbolDerived: z.boolean(),
  title: z.string().nullable(),
  /** The language the document is written in; null when too little of it is prose to tell. */
  language: Language.nullable(),
  committee: CommitteeCode.nullable(),
  country: z.string().length(3).nullable(),
  session: z.number().int().positive().nullable(),
  meeting: z.number().int().positive().nullable(),
  issued: isoDate.nullable(),
  held: isoDate.nullable(),
  chair: z.string().nullable(),
  paragraphs: z.array(Paragraph),
  interventions: z.array(Intervention),
  followUp: z.object({
    paragraphs: z.array(z.number().int().positive()),
    evaluations: z.array(GradedGroup),
  }),
  deadlines: z.array(Deadline),
  warnings: z.array(z.string()),
  headings: z.array(Heading),
  footnotes: z.array(Footnote),
  meetingDetails: MeetingDetails.nullable(),
  observations: ObservationsDetails.nullable(),
  evaluation: EvaluationDetails.nullable(),
});
export type ParsedDocument = z.infer<typeof ParsedDocument>;
export type MeetingDetails = z.infer<typeof MeetingDetails>;
export type ObservationsDetails = z.infer<typeof ObservationsDetails>;
export type EvaluationDetails = z.infer<typeof EvaluationDetails>;
export type Heading = z.infer<typeof Heading>;
export type Footnote = z.infer<typeof Footnote>;
