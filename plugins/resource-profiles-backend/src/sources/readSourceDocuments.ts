import { UrlReaderService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { promises as fs } from 'fs';
import { extname, join, resolve } from 'path';
import { SourceConfig, SourceKind } from './sourceConfig';

/** One input document of a source: its name for error messages and its text. */
export interface SourceDocument {
  name: string;
  text: string;
}

const EXTENSIONS: Record<Exclude<SourceKind, 'aws-iam'>, string[]> = {
  'aws-authorization-details': ['.json'],
  terraform: ['.json', '.tfstate'],
  cloudformation: ['.json', '.yaml', '.yml', '.template'],
  'aws-organizations': ['.json'],
  'aws-s3': ['.json'],
  'aws-resource-policies': ['.json'],
};

function tooLarge(name: string, size: number, maxBytes: number): InputError {
  return new InputError(
    `${name} is ${size} bytes, over the source's limit of ${maxBytes} bytes (resourceProfiles.sync.maxInputBytes or the source's maxBytes)`,
  );
}

/** Reads a file, or every matching file of a folder, refusing oversized input before loading it. */
async function readPath(source: SourceConfig, kind: Exclude<SourceKind, 'aws-iam'>): Promise<SourceDocument[]> {
  const root = resolve(source.path!);
  const stat = await fs.stat(root).catch(() => {
    throw new InputError(`${root} does not exist`);
  });
  const files = stat.isDirectory()
    ? (await fs.readdir(root))
        .filter(name => EXTENSIONS[kind].includes(extname(name).toLowerCase()))
        .sort()
        .map(name => join(root, name))
    : [root];
  if (files.length === 0) {
    throw new InputError(`${root} has no ${EXTENSIONS[kind].join('/')} files`);
  }
  let total = 0;
  const documents: SourceDocument[] = [];
  for (const file of files) {
    const { size } = await fs.stat(file);
    total += size;
    if (total > source.maxBytes) throw tooLarge(file, size, source.maxBytes);
    documents.push({ name: file, text: await fs.readFile(file, 'utf8') });
  }
  return documents;
}

async function readUrl(source: SourceConfig, reader: UrlReaderService): Promise<SourceDocument[]> {
  const response = await reader.readUrl(source.url!);
  const buffer = await response.buffer();
  if (buffer.length > source.maxBytes) {
    throw tooLarge(source.url!, buffer.length, source.maxBytes);
  }
  return [{ name: source.url!, text: buffer.toString('utf8') }];
}

/** The documents of a file, folder or URL source. */
export async function readSourceDocuments(
  source: SourceConfig,
  reader: UrlReaderService,
): Promise<SourceDocument[]> {
  if (source.kind === 'aws-iam' || source.accounts) {
    throw new Error(`${source.kind} sources with accounts are read through the AWS SDK`);
  }
  return source.path ? readPath(source, source.kind) : readUrl(source, reader);
}
