require('@backstage/cli/config/nodeTransform.cjs');
require('./grant.ts');
