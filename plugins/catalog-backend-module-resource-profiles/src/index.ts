/***/
/**
 * The resource-profiles backend module for the catalog plugin.
 *
 * @packageDocumentation
 */

export { catalogModuleResourceProfiles as default } from './module';
