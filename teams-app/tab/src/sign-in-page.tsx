import { Button, Card, MessageBar, MessageBarBody, Spinner, Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { type DemoDirectory, demoDirectory, rememberMicrosoftSignIn, signInAsDemoUser } from './host/browser-session';
import { startMicrosoftSession } from './host/microsoft-sign-in';
import { loadTabConfig, type MicrosoftSignInConfig } from './host/tab-config';

type Options = { microsoft: MicrosoftSignInConfig | null; demo: DemoDirectory | null };

/**
 * Sign-in outside Teams: with Microsoft (the user's council work account, through MSAL.js) wherever the tab is
 * configured for it, and in local mode also as one of the demo users of the simulated tenants.
 */
export function SignInPage({ onSignedIn }: { onSignedIn: () => void }) {
  const [options, setOptions] = useState<Options | 'loading'>('loading');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    Promise.all([loadTabConfig(), demoDirectory().catch(() => null)]).then(
      ([config, demo]) => setOptions({ microsoft: config.microsoftSignIn, demo }),
      () => setOptions({ microsoft: null, demo: null }),
    );
  }, []);
  if (options === 'loading') return <Spinner label="Loading sign-in…" />;
  const failed = (e: Error) => setError(e.message);
  const signInWithMicrosoft = (config: MicrosoftSignInConfig) => {
    rememberMicrosoftSignIn();
    startMicrosoftSession(config)
      .then((session) => session.signIn())
      .catch(failed);
  };
  const signInAsDemo = (upn: string) => signInAsDemoUser(upn).then(onSignedIn, failed);
  return (
    <main style={{ padding: '20px', maxWidth: '960px', margin: '0 auto' }}>
      <h1>Sign in to ICT Partnership Hub</h1>
      {error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {options.microsoft ? (
        <section aria-label="Sign in with Microsoft">
          <Text as="p">Use your council work account, as in Teams.</Text>
          <Button appearance="primary" onClick={() => signInWithMicrosoft(options.microsoft as MicrosoftSignInConfig)}>
            Sign in with Microsoft
          </Button>
        </section>
      ) : (
        !options.demo && (
          <MessageBar intent="info">
            <MessageBarBody>Open ICT Partnership Hub from Microsoft Teams: Teams signs you in.</MessageBarBody>
          </MessageBar>
        )
      )}
      {options.demo && <DemoUsers directory={options.demo} onSignIn={signInAsDemo} />}
    </main>
  );
}

function DemoUsers({ directory, onSignIn }: { directory: DemoDirectory; onSignIn: (upn: string) => void }) {
  return (
    <>
      <h2>Or sign in as a demo user</h2>
      <Text as="p">
        Local mode: each user signs in to their council's simulated Microsoft Entra tenant, as staff do from Teams.
      </Text>
      {directory.partnerships.map((partnership) => (
        <section key={partnership.name} aria-label={partnership.name}>
          <h3>{partnership.name}</h3>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))', gap: '8px' }}>
            {partnership.users.map((user) => (
              <Card key={user.userPrincipalName}>
                <Text weight="semibold">{user.displayName}</Text>
                <Text size={200}>
                  {user.jobTitle}, {user.councilName}
                </Text>
                <Text size={200}>{user.roles.join(', ')}</Text>
                <Button
                  appearance="primary"
                  aria-label={`Sign in as ${user.displayName}`}
                  onClick={() => onSignIn(user.userPrincipalName)}
                >
                  Sign in
                </Button>
              </Card>
            ))}
          </div>
        </section>
      ))}
    </>
  );
}
