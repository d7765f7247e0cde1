// The load generator for bench/api.ts, in its own process so that autocannon
// does not share the event loop of the backend it measures.
// Input (a JSON file named by argv[2]): { url, connections, duration?, amount?, order: 'random' | 'sequence',
//   requests: [{ method?, path, headers?, body? }] }. Prints autocannon's result as JSON.
const autocannon = require('autocannon');
const { readFileSync } = require('fs');


const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let next = 0;
const pick = () =>
  spec.order === 'sequence'
    ? spec.requests[next++ % spec.requests.length]
    : spec.requests[Math.floor(Math.random() * spec.requests.length)];

autocannon(
  {
    url: spec.url,
    connections: spec.connections,
    ...(spec.amount ? { amount: spec.amount } : { duration: spec.duration }),
    requests: [{ setupRequest: request => ({ ...request, method: 'GET', ...pick() }) }],
  },
  (error, result) => {
    if (error) {
      process.stderr.write(`${error.stack ?? error}\n`);
      process.exit(1);
    }
    process.stdout.write(`${JSON.stringify({ latency: result.latency, requests: result.requests, errors: result.errors, non2xx: result.non2xx })}\n`);
  },
);
