import {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_VIOLATION } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import {
  ConditionTransformer,
  createConditionTransformer,
} from '@backstage/plugin-permission-node';
import {
  ViolationFilter,
  violationPermissionResourceRef,
} from '@resource-profiles/backstage-plugin-resource-profiles-node';
import { Request } from 'express';
import { ViolationScope } from '../database/ViolationStore';

type ViolationPermission = ResourcePermission<typeof RESOURCE_TYPE_VIOLATION>;

/** Authenticates requests with Backstage auth and checks permissions; the body is never trusted for identity. */
export class Authorizer {
  private readonly toViolationFilter: ConditionTransformer<ViolationFilter>;

  constructor(
    private readonly httpAuth: HttpAuthService,
    private readonly permissions: PermissionsService,
    permissionsRegistry: PermissionsRegistryService,
  ) {
    this.toViolationFilter = createConditionTransformer(
      permissionsRegistry.getPermissionRuleset(violationPermissionResourceRef),
    );
  }

  async credentials(req: Request, allow: Array<'user' | 'service'> = ['user', 'service']) {
    return this.httpAuth.credentials(req, { allow });
  }

  /** A signed-in user's credentials; service callers get 401 here. */
  async userCredentials(req: Request): Promise<BackstageCredentials<BackstageUserPrincipal>> {
    return this.httpAuth.credentials(req, { allow: ['user'] });
  }

  /** Throws NotAllowedError (403) unless the basic permission is allowed. */
  async basic(
    req: Request,
    permission: BasicPermission,
    allow?: Array<'user' | 'service'>,
  ): Promise<BackstageCredentials> {
    const credentials = await this.credentials(req, allow);
    const [decision] = await this.permissions.authorize([{ permission }], { credentials });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
    return credentials;
  }

  /** The decision on a basic permission, without throwing. */
  async decide(req: Request, permission: BasicPermission): Promise<AuthorizeResult> {
    const credentials = await this.credentials(req);
    const [decision] = await this.permissions.authorize([{ permission }], { credentials });
    return decision.result;
  }

  /** The set of violations the caller may see or act on: all, a condition, or none (403). */
  async violationScope(
    req: Request,
    permission: ViolationPermission,
  ): Promise<{ credentials: BackstageCredentials; scope: ViolationScope }> {
    const credentials = await this.credentials(req);
    const [decision] = await this.permissions.authorizeConditional([{ permission }], {
      credentials,
    });
    if (decision.result === AuthorizeResult.DENY) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
    return {
      credentials,
      scope:
        decision.result === AuthorizeResult.CONDITIONAL
          ? this.toViolationFilter(decision.conditions)
          : undefined,
    };
  }

  /** Checks a violation permission against one violation. */
  async violation<TAllow extends 'user' | 'service'>(
    req: Request,
    permission: ViolationPermission,
    violationId: string,
    allow: TAllow[],
  ) {
    const credentials = await this.httpAuth.credentials(req, { allow });
    const [decision] = await this.permissions.authorize(
      [{ permission, resourceRef: violationId }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name} on ${violationId}`);
    }
    return credentials;
  }
}

