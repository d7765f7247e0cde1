// Runs bench/api.ts with Backstage's TypeScript transform: yarn bench:api
require('@backstage/cli/config/nodeTransform.cjs');
require('./api.ts');
