import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';

import { rootRouteRef } from './routes';

export const page = PageBlueprint.make({
  params: {
    path: '/resource-profiles',
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/TodoPage').then(m => (
        <m.TodoPage />
      )),
  },
});

export const resourceProfilesPlugin = createFrontendPlugin({
  pluginId: 'resource-profiles',
  extensions: [page],
  routes: {
    root: rootRouteRef,
  }
});
