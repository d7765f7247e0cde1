import { AuthService } from '@backstage/backend-plugin-api';
import {
  CATALOG_FILTER_EXISTS,
} from '@backstage/catalog-client';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_ARN,
  ANNOTATION_ENVIRONMENT,
  ANNOTATION_IAM_PRINCIPALS,
  ANNOTATION_OWNER_UNRESOLVED,
  Environment,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { Human } from '@resource-profiles/backstage-plugin-resource-profiles-node';
import { parseEnvironment, parseList } from '../profiles/parseProfileValues';

/** The catalog entity that stands for a cloud ARN. */
export interface ArnLink {
  entityRef: string;
  owner?: string;
  environment?: Environment;
}

/** What the analysis needs from the catalog: entities per ARN, and people per IAM principal. */
export interface CatalogLinks {
  byArn: Map<string, ArnLink>;
  humans: Human[];
}

/** Reads entities carrying an ARN, and users mapped to IAM principals, with the plugin's own credentials. */
export async function readCatalogLinks(
  catalog: CatalogService,
  auth: AuthService,
): Promise<CatalogLinks> {
  const credentials = await auth.getOwnServiceCredentials();
  const byArn = new Map<string, ArnLink>();
  for await (const page of catalog.streamEntities(
    { filter: { [`metadata.annotations.${ANNOTATION_ARN}`]: CATALOG_FILTER_EXISTS } },
    { credentials },
  )) {
    for (const entity of page) {
      const arn = entity.metadata.annotations?.[ANNOTATION_ARN];
      if (!arn) continue;
      // The catalog module's placeholder owner is no owner at all.
      const unresolved =
        entity.metadata.annotations?.[ANNOTATION_OWNER_UNRESOLVED] === 'true';
      const owner =
        !unresolved && typeof entity.spec?.owner === 'string'
          ? stringifyEntityRef(
              parseEntityRef(entity.spec.owner, {
                defaultKind: 'group',
                defaultNamespace: entity.metadata.namespace,
              }),
            )
          : undefined;
      const environmentText = entity.metadata.annotations?.[ANNOTATION_ENVIRONMENT];
      const link: ArnLink = {
        entityRef: stringifyEntityRef(entity),
        owner,
        environment: environmentText ? parseEnvironment(environmentText) : undefined,
      };
      // A hand-written entity wins over one the catalog module generated.
      const existing = byArn.get(arn);
      const generated = entity.metadata.annotations?.['backstage.io/managed-by-location']?.startsWith('resource-profiles:');
      if (!existing || !generated) byArn.set(arn, link);
    }
  }

  const humans: Human[] = [];
  for await (const page of catalog.streamEntities(
    {
      filter: {
        kind: 'user',
        [`metadata.annotations.${ANNOTATION_IAM_PRINCIPALS}`]: CATALOG_FILTER_EXISTS,
      },
    },
    { credentials },
  )) {
    for (const user of page) {
      const principalArns = parseList(user.metadata.annotations?.[ANNOTATION_IAM_PRINCIPALS] ?? '');
      if (principalArns.length) humans.push({ id: stringifyEntityRef(user), principalArns });
    }
  }
  return { byArn, humans };
}
