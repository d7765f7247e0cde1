export { SyncStatusContent } from './SyncStatusContent';
