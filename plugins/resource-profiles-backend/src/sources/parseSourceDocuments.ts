import {
  parseAwsAuthorizationDetails,
  parseCloudFormation,
  ParsedInput,
  parseTerraform,
} from '@resource-profiles/backstage-plugin-resource-profiles-node';
import { SourceDocument } from './readSourceDocuments';
import { SourceKind } from './sourceConfig';

/** Parses every document of a source with the engine; the first malformed one fails the source. */
export function parseSourceDocuments(
  kind: SourceKind,
  documents: SourceDocument[],
  maxBytes: number,
): ParsedInput[] {
  return documents.map(({ name, text }) => {
    switch (kind) {
      case 'aws-iam':
      case 'aws-authorization-details':
        return parseAwsAuthorizationDetails(text, name, { maxBytes });
      case 'terraform':
        return parseTerraform(text, name, { maxBytes });
      case 'cloudformation':
        return parseCloudFormation(text, name, { maxBytes });
      default:
        throw new Error(`Unknown source kind ${kind satisfies never}`);
    }
  });
}
