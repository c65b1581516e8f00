// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are Bicep text, whose interpolation is ${...}
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTAINERS, PARTITION_KEY_PATH } from '../../shared/stores/cosmos/containers';
import { PUBLIC_CLOUD_AUTHORITY_HOST } from '../../tools/teams-package/deployment-values';
import { TAB_VALUE_NAMES } from '../../tools/teams-package/tab-azure-files';
import {
  descriptionOf,
  INFRA_DIR,
  objectEntries,
  propertyBlock,
  REPO_ROOT,
  readAllBicep,
  readBicep,
  resourceText,
  stringArrayItems,
  stringLiteral,
  variableText,
} from './bicep-reader';

const files = readAllBicep();
const main = readBicep('infra/main.bicep');
const cosmos = readBicep('infra/core/cosmos.bicep');
const storage = readBicep('infra/core/storage.bicep');
const keyVault = readBicep('infra/core/key-vault.bicep');
const monitoring = readBicep('infra/core/monitoring.bicep');
const api = readBicep('infra/app/api.bicep');
const tab = readBicep('infra/app/tab.bicep');
const bot = readBicep('infra/app/bot.bicep');

/** The outputs main.bicep must have, by the deployment contract; azd writes them to .azure/<env>/.env. */
const CONTRACT_OUTPUTS = [
  'AZURE_LOCATION',
  'AZURE_TENANT_ID',
  'AZURE_RESOURCE_GROUP',
  'AZURE_FUNCTION_APP_NAME',
  'API_BASE_URL',
  'AZURE_STATIC_WEB_APP_NAME',
  'TAB_HOSTNAME',
  'TAB_BASE_URL',
  'API_CLIENT_ID',
  'API_APP_ID_URI',
  'ENTRA_AUTHORITY_HOST',
  'BOT_APP_ID',
  'BOT_TENANT_ID',
  'MANAGED_IDENTITY_CLIENT_ID',
  'MANAGED_IDENTITY_PRINCIPAL_ID',
  'KEY_VAULT_NAME',
  'KEY_VAULT_URI',
  'COSMOS_ENDPOINT',
  'COSMOS_ACCOUNT_NAME',
  'COSMOS_DATABASE',
  'STORAGE_ACCOUNT_NAME',
  'APPLICATIONINSIGHTS_NAME',
];

/** Built-in role definition ids, as Azure publishes them (checked against Microsoft's role lists). */
const ROLE_IDS = {
  'Storage Blob Data Owner': 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
  'Storage Queue Data Contributor': '974c5e8b-45b9-4653-ba55-5f855dd0fb88',
  'Storage Table Data Contributor': '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
  'Key Vault Secrets User': '4633458b-17de-408a-b874-0445c86b69e6',
  'Key Vault Secrets Officer': 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
  'Key Vault Certificates Officer': 'a4417e6f-fecd-4de8-b567-7b0420556985',
  'Monitoring Metrics Publisher': '3913510d-42f4-4e42-8a64-420c390055eb',
  'Cosmos DB Built-in Data Contributor': '00000000-0000-0000-0000-000000000002',
};

/** A property line `name: value` directly in a resource or object body. */
function property(body: string, name: string): string | undefined {
  return new RegExp(`^\\s*${name}:\\s*(.+)$`, 'm').exec(body)?.[1]?.trim();
}

describe('every template', () => {
  it('describes every parameter and output', () => {
    const undescribed = files.flatMap((file) =>
      [...file.params, ...file.outputs]
        .filter((declaration) => !descriptionOf(declaration)?.trim())
        .map((declaration) => `${file.path}: ${declaration.kind} ${declaration.name}`),
    );
    expect(files.length).toBeGreaterThanOrEqual(9);
    expect(undescribed).toEqual([]);
  });

  it('uses released (not preview) API versions', () => {
    const versions = files.flatMap((file) =>
      [...file.code.matchAll(/^resource\s+\w+\s+'([^'@]+)@([^']+)'/gm)].map((m) => `${file.path}: ${m[1]}@${m[2]}`),
    );
    expect(versions.length).toBeGreaterThan(20);
    expect(versions.filter((v) => /preview/i.test(v))).toEqual([]);
  });

  it('holds no key, secret or connection string built from a key', () => {
    const texts = [
      ...files.map((file) => ({ path: file.path, text: file.text })),
      { path: 'infra/main.parameters.json', text: readFileSync(join(INFRA_DIR, 'main.parameters.json'), 'utf8') },
      { path: 'azure.yaml', text: readFileSync(join(REPO_ROOT, 'azure.yaml'), 'utf8') },
    ];
    const forbidden = [
      /listKeys\s*\(/i,
      /listConnectionStrings\s*\(/i,
      /listSecrets\s*\(/i,
      /AccountKey\s*=/i,
      /SharedAccessSignature|SharedAccessKey/i,
      /primaryMasterKey|primaryKey|secondaryKey/i,
      /\.keys\s*\[/,
      /DefaultEndpointsProtocol=/i,
      /@secure\(\)/,
      /clientSecret|client_secret/i,
      /'[A-Za-z0-9+/]{40,}={0,2}'/, // a base64 blob in a string literal
    ];
    for (const { path, text } of texts) {
      for (const pattern of forbidden) expect(text, `${path} matches ${pattern}`).not.toMatch(pattern);
    }
  });

  it('names no secret in an output', () => {
    for (const file of files) {
      for (const output of file.outputs) expect(output.name, file.path).not.toMatch(/key$|secret|password/i);
    }
  });
});

describe('main.bicep', () => {
  it('creates the resource group at subscription scope, tagged with the azd environment', () => {
    expect(main.code).toMatch(/^targetScope = 'subscription'$/m);
    expect(resourceText(main, 'rg').type).toBe('Microsoft.Resources/resourceGroups');
    expect(objectEntries(variableText(main, 'tags'))).toEqual([{ key: 'azd-env-name', value: 'environmentName' }]);
    const modules = [...main.code.matchAll(/^module\s+(\w+)\s+'([^']+)'\s*=\s*\{/gm)];
    expect(modules.map((m) => m[1])).toEqual([
      'identity',
      'monitoring',
      'storage',
      'cosmos',
      'keyVault',
      'tab',
      'api',
      'bot',
    ]);
    for (const module of modules) {
      const start = (module.index ?? 0) + module[0].length - 1;
      const body = main.code.slice(start, main.code.indexOf('\n}\n', start));
      expect(body, `module ${module[1]}`).toMatch(/^\s*scope: rg$/m);
      expect(body, `module ${module[1]}`).toMatch(/^\s*tags: tags$/m);
    }
  });

  it('has exactly the outputs of the deployment contract, all strings', () => {
    expect(main.outputs.map((output) => output.name).sort()).toEqual([...CONTRACT_OUTPUTS].sort());
    for (const output of main.outputs) expect(output.type, output.name).toBe('string');
  });

  it('builds the API application ID URI from the tab hostname', () => {
    expect(variableText(main, 'apiAppIdUri')).toBe("'api://${tab.outputs.hostname}/${apiClientId}'");
    expect(main.outputs.find((o) => o.name === 'API_APP_ID_URI')?.value).toBe('apiAppIdUri');
    expect(main.outputs.find((o) => o.name === 'TAB_BASE_URL')?.value).toBe("'https://${tab.outputs.hostname}'");
    expect(main.outputs.find((o) => o.name === 'API_BASE_URL')?.value).toBe("'https://${api.outputs.defaultHostname}'");
    expect(main.outputs.find((o) => o.name === 'BOT_APP_ID')?.value).toBe('identity.outputs.clientId');
  });

  it("outputs every value the tab's Azure build reads, the authority as the Function App is given it", () => {
    // The predeploy hook runs npm run build:tab:azure, which reads these from the azd environment.
    const outputs = main.outputs.map((output) => output.name);
    expect(TAB_VALUE_NAMES.filter((name) => !outputs.includes(name))).toEqual([]);
    expect(main.outputs.find((o) => o.name === 'ENTRA_AUTHORITY_HOST')?.value).toBe('entraAuthorityHost');
    expect(main.code).toMatch(/module api[\s\S]*?entraAuthorityHost: entraAuthorityHost/);
    const parameterDefault = main.params.find((param) => param.name === 'entraAuthorityHost')?.value ?? '';
    expect(stringLiteral(parameterDefault)).toBe(PUBLIC_CLOUD_AUTHORITY_HOST);
  });
});

describe('main.parameters.json', () => {
  const parametersFile = JSON.parse(readFileSync(join(INFRA_DIR, 'main.parameters.json'), 'utf8')) as {
    parameters: Record<string, { value: unknown }>;
  };
  const entries = Object.entries(parametersFile.parameters);
  const variableOf = (value: unknown) => /^\$\{([A-Z][A-Z0-9_]*)(=[^}]*)?\}$/.exec(String(value))?.[1];

  it('gives every parameter of main.bicep, and nothing else', () => {
    expect(entries.map(([name]) => name).sort()).toEqual(main.params.map((param) => param.name).sort());
  });

  it('holds only azd substitutions of environment values, no literal value and no GUID', () => {
    for (const [name, { value }] of entries) {
      expect(variableOf(value), `${name}: ${String(value)}`).toBeDefined();
      expect(String(value), name).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    }
    expect(variableOf(parametersFile.parameters.environmentName?.value)).toBe('AZURE_ENV_NAME');
    expect(variableOf(parametersFile.parameters.location?.value)).toBe('AZURE_LOCATION');
  });

  it('has defaults that match the Bicep defaults', () => {
    for (const [name, { value }] of entries) {
      const fallback = /=([^}]*)\}$/.exec(String(value))?.[1];
      const bicepDefault = main.params.find((param) => param.name === name)?.value;
      if (fallback === undefined || bicepDefault === undefined) continue;
      const literal = stringLiteral(bicepDefault) ?? bicepDefault;
      expect(fallback, name).toBe(literal);
    }
  });

  it('names only environment values the deployment guide documents', () => {
    const guide = readFileSync(join(REPO_ROOT, 'docs', 'deploy.md'), 'utf8');
    const undocumented = entries
      .map(([, { value }]) => variableOf(value) ?? '')
      .filter((variable) => !guide.includes(variable));
    expect(undocumented).toEqual([]);
  });
});

describe('Cosmos DB (infra/core/cosmos.bicep)', () => {
  const containerNames = stringArrayItems(variableText(cosmos, 'containerNames'));

  it('creates every container of shared/stores/cosmos/containers.ts, and no other', () => {
    expect([...containerNames].sort()).toEqual(Object.values(CONTAINERS).sort());
    expect(new Set(containerNames).size).toBe(containerNames.length);
  });

  it('partitions every container by /partnershipId', () => {
    expect(stringLiteral(variableText(cosmos, 'partitionKeyPath'))).toBe(PARTITION_KEY_PATH);
    expect(PARTITION_KEY_PATH).toBe('/partnershipId');
    const containers = resourceText(cosmos, 'containers');
    expect(containers.type).toBe('Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers');
    expect(cosmos.code).toMatch(/resource containers '[^']+' = \[\s*for (\w+) in containerNames: \{/);
    expect(containers.body).toMatch(/^\s*id: containerName$/m);
    expect(containers.body).toMatch(/^\s*paths: \[partitionKeyPath\]$/m);
  });

  it('fits a shared-throughput database (at most 25 containers), so the provisioned option still deploys', () => {
    expect(containerNames.length).toBeLessThanOrEqual(25);
  });

  it('disables local (key) authentication and gives the identity the built-in Data Contributor role', () => {
    const account = resourceText(cosmos, 'account');
    expect(property(account.body, 'disableLocalAuth')).toBe('true');
    expect(property(account.body, 'disableKeyBasedMetadataWriteAccess')).toBe('true');
    expect(stringLiteral(variableText(cosmos, 'dataContributorRoleId'))).toBe(
      ROLE_IDS['Cosmos DB Built-in Data Contributor'],
    );
    const assignment = resourceText(cosmos, 'dataContributor');
    expect(assignment.type).toBe('Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments');
    expect(property(assignment.body, 'roleDefinitionId')).toBe(
      "'${account.id}/sqlRoleDefinitions/${dataContributorRoleId}'",
    );
    expect(property(assignment.body, 'principalId')).toBe('principalId');
    expect(property(assignment.body, 'scope')).toBe('account.id');
    expect(main.code).toMatch(/module cosmos[\s\S]*?principalId: identity\.outputs\.principalId/);
  });

  it('is serverless unless the parameter says otherwise', () => {
    expect(main.params.find((param) => param.name === 'cosmosServerless')?.value).toBe('true');
    expect(property(resourceText(cosmos, 'account').body, 'capabilities')).toBe(
      'serverless ? serverlessCapabilities : []',
    );
    expect(variableText(cosmos, 'serverlessCapabilities')).toContain("name: 'EnableServerless'");
  });
});

describe('Storage (infra/core/storage.bicep)', () => {
  it('refuses shared keys, old TLS and public blobs', () => {
    const account = resourceText(storage, 'storage');
    expect(property(account.body, 'allowSharedKeyAccess')).toBe('false');
    expect(property(account.body, 'minimumTlsVersion')).toBe("'TLS1_2'");
    expect(property(account.body, 'allowBlobPublicAccess')).toBe('false');
    expect(property(account.body, 'supportsHttpsTrafficOnly')).toBe('true');
  });

  it('gives the identity Blob Data Owner, Queue Data Contributor and Table Data Contributor', () => {
    const roles = objectEntries(variableText(storage, 'roles')).map((entry) => stringLiteral(entry.value));
    expect(roles.sort()).toEqual(
      [
        ROLE_IDS['Storage Blob Data Owner'],
        ROLE_IDS['Storage Queue Data Contributor'],
        ROLE_IDS['Storage Table Data Contributor'],
      ].sort(),
    );
    expect(storage.code).toMatch(/resource dataRoles '[^']+' = \[\s*for role in items\(roles\): \{/);
    const assignment = resourceText(storage, 'dataRoles');
    expect(property(assignment.body, 'principalId')).toBe('principalId');
    expect(property(assignment.body, 'scope')).toBe('storage');
    expect(main.code).toMatch(/module storage[\s\S]*?principalId: identity\.outputs\.principalId/);
  });
});

describe('Key Vault (infra/core/key-vault.bicep)', () => {
  it('uses RBAC, soft delete and purge protection', () => {
    const vault = resourceText(keyVault, 'vault');
    expect(property(vault.body, 'enableRbacAuthorization')).toBe('true');
    expect(property(vault.body, 'enableSoftDelete')).toBe('true');
    expect(property(vault.body, 'enablePurgeProtection')).toBe('true');
  });

  it('lets the identity read secrets, and the deployer manage certificates only when asked', () => {
    const roles = Object.fromEntries(
      objectEntries(variableText(keyVault, 'roles')).map((entry) => [entry.key, stringLiteral(entry.value)]),
    );
    expect(roles.keyVaultSecretsUser).toBe(ROLE_IDS['Key Vault Secrets User']);
    expect(roles.keyVaultSecretsOfficer).toBe(ROLE_IDS['Key Vault Secrets Officer']);
    expect(roles.keyVaultCertificatesOfficer).toBe(ROLE_IDS['Key Vault Certificates Officer']);
    const user = resourceText(keyVault, 'secretsUser');
    expect(user.body).toContain('roles.keyVaultSecretsUser');
    expect(property(user.body, 'principalId')).toBe('principalId');
    expect(variableText(keyVault, 'deployerRoles')).toMatch(/^empty\(deployerPrincipalId\) \? \[\] :/);
    expect(main.code).toMatch(/deployerPrincipalId: grantDeployerKeyVaultAccess \? principalId : ''/);
    expect(main.params.find((param) => param.name === 'grantDeployerKeyVaultAccess')?.value).toBe('false');
  });
});

describe('Application Insights (infra/core/monitoring.bicep)', () => {
  it('disables local authentication, keeps logs in Log Analytics and lets the identity publish', () => {
    const component = resourceText(monitoring, 'applicationInsights');
    expect(property(component.body, 'DisableLocalAuth')).toBe('true');
    expect(property(component.body, 'WorkspaceResourceId')).toBe('workspace.id');
    expect(stringLiteral(variableText(monitoring, 'monitoringMetricsPublisher'))).toBe(
      ROLE_IDS['Monitoring Metrics Publisher'],
    );
    const publisher = resourceText(monitoring, 'publisher');
    expect(property(publisher.body, 'scope')).toBe('applicationInsights');
    expect(property(publisher.body, 'principalId')).toBe('principalId');
  });
});

describe('the Function App (infra/app/api.bicep)', () => {
  const plan = resourceText(api, 'plan');
  const site = resourceText(api, 'functionApp');

  it('runs on Flex Consumption with Node 22 and 2048 MB instances', () => {
    const sku = propertyBlock(plan.body, 'sku');
    expect(property(sku, 'name')).toBe("'FC1'");
    expect(property(sku, 'tier')).toBe("'FlexConsumption'");
    expect(property(site.body, 'kind')).toBe("'functionapp,linux'");
    expect(site.body).toMatch(/runtime: \{\s*name: 'node'\s*version: '22'\s*\}/);
    expect(property(site.body, 'instanceMemoryMB')).toBe('2048');
    expect(property(site.body, 'maximumInstanceCount')).toBe('maximumInstanceCount');
    expect(property(site.body, 'httpsOnly')).toBe('true');
  });

  it('deploys from its blob container with the user-assigned identity', () => {
    expect(site.body).toMatch(/type: 'blobContainer'/);
    expect(site.body).toMatch(
      /authentication: \{\s*type: 'UserAssignedIdentity'\s*userAssignedIdentityResourceId: identity\.id\s*\}/,
    );
  });

  it('is tagged as the azd service api and turns basic publishing credentials off', () => {
    expect(property(site.body, 'tags')).toBe("union(tags, { 'azd-service-name': 'api' })");
    for (const symbol of ['scmBasicAuth', 'ftpBasicAuth']) {
      expect(property(resourceText(api, symbol).body, 'allow'), symbol).toBe('false');
    }
  });
});

describe('the Azure Bot (infra/app/bot.bicep)', () => {
  it('is an azurebot registered as the user-assigned identity, calling /api/messages on the Function App', () => {
    const registration = resourceText(bot, 'bot');
    expect(registration.type).toBe('Microsoft.BotService/botServices');
    expect(property(registration.body, 'kind')).toBe("'azurebot'");
    expect(property(registration.body, 'msaAppType')).toBe("'UserAssignedMSI'");
    expect(property(registration.body, 'msaAppId')).toBe('identityClientId');
    expect(property(registration.body, 'msaAppTenantId')).toBe('tenantId');
    expect(property(registration.body, 'msaAppMSIResourceId')).toBe('identityResourceId');
    expect(property(registration.body, 'endpoint')).toBe("'https://${functionAppHostname}/api/messages'");
    expect(main.params.find((param) => param.name === 'botSku')?.value).toBe("'F0'");
  });

  it('has the Microsoft Teams channel', () => {
    const channel = resourceText(bot, 'teams');
    expect(channel.type).toBe('Microsoft.BotService/botServices/channels');
    expect(property(channel.body, 'name')).toBe("'MsTeamsChannel'");
    expect(property(channel.body, 'channelName')).toBe("'MsTeamsChannel'");
  });
});

describe('the tab (infra/app/tab.bicep)', () => {
  it('is a Free static web app tagged as the azd service tab', () => {
    const site = resourceText(tab, 'staticSite');
    expect(site.type).toBe('Microsoft.Web/staticSites');
    expect(property(site.body, 'name')).toBe('name');
    expect(site.body).toMatch(/sku: \{\s*name: 'Free'\s*tier: 'Free'\s*\}/);
    expect(property(site.body, 'tags')).toBe("union(tags, { 'azd-service-name': 'tab' })");
  });
});
