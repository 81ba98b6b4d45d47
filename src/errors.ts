/** A bad action input. The message names the input and says what to do. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** A Reltio call that failed after its retries. */
export class ReltioError extends Error {
  override name = 'ReltioError'
  readonly status: number | undefined
  readonly endpoint: string
  readonly retryable: boolean

  constructor(
    message: string,
    details: { status?: number; endpoint: string; retryable?: boolean }
  ) {
    super(message)
    this.status = details.status
    this.endpoint = details.endpoint
    this.retryable = details.retryable ?? false
  }
}

/** An approval that cannot go ahead: wrong plan, approver or guard. */
export class ApprovalError extends Error {
  override name = 'ApprovalError'
}

/** Turns anything thrown into one readable line. */
export function getErrorMessage(error: unknown): string {
  if (error instanceof Error) return error.message
  if (typeof error === 'string') return error
  try {
    return JSON.stringify(error)
  } catch {
    return String(error)
  }
}
