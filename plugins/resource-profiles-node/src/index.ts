/**
 * The Resource Profiles analysis engine: parsers, the normalized cloud model, IAM evaluation,
 * role mappings and findings. Pure TypeScript; the Backstage backend, the CLI and the tests share it.
 *
 * @packageDocumentation
 */
export * from './engine';
export * from './permissions';
export * from './actuators';
