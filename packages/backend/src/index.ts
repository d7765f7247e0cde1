import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('./auth/demoUserProvider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(
  import(
    '@resource-profiles/backstage-plugin-catalog-backend-module-resource-profiles'
  ),
);

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./permissions/module'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.add(
  import('@resource-profiles/backstage-plugin-resource-profiles-backend'),
);

backend.start();
