import { Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { Loadable } from '../api/api';

/** Renders a loadable's three states the same way on every page: a spinner, an error with retry, or the data. */
export function Load<T>({
  from,
  label,
  children,
}: {
  from: Loadable<T> & { reload(): void };
  label: string;
  children: (data: T) => ReactNode;
}) {
  if (from.state === 'loading') return <Spinner size="small" label={`Loading ${label}…`} />;
  if (from.state === 'error') {
    return (
      <MessageBar intent="error" role="alert">
        <MessageBarBody>
          <MessageBarTitle>Could not load {label}</MessageBarTitle>
          {from.error.message}{' '}
          <Button size="small" onClick={from.reload}>
            Try again
          </Button>
        </MessageBarBody>
      </MessageBar>
    );
  }
  return <>{children(from.data)}</>;
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <Text as="p" italic>
      {children}
    </Text>
  );
}
