/**
 * Types, permissions, annotation keys and the API client shared by the
 * Resource Profiles frontend and backend.
 *
 * @packageDocumentation
 */
export * from './annotations';
