import { resourceProfilesPlugin } from './plugin';

describe('resource-profiles', () => {
  it('should export plugin', () => {
    expect(resourceProfilesPlugin).toBeDefined();
  });
});
