export { ResourceProfileCard, ResourceProfileDetails } from './ResourceProfileCard';
