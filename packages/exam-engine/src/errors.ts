/**
 * Typed domain errors. Every error the engine raises is an EngineError with a stable `code`
 * that the HTTP edge maps once to a status and a message.
 */
export type EngineErrorCode =
  | 'invalid-item'
  | 'invalid-code'
  | 'invalid-response'
  | 'invalid-blueprint'
  | 'bank-shortage'
  | 'invalid-transition'
  | 'stale-sequence'
  | 'deadline-passed'
  | 'section-locked'
  | 'invalid-attempt'
  | 'invalid-event'
  | 'invalid-analysis-input'
  | 'invalid-code-set';

export class EngineError<D = unknown> extends Error {
  override readonly name = 'EngineError';
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    readonly details?: D,
  ) {
    super(message);
  }
}

/** True when `error` is an EngineError, optionally of one code. */
export function isEngineError(error: unknown, code?: EngineErrorCode): error is EngineError {
  return error instanceof EngineError && (code === undefined || error.code === code);
}
