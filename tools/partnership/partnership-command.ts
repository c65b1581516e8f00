import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { cosmosEnvironment } from '../../shared/config/settings';
import { DomainError } from '../../shared/errors';
import { putPartnership } from '../../shared/partnerships/put-partnership';
import { createCosmosClient } from '../../shared/stores/cosmos/cosmos-client';
import { createCosmosStores } from '../../shared/stores/cosmos/cosmos-stores';

const USAGE = `Usage: npm run partnership -- --file <partnership.json>

Writes a partnership's record (its councils: codes, names and Microsoft Entra tenant ids) to Cosmos DB: created
when new, replaced when changed, left alone when the same. The API knows a council's users only through this
record, and no API call can create it. The file is the record itself, or a demo dataset holding one under
"partnership" (local/demo-data/3c-ict.json).

Environment:
  COSMOS_ENDPOINT      the account, e.g. https://cosmos-hub.documents.azure.com:443/ (the COSMOS_ENDPOINT output)
  COSMOS_DATABASE      default partnership-hub
  COSMOS_KEY           only for the local stand-in; without it you sign in as yourself (az login) and need the
                       Cosmos DB Built-in Data Contributor role (docs/deploy.md, "The partnership record")

Exit codes: 0 written or unchanged, 1 Cosmos DB failed, 2 bad arguments, file or record.`;

const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;

const environment = z.object(cosmosEnvironment).refine((env) => env.COSMOS_ENDPOINT.startsWith('https://'), {
  path: ['COSMOS_ENDPOINT'],
  message: 'Cosmos DB is reached over https only',
});

/** `npm run partnership -- --file <file>`: the operator's way to add a partnership or change its councils. */
async function main(argv: string[]): Promise<number> {
  let file: string | undefined;
  try {
    const { values } = parseArgs({
      args: argv,
      options: { file: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      console.log(USAGE);
      return EXIT.ok;
    }
    file = values.file;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return EXIT.badInput;
  }
  const env = environment.safeParse(process.env);
  if (!file || !env.success) {
    const problems = [
      ...(file ? [] : ['give the record with --file <file>']),
      ...(env.success ? [] : env.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)),
    ];
    console.error(`${problems.join('\n')}\n\n${USAGE}`);
    return EXIT.badInput;
  }
  let input: unknown;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { partnership?: unknown };
    input = parsed.partnership ?? parsed;
  } catch (error) {
    console.error(`Could not read ${file} as JSON: ${(error as Error).message}`);
    return EXIT.badInput;
  }

  const values = env.data;
  const client = createCosmosClient({
    cosmos: {
      endpoint: values.COSMOS_ENDPOINT,
      database: values.COSMOS_DATABASE,
      key: values.COSMOS_KEY,
      caCertFile: values.COSMOS_CA_CERT_FILE,
    },
    // A person at a shell: their own sign-in (az login, or another DefaultAzureCredential source), never a key.
    environment: 'development',
    azureIdentity: {},
  });
  try {
    const stores = createCosmosStores(client.database(values.COSMOS_DATABASE));
    const { outcome, partnership } = await putPartnership(stores, input);
    const councils = partnership.partners.map((p) => `${p.code} (tenant ${p.tenantId})`).join(', ');
    console.log(`Partnership ${partnership.id} ${outcome}: ${councils}.`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'invalid-input') {
      console.error(error.message);
      return EXIT.badInput;
    }
    console.error(`Could not write the partnership: ${(error as Error).message}`);
    return EXIT.failed;
  } finally {
    client.dispose();
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
