/** A problem with how the scan was invoked or with its inputs: exit code 2. */
export class UsageError extends Error {}
