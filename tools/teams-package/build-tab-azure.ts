import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DeploymentValueProblems, REPO_ROOT, readDeploymentValues } from './deployment-values';
import { TAB_VALUE_NAMES, type TabValues, writeTabAzureFiles } from './tab-azure-files';

const TAB_BUILD = join(REPO_ROOT, 'dist', 'tab');
const VITE = join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
const VITE_CONFIG = join(REPO_ROOT, 'teams-app', 'tab', 'vite.config.ts');

export type TabBuildOptions = {
  /** Where the tab is built; dist/tab unless a test says otherwise. */
  outDir?: string;
  /** Vite's own output: shown as it builds, or kept and shown only when the build fails. */
  viteOutput?: 'inherit' | 'pipe';
};

/**
 * Builds the tab for Azure Static Web Apps, with the Function App's URL baked in as the API's base
 * (VITE_API_BASE_URL), checks that the built scripts call it, and writes tab-config.json and
 * staticwebapp.config.json beside the tab. Returns the files written.
 */
export function buildTabForAzure(values: TabValues, options: TabBuildOptions = {}): string[] {
  const outDir = options.outDir ?? TAB_BUILD;
  const build = spawnSync(
    process.execPath,
    [VITE, 'build', '--config', VITE_CONFIG, '--outDir', outDir, '--emptyOutDir'],
    {
      cwd: REPO_ROOT,
      // A production build whatever the caller's NODE_ENV (a test runner sets its own).
      env: { ...process.env, NODE_ENV: 'production', VITE_API_BASE_URL: values.API_BASE_URL },
      stdio: options.viteOutput ?? 'inherit',
      encoding: 'utf8',
    },
  );
  if (build.status !== 0) {
    throw new Error(`The tab did not build.${build.stdout ? `\n${build.stdout}\n${build.stderr}` : ''}`);
  }
  if (!scriptsMention(join(outDir, 'assets'), values.API_BASE_URL)) {
    throw new Error(`The built tab does not call ${values.API_BASE_URL}: does api.ts still read VITE_API_BASE_URL?`);
  }
  return writeTabAzureFiles(outDir, values);
}

function scriptsMention(folder: string, text: string): boolean {
  if (!existsSync(folder)) return false;
  return readdirSync(folder)
    .filter((name) => name.endsWith('.js'))
    .some((name) => readFileSync(join(folder, name), 'utf8').includes(text));
}

/** `npm run build:tab:azure`: the tab in dist/tab for the deployment named by the environment or azd's outputs. */
function main(): number {
  try {
    const values = readDeploymentValues(TAB_VALUE_NAMES);
    const written = buildTabForAzure(values);
    console.log(
      `Tab built for Azure in ${relative(process.cwd(), TAB_BUILD)}, calling the API at ${values.API_BASE_URL}, ` +
        `signing in at ${values.ENTRA_AUTHORITY_HOST}`,
    );
    for (const file of written) console.log(`  ${relative(process.cwd(), file)}`);
    return 0;
  } catch (error) {
    // Values to fix print as their list; a failed build or anything else prints in full.
    console.error(error instanceof DeploymentValueProblems ? error.message : error);
    return 1;
  }
}

if (require.main === module) process.exit(main());
