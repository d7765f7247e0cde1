export { EntityAccessRequestsCard } from './EntityAccessRequestsCard';
export { MyAccessRequests } from './MyAccessRequests';
export { RequestAccessButton } from './RequestAccessButton';
export { RequestAccessDialog } from './RequestAccessDialog';
export { AccessRequestStateChip } from './AccessRequestStateChip';
export { RequirementSummary } from './RequirementSummary';
export { TimeLeft } from './TimeLeft';
