// Flags for Debian's headless Chromium in the browser tests and the dashboard
// benchmark: no sandbox (containers), no GPU, and no background traffic.
module.exports = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
