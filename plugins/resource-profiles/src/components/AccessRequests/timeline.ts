import {
  AccessDecision,
  AccessRequest,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { formatDateTime } from '../../lib/format';
import { endReasonSentence, formatHours } from './wording';

/** One step in the story of a request. */
export interface TimelineEntry {
  /** When it happened, or is due; steps still open have no time and come last. */
  at?: string;
  /** What happened: `Approved by user:default/priya.raman as security`. */
  what: string;
  /** What the person said: a decision's comment, the review's notes. */
  comment?: string;
  /** Something that went wrong or still needs doing. */
  attention?: boolean;
}

function requested(request: AccessRequest): TimelineEntry {
  const how = request.breakGlass ? ' as break-glass' : '';
  return {
    at: request.createdAt,
    what: `Requested by ${request.requester}${how} for ${formatHours(
      request.durationHours,
    )}`,
  };
}

function decided(decision: AccessDecision): TimelineEntry {
  const verb = decision.decision === 'approve' ? 'Approved' : 'Denied';
  const security = decision.asSecurity ? ' as security' : '';
  return {
    at: decision.decidedAt,
    what: `${verb} by ${decision.approver}${security}`,
    comment: decision.comment,
  };
}

function reviewed(request: AccessRequest): TimelineEntry | undefined {
  const { review } = request;
  if (!review?.required) return undefined;
  if (!review.completedAt) {
    return {
      what: 'Review pending: someone other than the requester must review this break-glass access',
      attention: true,
    };
  }
  return {
    at: review.completedAt,
    what: `Review completed by ${review.completedBy ?? 'unknown'}`,
    comment: review.notes,
  };
}

function actuatorError(request: AccessRequest): TimelineEntry | undefined {
  if (!request.lastError) return undefined;
  const attempts =
    request.attempts !== undefined
      ? ` after ${request.attempts} attempt${request.attempts === 1 ? '' : 's'}`
      : '';
  return {
    what: `Last actuator error${attempts}: ${request.lastError}`,
    attention: true,
  };
}

/**
 * The steps of a request in time order: requested, each decision, the
 * deadline of a pending request, the grant and its end, the break-glass
 * review; open steps (a review to do, a failing actuator) come last.
 */
export function requestTimeline(request: AccessRequest): TimelineEntry[] {
  const entries: Array<TimelineEntry | undefined> = [
    requested(request),
    ...request.decisions.map(decided),
  ];
  if (request.state === 'pending' && request.pendingUntil) {
    entries.push({
      at: request.pendingUntil,
      what: 'Lapses unless enough approvers decide by then',
    });
  }
  if (request.activatedAt) {
    entries.push({
      at: request.activatedAt,
      what: `Granted until ${formatDateTime(request.expiresAt)}`,
    });
  }
  if (request.endedAt) {
    entries.push({ at: request.endedAt, what: endReasonSentence(request) });
  }
  entries.push(reviewed(request), actuatorError(request));
  const steps = entries.filter((e): e is TimelineEntry => e !== undefined);
  const time = (entry: TimelineEntry) =>
    entry.at ? new Date(entry.at).getTime() : Number.MAX_SAFE_INTEGER;
  // A stable sort keeps the order above for steps at the same time.
  return steps.sort((a, b) => time(a) - time(b));
}
