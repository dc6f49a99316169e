import type { CommitteeCode } from '../domain/committees.js';
import type { Deadline } from '../deadlines/model.js';
import type { Language } from '../documents/language.js';
import type { DocumentKind, EvaluationDetails, Footnote, Heading, MeetingDetails, ObservationsDetails } from '../documents/schema.js';

/** What the store gives back: plain, typed, JSON already read. */

export interface DocumentDetails {
  title: string | null;
  meeting: MeetingDetails | null;
  observations: ObservationsDetails | null;
  evaluation: EvaluationDetails | null;
  headings: Heading[];
  footnotes: Footnote[];
  /** Follow-up paragraphs named by the document. */
  followUpParagraphs: number[];
}

export interface StoredDocument {
  id: number;
  key: string;
  symbol: string | null;
  kind: DocumentKind;
  committee: CommitteeCode | null;
  country: string | null;
  session: number | null;
  meeting: number | null;
  issued: string | null;
  held: string | null;
  title: string | null;
  chair: string | null;
  language: Language | null;
  source: string;
  version: number;
  ingestedAt: string;
  details: DocumentDetails;
  warnings: string[];
}

export interface StoredParagraph {
  documentId: number;
  position: number;
  number: number | null;
  speaker: string | null;
  text: string;
  lines: [number, number];
}

export interface StoredIntervention {
  documentId: number;
  position: number;
  speaker: string;
  speakerKey: string;
  role: string | null;
  phrase: string | null;
  paragraphs: number[];
}

export interface StoredGrade {
  documentId: number;
  committee: string | null;
  country: string | null;
  coSymbol: string | null;
  position: number;
  paragraph: number;
  subparagraphs: string[];
  /** Null when the committee assessed in words with no letter. */
  grade: string | null;
  assessment: string | null;
  stated: string[];
  requests: string[];
  text: string;
  lines: [number, number];
  /** 'section', 'evaluation-line' (a letter with no assessment text), 'words'; null for older rows. */
  source: string | null;
}

/** A grade legend as a report printed it. */
export interface StoredLegend {
  /** The report's symbol, or its key when it has none. */
  source: string;
  issued: string | null;
  entries: Array<{ letter: string; label: string; meaning: string | null }>;
}

export interface StoredDeadline {
  id: number;
  key: string | null;
  documentId: number | null;
  symbol: string | null;
  committee: string | null;
  country: string | null;
  kind: Deadline['kind'] | 'custom';
  title: string;
  due: string;
  basis: string;
  derived: boolean;
  met: string | null;
  daysLate: number | null;
  source: 'document' | 'person';
  createdBy: string | null;
  createdAt: string;
}

export interface SearchHit {
  paragraph: StoredParagraph;
  document: Pick<StoredDocument, 'id' | 'key' | 'symbol' | 'kind' | 'committee' | 'country' | 'meeting' | 'held' | 'issued'>;
  rank: number;
}

export interface DocumentSummary {
  id: number;
  key: string;
  symbol: string | null;
  kind: DocumentKind;
  committee: string | null;
  country: string | null;
  session: number | null;
  meeting: number | null;
  issued: string | null;
  held: string | null;
  title: string | null;
  version: number;
}
