import { DefaultAzureCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { Settings } from '../config/settings';

let remembered: { key: string; credential: TokenCredential } | undefined;

/**
 * How the app signs in to Cosmos DB and Storage where it holds no key. In production only the user-assigned managed
 * identity is tried, so a missing identity fails at once instead of falling through to other credential types; a
 * development machine uses whatever `DefaultAzureCredential` finds (an `az login`, say). One credential per process,
 * so its token cache is shared by every client.
 */
export function azureCredential(settings: Pick<Settings, 'environment' | 'azureIdentity'>): TokenCredential {
  const clientId = settings.azureIdentity.managedIdentityClientId;
  const key = `${settings.environment}:${clientId ?? ''}`;
  if (remembered?.key !== key) {
    const credential =
      settings.environment === 'production'
        ? new ManagedIdentityCredential({ clientId: clientId ?? '' })
        : new DefaultAzureCredential(clientId ? { managedIdentityClientId: clientId } : {});
    remembered = { key, credential };
  }
  return remembered.credential;
}
