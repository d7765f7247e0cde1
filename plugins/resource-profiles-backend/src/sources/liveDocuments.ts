import { InputError } from '@backstage/errors';
import { SourceDocument } from './readSourceDocuments';
import { AwsAccountConfig, SourceConfig } from './sourceConfig';

/**
 * The documents a live reader writes, one per account it reads, held to the source's size limit
 * over all of them.
 */
export class LiveDocuments {
  readonly documents: SourceDocument[] = [];
  private bytes = 0;

  constructor(private readonly source: Pick<SourceConfig, 'kind' | 'maxBytes'>) {}

  add(account: AwsAccountConfig, content: unknown): void {
    const text = JSON.stringify(content);
    // The region tells apart the documents of one account listed once per region.
    const name = `${this.source.kind}:${account.roleArn ?? 'default-credentials'}${account.region ? `@${account.region}` : ''}`;
    this.bytes += Buffer.byteLength(text, 'utf8');
    if (this.bytes > this.source.maxBytes) {
      throw new InputError(`${name} returned more than the source's limit of ${this.source.maxBytes} bytes`);
    }
    this.documents.push({ name, text });
  }
}
