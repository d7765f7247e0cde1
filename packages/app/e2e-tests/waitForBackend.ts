// The frontend dev server answers before the backend has loaded the catalog;
// wait until the demo data is there so no test races the first ingestion.
const BACKEND = 'http://localhost:7007';

async function guestToken(): Promise<string> {
  const response = await fetch(`${BACKEND}/api/auth/guest/refresh`, {
    method: 'POST',
  });
  if (!response.ok) throw new Error(`guest sign-in: ${response.status}`);
  const body = await response.json();
  return body.backstageIdentity.token;
}

export default async function waitForBackend() {
  const deadline = Date.now() + 240_000;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const token = await guestToken();
      const response = await fetch(
        `${BACKEND}/api/resource-profiles/profiles/resource/default/payments-ledger-db`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      if (response.ok) return;
      lastError = new Error(`profile: ${response.status}`);
    } catch (error) {
      lastError = error;
    }
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
  throw new Error(`Backend not ready with demo data: ${String(lastError)}`);
}
