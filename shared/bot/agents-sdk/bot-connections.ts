import type { AuthConfiguration, AuthProvider, Connections } from '@microsoft/agents-hosting';

/**
 * The SDK asks its connection manager for a token provider on every turn and every proactive call. The bot has
 * one identity, so every question gets the same provider; the SDK's MsalConnectionManager (which reads connection
 * settings from the environment and builds its own msal clients) is replaced by this.
 */
export class SingleBotConnection implements Connections {
  constructor(private readonly provider: AuthProvider & { connectionSettings: AuthConfiguration }) {}

  getConnection = (): AuthProvider => this.provider;
  getDefaultConnection = (): AuthProvider => this.provider;
  getTokenProvider = (): AuthProvider => this.provider;
  getTokenProviderFromActivity = (): AuthProvider => this.provider;
  getDefaultConnectionConfiguration = (): AuthConfiguration => this.provider.connectionSettings;
}
