import type { TenantConnection } from '../schemas/licences';

/**
 * The secret of a tenant's app registration: a client secret, or the PEM private key of its certificate. The
 * connection only names the app setting that holds it. In Azure that setting is a Key Vault reference
 * (`@Microsoft.KeyVault(SecretUri=...)`) which the Functions host resolves into the environment, so the secret is
 * never in the partnership's configuration or in Cosmos; locally it is a plain environment variable.
 */
export function readCredentialSetting(
  connection: Pick<TenantConnection, 'partnerCode' | 'credential'>,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  const { setting, kind } = connection.credential;
  const value = env[setting];
  if (value === undefined || value.trim() === '') {
    const what = kind === 'secret' ? 'client secret' : 'certificate private key (PEM)';
    throw new Error(
      `The app setting ${setting}, which should hold the ${what} of ${connection.partnerCode}'s reconciler app ` +
        'registration, is missing or empty.',
    );
  }
  // The host leaves a Key Vault reference it could not resolve as it is: no secret by that name yet, or no access.
  if (value.trim().startsWith('@Microsoft.KeyVault(')) {
    throw new Error(
      `The app setting ${setting} of ${connection.partnerCode}'s reconciler is a Key Vault reference the host could ` +
        'not resolve: check that the secret exists and that the app identity holds Key Vault Secrets User on the vault.',
    );
  }
  return value;
}
