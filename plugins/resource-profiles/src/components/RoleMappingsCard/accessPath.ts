import { RoleMappingEntry } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { arnName } from '../../lib/format';

/** "direct", "via group X", "via role chain A → B" or "via bucket policy". */
export function accessPathText(path: RoleMappingEntry['path']): string {
  switch (path.kind) {
    case 'resource-policy':
      return `via ${path.via[0] ?? 'resource policy'}`;
    case 'group':
      return `via group ${path.via.map(arnName).join(', ')}`;
    case 'assumed-role':
      return `via role chain ${path.via.map(arnName).join(' → ')}`;
    default:
      return 'direct';
  }
}
