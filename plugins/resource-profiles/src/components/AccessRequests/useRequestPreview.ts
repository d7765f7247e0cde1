import { useApi } from '@backstage/core-plugin-api';
import {
  ApprovalRequirement,
  CreateAccessRequest,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { useCallback, useEffect, useState } from 'react';
import { resourceProfilesApiRef } from '../../api';

export const PREVIEW_DELAY_MS = 400;

export interface PreviewState {
  loading: boolean;
  requirement?: ApprovalRequirement;
  error?: Error;
}

export type Preview = PreviewState & { retry: () => void };

/**
 * Asks the server what a request would need, `PREVIEW_DELAY_MS` after the
 * fields stop changing. Answers to older field values are dropped.
 */
export function useRequestPreview(
  request: CreateAccessRequest | undefined,
): Preview {
  const api = useApi(resourceProfilesApiRef);
  const key = request ? JSON.stringify(request) : '';
  const [state, setState] = useState<PreviewState>({ loading: !!request });
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt(n => n + 1), []);

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
  }, [api, key, attempt]);

  return { ...state, retry };
}
