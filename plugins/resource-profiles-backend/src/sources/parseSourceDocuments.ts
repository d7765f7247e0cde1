import {
  parseAwsAuthorizationDetails,
  parseAwsOrganizations,
  parseAwsResourcePolicies,
  parseAwsS3Buckets,
  parseCloudFormation,
  ParsedInput,
  parseTerraform,
} from '@resource-profiles/backstage-plugin-resource-profiles-node';
import { SourceDocument } from './readSourceDocuments';
import { SourceConfig } from './sourceConfig';

/** Parses every document of a source with the engine; the first malformed one fails the source. */
export function parseSourceDocuments(
  source: Pick<SourceConfig, 'kind' | 'maxBytes' | 'accountId'>,
  documents: SourceDocument[],
): ParsedInput[] {
  const { kind, maxBytes, accountId } = source;
  return documents.map(({ name, text }) => {
    switch (kind) {
      case 'aws-iam':
      case 'aws-authorization-details':
        return parseAwsAuthorizationDetails(text, name, { maxBytes });
      case 'terraform':
        return parseTerraform(text, name, { maxBytes });
      case 'cloudformation':
        return parseCloudFormation(text, name, { maxBytes, accountId });
      case 'aws-organizations':
        return parseAwsOrganizations(text, name, { maxBytes });
      case 'aws-s3':
        return parseAwsS3Buckets(text, name, { maxBytes });
      case 'aws-resource-policies':
        return parseAwsResourcePolicies(text, name, { maxBytes });
      default:
        throw new Error(`Unknown source kind ${kind satisfies never}`);
    }
  });
}
