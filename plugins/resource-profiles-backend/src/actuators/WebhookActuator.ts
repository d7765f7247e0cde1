import {
  AccessGrant,
  GrantActuator,
} from '@resource-profiles/backstage-plugin-resource-profiles-node';
import { createHmac } from 'crypto';

export const SIGNATURE_HEADER = 'x-resource-profiles-signature';
export const TIMESTAMP_HEADER = 'x-resource-profiles-timestamp';

/** The signature a receiver recomputes: HMAC-SHA256 over `<timestamp>.<body>`. */
export function signPayload(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * POSTs each grant and revocation to a URL with an HMAC-signed JSON body, for
 * provisioning systems of one's own. A non-2xx answer is a failure, retried.
 */
export class WebhookActuator implements GrantActuator {
  readonly id = 'webhook';

  constructor(
    private readonly options: {
      url: string;
      secret: string;
      timeoutMs?: number;
      fetch?: typeof fetch;
    },
  ) {}

  apply(grant: AccessGrant): Promise<void> {
    return this.send('grant.apply', grant);
  }

  revoke(grant: AccessGrant): Promise<void> {
    return this.send('grant.revoke', grant);
  }

  private async send(event: string, grant: AccessGrant): Promise<void> {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const body = JSON.stringify({ event, grant, sentAt: new Date().toISOString() });
    const response = await (this.options.fetch ?? fetch)(this.options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signPayload(this.options.secret, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
    if (!response.ok) {
      throw new Error(`Webhook ${event} answered ${response.status} ${response.statusText}`);
    }
  }
}
