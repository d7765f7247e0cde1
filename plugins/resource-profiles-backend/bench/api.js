// Runs bench/api.ts with Backstage's TypeScript transform: yarn bench:api
require('@backstage/cli/config/nodeTransform.cjs');

// The benchmark starts the plugin with @backstage/backend-test-utils, whose
// service mocks are built on jest.fn(); outside Jest, jest-mock provides it.
const { ModuleMocker } = require('jest-mock');

const mocker = new ModuleMocker(globalThis);
globalThis.jest = { fn: mocker.fn.bind(mocker), spyOn: mocker.spyOn.bind(mocker) };
require('./api.ts');
