/** Every error a user can meet carries a stable code they can quote to an admin. */
export const ErrorCode = {
  DocumentTooLarge: 'DOCUMENT_TOO_LARGE',
  FileUnreadable: 'FILE_UNREADABLE',
  InvalidConfig: 'INVALID_CONFIG',
  NotADocument: 'NOT_A_DOCUMENT',
  StoreFailed: 'STORE_FAILED',
  UrlRefused: 'URL_REFUSED',
  FetchFailed: 'FETCH_FAILED',
  /** Fetch by symbol: what was given is no UN symbol. */
  NotASymbol: 'NOT_A_SYMBOL',
  /** Fetch by symbol: the document hosts know the symbol but have no file for it yet. */
  NotPublished: 'NOT_PUBLISHED',
  /** Fetch by symbol: the document hosts answered 404. */
  DocumentNotFound: 'DOCUMENT_NOT_FOUND',
  /** A host answered 429: too many requests, try again later. */
  RateLimited: 'RATE_LIMITED',
  Forbidden: 'FORBIDDEN',
  QuestionTooLong: 'QUESTION_TOO_LONG',
  FilterRefused: 'FILTER_REFUSED',
  Internal: 'INTERNAL',
  DeliveryFailed: 'DELIVERY_FAILED',
  RemindersUnavailable: 'REMINDERS_UNAVAILABLE',
  InstallRefused: 'INSTALL_REFUSED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
export const ERROR_CODES = Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]];

export class RapporteurError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RapporteurError';
    this.code = code;
  }
}

export function isRapporteurError(error: unknown): error is RapporteurError {
  return error instanceof RapporteurError;
}
