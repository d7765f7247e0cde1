import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { EnrichmentStore } from './EnrichmentStore';
import { ResourceProfilesEnrichmentProcessor } from './ResourceProfilesEnrichmentProcessor';
import { ResourceProfilesEntityProvider } from './ResourceProfilesEntityProvider';

/**
 * Cloud resources and IAM principals from the resource-profiles backend as
 * catalog `Resource` entities, and the enrichment of hand-written entities
 * that name the same ARNs.
 *
 * @public
 */
export const catalogModuleResourceProfiles = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'resource-profiles',
  register(reg) {
    reg.registerInit({
      deps: {
        catalogProcessing: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
        cache: coreServices.cache,
        catalog: catalogServiceRef,
      },
      async init({
        catalogProcessing,
        config,
        logger,
        discovery,
        auth,
        scheduler,
        cache,
        catalog,
      }) {
        const store = new EnrichmentStore({ cache });
        catalogProcessing.addEntityProvider(
          ResourceProfilesEntityProvider.fromConfig(config, {
            logger,
            discovery,
            auth,
            scheduler,
            catalog,
            store,
          }),
        );
        catalogProcessing.addProcessor(
          new ResourceProfilesEnrichmentProcessor({ store }),
        );
      },
    });
  },
});
