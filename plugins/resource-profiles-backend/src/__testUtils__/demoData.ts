import { Entity } from '@backstage/catalog-model';
import { readFileSync } from 'fs';
import { resolve } from 'path';
import { parseAllDocuments } from 'yaml';

/** The repository's demo company, used as realistic test data. */
export const EXAMPLES = resolve(__dirname, '../../../../examples');

export function demoEntities(): Entity[] {
  return ['org.yaml', 'systems.yaml', 'resources.yaml'].flatMap(file =>
    parseAllDocuments(readFileSync(resolve(EXAMPLES, file), 'utf8'))
      .map(doc => doc.toJSON() as Entity)
      .filter(Boolean)
      .map(entity => ({
        ...entity,
        metadata: { namespace: 'default', ...entity.metadata },
      })),
  );
}

export function demoFile(...path: string[]): string {
  return readFileSync(resolve(EXAMPLES, ...path), 'utf8');
}
