// The frontend dev server answers before the backend has loaded the catalog
// and synced the demo sources; wait until both are there so no test races them.
const BACKEND = process.env.E2E_BACKEND_URL ?? 'http://localhost:7007';

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
      const headers = { Authorization: `Bearer ${await guestToken()}` };
      const api = `${BACKEND}/api/resource-profiles`;
      const profile = await fetch(`${api}/profiles/resource/default/payments-ledger-db`, { headers });
      const mappings = await fetch(`${api}/role-mappings/resource/default/payments-ledger-db`, { headers });
      const mappingCount = mappings.ok ? (await mappings.json()).totalCount : 0;
      if (profile.ok && mappingCount > 0) return;
      lastError = new Error(`profile: ${profile.status}, role mappings: ${mappingCount}`);
    } catch (error) {
      lastError = error;
    }
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
  throw new Error(`Backend not ready with demo data: ${String(lastError)}`);
}
