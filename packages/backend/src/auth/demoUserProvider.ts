import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { InputError, NotImplementedError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';

/** Header the demo sign-in page sends with the chosen demo user's name. */
export const DEMO_USER_HEADER = 'x-demo-user';

const demoAuthenticator = createProxyAuthenticator({
  defaultProfileTransform: async (result: { userName: string }) => ({
    profile: { displayName: result.userName },
  }),
  initialize: () => undefined,
  async authenticate({ req }) {
    const userName = req.header(DEMO_USER_HEADER);
    if (!userName || !/^[a-z0-9][a-z0-9._-]{0,62}$/i.test(userName)) {
      throw new InputError(`Missing or invalid ${DEMO_USER_HEADER} header`);
    }
    return { result: { userName } };
  },
});

/**
 * Demo sign-in as any User entity in the catalog, so a person can try the
 * approval workflow as requester and approvers in the local portal. Like the
 * guest provider it refuses to run outside development unless
 * `auth.providers.demo.dangerouslyAllowOutsideDevelopment` is set, and it only
 * exists when `auth.providers.demo` is configured.
 */
export default createBackendModule({
  pluginId: 'auth',
  moduleId: 'demo-user-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ providers, config }) {
        const demo = config.getOptionalConfig('auth.providers.demo');
        if (!demo) return;
        const allowed =
          process.env.NODE_ENV === 'development' ||
          demo.getOptionalBoolean('dangerouslyAllowOutsideDevelopment') === true;
        providers.registerProvider({
          providerId: 'demo',
          factory: createProxyAuthProviderFactory({
            authenticator: demoAuthenticator,
            async signInResolver({ result }, ctx) {
              if (!allowed) {
                throw new NotImplementedError(
                  'Demo sign-in is for local development only (auth.providers.demo.dangerouslyAllowOutsideDevelopment)',
                );
              }
              // Only users that exist in the catalog can be signed in as.
              return ctx.signInWithCatalogUser({
                entityRef: { kind: 'User', namespace: 'default', name: result.userName },
              });
            },
          }),
        });
      },
    });
  },
});
