/** `2026-11-22` */
export function formatDate(iso: string | undefined): string {
  return iso ? new Date(iso).toISOString().slice(0, 10) : '—';
}

/** `2026-11-22 14:05 UTC` */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '—';
  return `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `1.2 s`, `3 min 5 s` */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '—';
  if (ms < 1000) return `${ms} ms`;
  const seconds = Math.round(ms / 100) / 10;
  if (seconds < 60) return `${seconds} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}

/** The readable tail of an ARN: `arn:aws:iam::1:role/ops/admin` → `admin`. */
export function arnName(arn: string): string {
  const resource = arn.split(':').slice(5).join(':');
  if (!resource) return arn;
  const parts = resource.split('/');
  return parts[parts.length - 1] || resource;
}

/** `group:default/payments` → `payments`; leaves other strings alone. */
export function refName(ref: string): string {
  const match = /^(?:[^:]+:)?(?:[^/]+\/)?(.+)$/.exec(ref);
  return match ? match[1] : ref;
}
