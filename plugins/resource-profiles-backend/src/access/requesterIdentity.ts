import { Entity } from '@backstage/catalog-model';
import { ANNOTATION_IAM_PRINCIPALS } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { CloudModel } from '@resource-profiles/backstage-plugin-resource-profiles-node';
import { parseList } from '../profiles/parseProfileValues';

/**
 * The IAM principals a Backstage user acts as: the user entity's
 * `resource-profiles.io/iam-principals` annotation, or else IAM users whose
 * name or `email` tag is the user's email address.
 */
export function principalArnsOf(user: Entity | undefined, model: CloudModel | undefined): string[] {
  if (!user) return [];
  const annotated = parseList(user.metadata.annotations?.[ANNOTATION_IAM_PRINCIPALS] ?? '');
  if (annotated.length) return annotated;
  const email = (user.spec?.profile as { email?: string } | undefined)?.email?.toLowerCase();
  if (!email || !model) return [];
  return model.principals
    .filter(p => p.type === 'user')
    .filter(p => p.name.toLowerCase() === email || p.tags.email?.toLowerCase() === email)
    .map(p => p.arn);
}
