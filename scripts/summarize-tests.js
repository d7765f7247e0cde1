// Prints one closing line over the Jest and Playwright JSON reports:
// "tests: N passed, N failed, N skipped".
const fs = require('fs');

let passed = 0;
let failed = 0;
let skipped = 0;

function read(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

const jest = read(process.argv[2]);
if (jest) {
  passed += jest.numPassedTests;
  failed += jest.numFailedTests + (jest.numRuntimeErrorTestSuites ?? 0);
  skipped += jest.numPendingTests + jest.numTodoTests;
} else {
  failed += 1;
  console.log(`No Jest report at ${process.argv[2]}`);
}

const e2e = read(process.argv[3]);
if (e2e?.stats) {
  passed += e2e.stats.expected + e2e.stats.flaky;
  failed += e2e.stats.unexpected;
  skipped += e2e.stats.skipped;
} else {
  failed += 1;
  console.log(`No Playwright report at ${process.argv[3]}`);
}

console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
