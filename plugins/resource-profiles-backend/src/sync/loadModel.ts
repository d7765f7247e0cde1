import {
  CloudModel,
  mergeInputs,
  ParsedInput,
} from '@resource-profiles/backstage-plugin-resource-profiles-node';
import { promisify } from 'util';
import { gunzip } from 'zlib';
import { SnapshotStore, sourceFingerprint } from '../database/SnapshotStore';

const gunzipAsync = promisify(gunzip);

export interface LoadedModel {
  model: CloudModel;
  inputCount: number;
  /** {@link sourceFingerprint} of the inputs, to tell whether a model is stale. */
  fingerprint: string;
}

/** A source's newly parsed inputs, used in place of its stored ones. */
export interface FreshInput {
  id: string;
  contentSha256: string;
  inputs: ParsedInput[];
}

/**
 * Merges the last good inputs of the given sources into one model, with
 * `fresh` in place of its source's stored input; undefined when there is no
 * input at all.
 */
export async function loadModel(
  store: SnapshotStore,
  sourceIds: string[],
  fresh?: FreshInput,
): Promise<LoadedModel | undefined> {
  const stored = await store.getSourceInputs(sourceIds.filter(id => id !== fresh?.id));
  const parts: { id: string; contentSha256: string; inputs: ParsedInput[] }[] = [];
  for (const { id, contentSha256, input } of stored) {
    const inputs = JSON.parse((await gunzipAsync(input)).toString('utf8')) as ParsedInput[];
    parts.push({ id, contentSha256, inputs });
  }
  if (fresh) parts.push(fresh);
  if (parts.length === 0) return undefined;
  parts.sort((a, b) => (a.id < b.id ? -1 : 1));
  const inputs = parts.flatMap(part => part.inputs);
  return {
    model: mergeInputs(inputs),
    inputCount: inputs.length,
    fingerprint: sourceFingerprint(parts),
  };
}
