import {
  InfoCard,
  ProxiedSignInPage,
  SignInPage,
} from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { SignInPageProps } from '@backstage/plugin-app-react';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';

const STORAGE_KEY = 'resource-profiles:demo-user';

interface DemoUser {
  name: string;
  description?: string;
}

/**
 * Guest sign-in, plus the configured demo identities: picking one signs in
 * through the backend's demo provider as that catalog user, and the choice is
 * remembered until sign-out.
 */
export function DemoSignInPage(props: SignInPageProps) {
  const config = useApi(configApiRef);
  const demoUsers: DemoUser[] = (config.getOptionalConfigArray('app.demoUsers') ?? []).map(
    user => ({ name: user.getString('name'), description: user.getOptionalString('description') }),
  );
  const [chosen, setChosen] = useState<string | null>(() =>
    window.localStorage.getItem(STORAGE_KEY),
  );

  if (chosen) {
    return (
      <ProxiedSignInPage
        {...props}
        provider="demo"
        headers={() => ({ 'x-demo-user': chosen })}
        onSignInSuccess={identityApi => {
          const signOut = identityApi.signOut.bind(identityApi);
          identityApi.signOut = async () => {
            window.localStorage.removeItem(STORAGE_KEY);
            await signOut();
          };
          props.onSignInSuccess(identityApi);
        }}
        ErrorComponent={({ error }) => {
          window.localStorage.removeItem(STORAGE_KEY);
          return (
            <Typography color="error" role="alert">
              Demo sign-in as {chosen} failed: {error?.message}. Reload to choose again.
            </Typography>
          );
        }}
      />
    );
  }

  return (
    <>
      <SignInPage {...props} providers={['guest']} />
      {demoUsers.length > 0 && (
        <Grid container justifyContent="center" style={{ padding: 24 }}>
          <Grid item xs={12} md={8}>
            <InfoCard title="Or try the demo as another person">
              <Grid container spacing={2}>
                {demoUsers.map(user => (
                  <Grid item xs={12} sm={6} md={4} key={user.name}>
                    <Button
                      variant="outlined"
                      fullWidth
                      aria-label={`Sign in as ${user.name}`}
                      onClick={() => {
                        window.localStorage.setItem(STORAGE_KEY, user.name);
                        setChosen(user.name);
                      }}
                    >
                      {user.name}
                    </Button>
                    {user.description && (
                      <Typography variant="caption" display="block">
                        {user.description}
                      </Typography>
                    )}
                  </Grid>
                ))}
              </Grid>
            </InfoCard>
          </Grid>
        </Grid>
      )}
    </>
  );
}
