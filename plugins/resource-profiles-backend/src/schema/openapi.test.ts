import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import express from 'express';
import { readFileSync } from 'fs';
import { resolve } from 'path';
import { parse } from 'yaml';
import { resourceProfilesPlugin } from '../plugin';

/** Lists "METHOD /path" for every route an express router serves, nested routers included. */
function routesOf(stack: any[], prefix = ''): string[] {
  return stack.flatMap(layer => {
    if (layer.route) {
      return Object.keys(layer.route.methods).map(
        method => `${method.toUpperCase()} ${prefix}${layer.route.path}`,
      );
    }
    return layer.handle?.stack ? routesOf(layer.handle.stack, prefix) : [];
  });
}

describe('openapi.yaml', () => {
  it('documents every route the plugin serves, and nothing else', async () => {
    const spec = parse(readFileSync(resolve(__dirname, 'openapi.yaml'), 'utf8'));
    const documented = Object.entries(spec.paths as Record<string, object>).flatMap(([path, ops]) =>
      Object.keys(ops).map(method => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );

    let served: string[] = [];
    const { server } = await startTestBackend({
      features: [
        resourceProfilesPlugin,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.httpRouter.mock({
          use: (handler: express.Handler) => {
            served = routesOf((handler as any).stack ?? []);
          },
        }).factory,
      ],
    });
    expect(server).toBeDefined();
    expect(served.sort()).toEqual(documented.sort());
  });
});
