export { ResourceProfilesPage } from './ResourceProfilesPage';
