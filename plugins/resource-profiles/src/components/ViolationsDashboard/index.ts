export { ViolationsDashboard } from './ViolationsDashboard';
