require('@backstage/cli/config/nodeTransform.cjs');
require('./fingerprint.ts');
