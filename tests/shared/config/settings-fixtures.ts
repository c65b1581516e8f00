import { ConfigurationError, loadSettings } from '../../../shared/config/settings';

/** What `npm start` gives a development machine: the local stand-ins. */
export const development = {
  HUB_ENVIRONMENT: 'development',
  COSMOS_ENDPOINT: 'https://127.0.0.1:8081/',
  COSMOS_KEY: 'a2V5',
  COSMOS_CA_CERT_FILE: '.local/ca/ca.pem',
  HUB_STORAGE: 'UseDevelopmentStorage=true',
  API_CLIENT_ID: '6f1c2b7e-3a4d-4e5f-9a0b-1c2d3e4f5a6b',
};

export const IDENTITY_CLIENT_ID = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';

/** What the infrastructure templates give the Function App: a managed identity and no key. */
export const production = {
  HUB_ENVIRONMENT: 'production',
  COSMOS_ENDPOINT: 'https://hub.documents.azure.com:443/',
  AZURE_CLIENT_ID: IDENTITY_CLIENT_ID,
  HUB_STORAGE__blobServiceUri: 'https://hubprod.blob.core.windows.net',
  HUB_STORAGE__queueServiceUri: 'https://hubprod.queue.core.windows.net',
  HUB_STORAGE__credential: 'managedidentity',
  HUB_STORAGE__clientId: IDENTITY_CLIENT_ID,
  API_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
  LICENCE_RUN_QUEUE: 'licence-runs',
};

/** The problems loadSettings reports, or [] when it accepts the environment. */
export function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadSettings(env);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  return [];
}
