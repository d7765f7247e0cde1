import type { Severity } from '@resource-profiles/backstage-plugin-resource-profiles-node';

const rank: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1 };

export const atOrAbove = (severity: Severity, threshold: Severity) => rank[severity] >= rank[threshold];
