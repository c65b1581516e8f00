import { Button, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { Component, type ReactNode } from 'react';

/**
 * Catches a page whose code could not be loaded (a lazy chunk: offline, or a new version deployed meanwhile) and
 * offers a reload, instead of leaving the tab blank.
 */
export class PageLoadBoundary extends Component<{ children: ReactNode }, { failed: Error | null }> {
  state = { failed: null as Error | null };

  static getDerivedStateFromError(failed: Error) {
    return { failed };
  }

  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <MessageBar intent="error" role="alert">
        <MessageBarBody>
          <MessageBarTitle>Could not load this page</MessageBarTitle>
          {this.state.failed.message}{' '}
          <Button size="small" onClick={() => window.location.reload()}>
            Reload
          </Button>
        </MessageBarBody>
      </MessageBar>
    );
  }
}
