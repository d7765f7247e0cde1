require('@backstage/cli/config/nodeTransform.cjs');
require('./measure.ts');
