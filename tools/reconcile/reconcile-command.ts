import { parseArgs } from 'node:util';
import { ConfigProblems, loadReconcileConfig } from './reconcile-config';
import { runReconciliation } from './run-reconciliation';

const USAGE = `Usage: npm run reconcile -- --config <file>

Runs one licence reconciliation against the tenants in a JSON config file and prints a JSON summary as the last
line of standard output; progress goes to standard error. Nothing is stored and no mail is sent.

Config file:
  {
    "tenants": [ { "partnerCode", "tenantId", "clientId", "credential": { "kind": "secret", "setting": "ENV_VAR" },
                   "authorityHost": "https://login.microsoftonline.com", "graphBaseUrl": "https://graph.microsoft.com" } ],
    "prices": "prices.json",      optional, default the demo price list
    "hrFeed": "hr.csv",           optional starters-and-leavers CSV
    "inactiveDays": 90,           optional
    "signIns": true               optional: false skips the (heavily throttled) sign-in activity pass
  }
  Paths are relative to the config file. Each credential is read from the environment variable its "setting"
  names (a client secret, or a certificate's PEM private key), never from the file.

Exit codes: 0 done, 1 Graph or sign-in failure, 2 bad arguments or config.`;

/** Exit codes, so scripts can tell a config to fix from a tenant that failed. */
const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;

/** `npm run reconcile -- --config <file>`: a reconciliation from the command line, e.g. to try a tenant's set-up. */
async function main(argv: string[]): Promise<number> {
  let values: { config?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { config: { type: 'string', short: 'c' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return EXIT.badInput;
  }
  if (values.help) {
    console.log(USAGE);
    return EXIT.ok;
  }
  if (!values.config) {
    console.error(`Give the config file with --config <file>.\n\n${USAGE}`);
    return EXIT.badInput;
  }

  try {
    const config = loadReconcileConfig(values.config);
    const started = performance.now();
    const summary = await runReconciliation(config, {
      env: process.env,
      now: new Date(),
      log: (line) => console.error(line),
    });
    console.error(
      `${summary.findings} findings, £${summary.annualCostGbp.toFixed(2)} a year, ` +
        `in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
    );
    console.log(JSON.stringify(summary));
    return EXIT.ok;
  } catch (error) {
    if (error instanceof ConfigProblems) {
      console.error(error.message);
      return EXIT.badInput;
    }
    console.error(error instanceof Error ? error.message : String(error));
    return EXIT.failed;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(EXIT.failed);
  },
);
