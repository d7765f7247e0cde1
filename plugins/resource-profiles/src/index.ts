export { resourceProfilesPlugin as default } from './plugin';
