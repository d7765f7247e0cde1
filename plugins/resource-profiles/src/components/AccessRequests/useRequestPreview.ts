import { useApi } from '@backstage/core-plugin-api';
import {
  ApprovalRequirement,
  CreateAccessRequest,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { useEffect, useState } from 'react';
import { resourceProfilesApiRef } from '../../api';

export const PREVIEW_DELAY_MS = 400;

export interface PreviewState {
  loading: boolean;
  requirement?: ApprovalRequirement;
  error?: Error;
}

/**
 * Asks the server what a request would need, `PREVIEW_DELAY_MS` after the
 * fields stop changing. Answers to older field values are dropped.
 */
export function useRequestPreview(
  request: CreateAccessRequest | undefined,
): PreviewState {
  const api = useApi(resourceProfilesApiRef);
  const key = request ? JSON.stringify(request) : '';
  const [state, setState] = useState<PreviewState>({ loading: !!request });

  useEffect(() => {
    if (!key) {
      setState({ loading: false });
      return undefined;
    }
    let current = true;
    setState(previous => ({ ...previous, loading: true }));
    const timer = setTimeout(() => {
      api.previewAccessRequest(JSON.parse(key) as CreateAccessRequest).then(
        requirement => {
          if (current) setState({ loading: false, requirement });
        },
        error => {
          if (current) setState({ loading: false, error });
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, key]);

  return state;
}
