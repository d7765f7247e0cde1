/** The HTTP status of a failed API call, if the error came from a response. */
export function responseStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { statusCode, response } = error as {
    statusCode?: unknown;
    response?: { status?: unknown };
  };
  if (typeof statusCode === 'number') return statusCode;
  return typeof response?.status === 'number' ? response.status : undefined;
}

/**
 * The message to show for a failed API call: the server's own message for a
 * ResponseError (its `message` is only "Request failed with 400 …").
 */
export function errorMessage(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const { name, cause, message } = error as {
    name?: string;
    cause?: { message?: unknown };
    message?: unknown;
  };
  if (name === 'ResponseError' && typeof cause?.message === 'string') {
    return cause.message;
  }
  return typeof message === 'string' ? message : String(error);
}
