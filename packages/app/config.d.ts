export interface Config {
  app?: {
    /**
     * Demo identities offered on the sign-in page, for trying the access
     * workflow as several people. Needs the backend's `auth.providers.demo`.
     * @visibility frontend
     */
    demoUsers?: Array<{
      /**
       * User entity name in the default namespace.
       * @visibility frontend
       */
      name: string;
      /**
       * What this person is for in the demo.
       * @visibility frontend
       */
      description?: string;
    }>;
  };
}
