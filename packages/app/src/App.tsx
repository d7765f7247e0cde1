import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import resourceProfilesPlugin from '@resource-profiles/backstage-plugin-resource-profiles';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

export default createApp({
  features: [catalogPlugin, resourceProfilesPlugin, navModule, signInModule],
});
