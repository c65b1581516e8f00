import { readFileSync } from 'node:fs';
import { loadDemoDatasets } from './seed/demo-datasets';
import { readStackState } from './stack/stack-state';
import { trustLocalCertificateAuthority } from './stack/trust-local-ca';
import { acquireDemoUserToken } from './tenants/demo-user-token';
import { buildDemoTenants } from './tenants/demo-users';

const USAGE = `Usage:
  npm run token -- <user principal name>   print an access token for a demo user (npm start must be running)
  npm run token -- --list                  list the demo users`;

/**
 * `npm run token`: a bearer token for scripts, from the simulated tenant of the user's council, through the real
 * msal-node. Local development only.
 */
async function main(argv: string[]): Promise<void> {
  if (process.env.HUB_ENVIRONMENT === 'production') throw new Error('npm run token is for local development only.');
  const tenants = buildDemoTenants(loadDemoDatasets().map((dataset) => dataset.partnership));
  const argument = argv[0];
  if (!argument || argument === '--help') {
    console.log(USAGE);
    return;
  }
  if (argument === '--list') {
    for (const tenant of tenants) {
      for (const user of tenant.users) {
        console.log(
          `${user.userPrincipalName.padEnd(36)} ${user.displayName.padEnd(16)} ${`${tenant.partnershipId}/${tenant.partnerCode}`.padEnd(18)} ${user.roles.join(', ')}`,
        );
      }
    }
    return;
  }
  const tenant = tenants.find((t) => t.users.some((u) => u.userPrincipalName.toLowerCase() === argument.toLowerCase()));
  if (!tenant) throw new Error(`${argument} is not a demo user; npm run token -- --list shows them.`);
  const stack = readStackState();
  if (!stack) throw new Error('The product is not running: start it with npm start, then ask again.');

  trustLocalCertificateAuthority(readFileSync(stack.caCertFile, 'utf8'));
  const { accessToken } = await acquireDemoUserToken({
    authorityHost: stack.authorityHost,
    tenantId: tenant.tenantId,
    apiClientId: stack.apiClientId,
    apiAppIdUri: stack.apiAppIdUri,
    userPrincipalName: argument,
  });
  process.stdout.write(`${accessToken}\n`);
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
