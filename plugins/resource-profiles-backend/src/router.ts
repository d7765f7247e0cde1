import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult, BasicPermission } from '@backstage/plugin-permission-common';
import {
  resourceProfileReadPermission,
  resourceProfilesSyncPermission,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { ProfileService } from './profiles/ProfileService';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  profiles: ProfileService;
}

export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const { httpAuth, permissions, profiles } = options;
  const router = Router();
  router.use(express.json({ limit: '1mb' }));

  /** Authenticates the caller and checks one basic permission; returns the credentials. */
  async function authorize(req: Request, permission: BasicPermission) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
    return credentials;
  }

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/profiles/:kind/:namespace/:name', async (req, res) => {
    const credentials = await authorize(req, resourceProfileReadPermission);
    const entityRef = stringifyEntityRef({
      kind: req.params.kind,
      namespace: req.params.namespace,
      name: req.params.name,
    });
    const profile = await profiles.getProfile(entityRef, credentials);
    if (!profile) {
      throw new NotFoundError(`No resource profile for ${entityRef}`);
    }
    res.json(profile);
  });

  router.post('/sync', async (req, res) => {
    await authorize(req, resourceProfilesSyncPermission);
    res.json(await profiles.refreshAll());
  });

  return router;
}
