import { runScan } from './scan';

runScan(process.argv.slice(2), {
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
}).then(
  code => {
    process.exitCode = code;
  },
  error => {
    process.stderr.write(`resource-profiles-scan: unexpected error: ${error?.stack ?? error}\n`);
    process.exitCode = 2;
  },
);
