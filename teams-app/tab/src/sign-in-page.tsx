import { Button, Card, MessageBar, MessageBarBody, Spinner, Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { type DemoDirectory, demoDirectory, signInAsDemoUser } from './host/browser-session';

/**
 * Sign-in outside Teams. Locally, the demo users of the simulated tenants, one button each; against real tenants
 * (no demo directory), the tab is meant to be opened in Teams, which signs the user in by itself.
 */
export function SignInPage({ onSignedIn }: { onSignedIn: () => void }) {
  const [directory, setDirectory] = useState<DemoDirectory | null | 'loading'>('loading');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    demoDirectory().then(setDirectory, () => setDirectory(null));
  }, []);
  if (directory === 'loading') return <Spinner label="Loading sign-in…" />;
  if (directory === null) {
    return (
      <MessageBar intent="info">
        <MessageBarBody>Open ICT Partnership Hub from Microsoft Teams: Teams signs you in.</MessageBarBody>
      </MessageBar>
    );
  }
  const signIn = (upn: string) => signInAsDemoUser(upn).then(onSignedIn, (e: Error) => setError(e.message));
  return (
    <main style={{ padding: '20px', maxWidth: '960px', margin: '0 auto' }}>
      <h1>Sign in as a demo user</h1>
      <Text as="p">
        Local mode: each user signs in to their council's simulated Microsoft Entra tenant, as staff do from Teams.
      </Text>
      {error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {directory.partnerships.map((partnership) => (
        <section key={partnership.name} aria-label={partnership.name}>
          <h2>{partnership.name}</h2>
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
                  onClick={() => signIn(user.userPrincipalName)}
                >
                  Sign in
                </Button>
              </Card>
            ))}
          </div>
        </section>
      ))}
    </main>
  );
}
