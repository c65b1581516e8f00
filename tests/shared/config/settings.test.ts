import { describe, expect, it } from 'vitest';
import { ConfigurationError, loadSettings } from '../../../shared/config/settings';

const development = {
  HUB_ENVIRONMENT: 'development',
  COSMOS_ENDPOINT: 'https://127.0.0.1:8081/',
  COSMOS_KEY: 'a2V5',
  STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
  API_CLIENT_ID: '6f1c2b7e-3a4d-4e5f-9a0b-1c2d3e4f5a6b',
};

const production = {
  HUB_ENVIRONMENT: 'production',
  COSMOS_ENDPOINT: 'https://hub.documents.azure.com:443/',
  COSMOS_KEY: 'a2V5',
  STORAGE_CONNECTION_STRING:
    'DefaultEndpointsProtocol=https;AccountName=hubprod;AccountKey=a2V5;EndpointSuffix=core.windows.net',
  API_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
  API_APP_ID_URI: 'api://hub.example.org/11111111-2222-4333-8444-555555555555',
  ALLOWED_ORIGINS: 'https://hub.example.org',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadSettings(env);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadSettings', () => {
  it('reads a development environment, with defaults', () => {
    const settings = loadSettings(development);
    expect(settings.cosmos.database).toBe('partnership-hub');
    expect(settings.localHostPort).toBe(7071);
    expect(settings.identity).toEqual({
      authorityHost: 'https://login.microsoftonline.com',
      apiClientId: development.API_CLIENT_ID,
      apiAppIdUri: `api://${development.API_CLIENT_ID}`,
    });
    expect(settings.allowedOrigins).toEqual([]);
  });

  it('reads a production environment pointing at Azure', () => {
    const settings = loadSettings(production);
    expect(settings.environment).toBe('production');
    expect(settings.allowedOrigins).toEqual(['https://hub.example.org']);
    expect(settings.identity.apiAppIdUri).toBe(production.API_APP_ID_URI);
  });

  it('lists every problem at once, not only the first', () => {
    const problems = problemsOf({
      HUB_ENVIRONMENT: 'staging',
      COSMOS_ENDPOINT: 'http://cosmos.example',
      STORAGE_CONNECTION_STRING: '',
      API_CLIENT_ID: 'not-a-guid',
      LOCAL_HOST_PORT: '70000',
      ALLOWED_ORIGINS: 'https://hub.example.org/path',
    });
    for (const setting of [
      'HUB_ENVIRONMENT',
      'COSMOS_ENDPOINT',
      'COSMOS_KEY',
      'STORAGE_CONNECTION_STRING',
      'API_CLIENT_ID',
      'LOCAL_HOST_PORT',
      'ALLOWED_ORIGINS',
    ]) {
      expect(
        problems.some((p) => p.startsWith(`${setting}:`)),
        setting,
      ).toBe(true);
    }
  });

  it('refuses every development-only setting in production, all reported together', () => {
    const problems = problemsOf({
      ...production,
      COSMOS_ENDPOINT: 'https://localhost:8081/',
      COSMOS_CA_CERT_FILE: '.local/ca/ca.pem',
      STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
      ENTRA_AUTHORITY_HOST: 'https://127.0.0.1:44300',
    });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'COSMOS_CA_CERT_FILE',
      'COSMOS_ENDPOINT',
      'ENTRA_AUTHORITY_HOST',
      'STORAGE_CONNECTION_STRING',
    ]);
  });

  it('refuses an authority that is not https, even in development', () => {
    expect(problemsOf({ ...development, ENTRA_AUTHORITY_HOST: 'http://login.example' })).toEqual([
      'ENTRA_AUTHORITY_HOST: tokens are only trusted from an https authority',
    ]);
  });
});
