export { AuditLogViewer } from './AuditLogViewer';
export { AuditVerificationStatus } from './AuditVerificationStatus';
