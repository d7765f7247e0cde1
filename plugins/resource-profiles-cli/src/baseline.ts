import { z } from 'zod';
import { UsageError } from './UsageError';

const baselineSchema = z.object({ findings: z.array(z.object({ id: z.string() }).loose()) }).loose();

/** Reads the finding ids of an earlier `--format json` output. */
export function readBaseline(text: string, source: string): Set<string> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${source}: the baseline is not JSON (${(e as Error).message}); pass an earlier \`scan --format json\` output`);
  }
  const parsed = baselineSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`${source}: $.${issue.path.join('.')}: ${issue.message}; pass an earlier \`scan --format json\` output`);
  }
  return new Set(parsed.data.findings.map(f => f.id));
}
