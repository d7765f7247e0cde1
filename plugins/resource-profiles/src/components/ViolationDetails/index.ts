export { ViolationDetails } from './ViolationDetails';
