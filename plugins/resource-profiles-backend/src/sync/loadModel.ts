import {
  CloudModel,
  mergeInputs,
  ParsedInput,
} from '@resource-profiles/backstage-plugin-resource-profiles-node';
import { promisify } from 'util';
import { gunzip } from 'zlib';
import { SnapshotStore } from '../database/SnapshotStore';

const gunzipAsync = promisify(gunzip);

export interface LoadedModel {
  model: CloudModel;
  inputCount: number;
  /** Identifies the inputs, to tell whether a model is stale. */
  fingerprint: string;
}

/** Merges the last good inputs of the given sources into one model; undefined before any sync. */
export async function loadModel(
  store: SnapshotStore,
  sourceIds: string[],
): Promise<LoadedModel | undefined> {
  const stored = await store.getSourceInputs(sourceIds);
  if (stored.length === 0) return undefined;
  const inputs: ParsedInput[] = [];
  for (const { input } of stored) {
    inputs.push(...(JSON.parse((await gunzipAsync(input)).toString('utf8')) as ParsedInput[]));
  }
  return {
    model: mergeInputs(inputs),
    inputCount: inputs.length,
    fingerprint: stored.map(s => `${s.id}:${s.contentSha256}`).join(','),
  };
}
