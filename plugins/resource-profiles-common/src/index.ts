/**
 * Types, permissions, annotation keys and the API client shared by the
 * Resource Profiles frontend and backend.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './profile';
export * from './permissions';
export * from './client';
export * from './hasResourceProfile';
export * from './violations';
export * from './inventory';
export * from './accessRequests';
export * from './guardrails';
