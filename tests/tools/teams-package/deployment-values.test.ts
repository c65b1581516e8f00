import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_TEAMS_APP_ID,
  DeploymentValueProblems,
  PUBLIC_CLOUD_AUTHORITY_HOST,
  parseDotEnv,
  readDeploymentValues,
} from '../../../tools/teams-package/deployment-values';
import { PACKAGE_VALUE_NAMES } from '../../../tools/teams-package/teams-manifest';

const API_CLIENT_ID = '0a1b2c3d-1111-4222-8333-444455556666';
const VALID = {
  API_CLIENT_ID,
  BOT_APP_ID: '9f8e7d6c-aaaa-4bbb-8ccc-ddddeeeeffff',
  TAB_BASE_URL: 'https://hub-tab.example.org',
  API_BASE_URL: 'https://hub-api.example.net',
  API_APP_ID_URI: `api://hub-tab.example.org/${API_CLIENT_ID}`,
};

describe('the deployment values read by npm run package and npm run build:tab:azure', () => {
  const folders: string[] = [];
  afterAll(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  /** A repository root with azd environments: `.azure/<name>/.env` files and, optionally, a default. */
  const repoWith = (environments: Record<string, string>, defaultEnvironment?: string): string => {
    const root = mkdtempSync(join(tmpdir(), 'deployment-values-'));
    folders.push(root);
    for (const [name, text] of Object.entries(environments)) {
      mkdirSync(join(root, '.azure', name), { recursive: true });
      writeFileSync(join(root, '.azure', name, '.env'), text);
    }
    if (defaultEnvironment) {
      mkdirSync(join(root, '.azure'), { recursive: true });
      writeFileSync(join(root, '.azure', 'config.json'), JSON.stringify({ version: 1, defaultEnvironment }));
    }
    return root;
  };
  const azdFile = (values: Record<string, string>) =>
    `${Object.entries(values)
      .map(([key, value]) => `${key}="${value}"`)
      .join('\n')}\n`;
  const problemsOf = (run: () => unknown): string[] => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(DeploymentValueProblems);
      return (error as DeploymentValueProblems).problems;
    }
    throw new Error('the values were accepted');
  };

  it('reads every value from the environment, normalised, with the default Teams app id', () => {
    const root = repoWith({});
    const values = readDeploymentValues(PACKAGE_VALUE_NAMES, {
      env: { ...VALID, BOT_APP_ID: VALID.BOT_APP_ID.toUpperCase(), TAB_BASE_URL: 'https://hub-tab.example.org/' },
      root,
    });
    expect(values).toEqual({ ...VALID, TEAMS_APP_ID: DEFAULT_TEAMS_APP_ID });
  });

  it("reads what the environment lacks from azd's default environment, the environment winning", () => {
    const root = repoWith(
      { prod: azdFile({ ...VALID, API_BASE_URL: 'https://from-file.example.net' }), other: azdFile({}) },
      'prod',
    );
    const fromFile = readDeploymentValues(PACKAGE_VALUE_NAMES, { env: {}, root });
    expect(fromFile.API_BASE_URL).toBe('https://from-file.example.net');
    expect(fromFile.BOT_APP_ID).toBe(VALID.BOT_APP_ID);
    const overridden = readDeploymentValues(['API_BASE_URL'], {
      env: { API_BASE_URL: 'https://from-env.example.net' },
      root,
    });
    expect(overridden.API_BASE_URL).toBe('https://from-env.example.net');
  });

  it('reads the azd environment AZURE_ENV_NAME names rather than the default one', () => {
    const root = repoWith(
      {
        prod: azdFile({ ...VALID, API_BASE_URL: 'https://prod.example.net' }),
        test: azdFile({ ...VALID, API_BASE_URL: 'https://test.example.net' }),
      },
      'prod',
    );
    expect(readDeploymentValues(['API_BASE_URL'], { env: { AZURE_ENV_NAME: 'test' }, root }).API_BASE_URL).toBe(
      'https://test.example.net',
    );
  });

  it('names every missing value, and where it was looked for', () => {
    const none = problemsOf(() => readDeploymentValues(PACKAGE_VALUE_NAMES, { env: {}, root: repoWith({}) }));
    expect(none.map((problem) => problem.split(':')[0])).toEqual([
      'API_CLIENT_ID',
      'API_APP_ID_URI',
      'BOT_APP_ID',
      'TAB_BASE_URL',
      'API_BASE_URL',
    ]);
    expect(none[0]).toMatch(/missing .*set AZURE_ENV_NAME/);

    const { BOT_APP_ID: _, ...withoutBot } = VALID;
    const root = repoWith({ dev: azdFile(withoutBot) }, 'dev');
    const one = problemsOf(() => readDeploymentValues(PACKAGE_VALUE_NAMES, { env: {}, root }));
    expect(one).toEqual([`BOT_APP_ID: missing (not in the environment nor in ${join('.azure', 'dev', '.env')})`]);

    const gone = problemsOf(() => readDeploymentValues(['BOT_APP_ID'], { env: { AZURE_ENV_NAME: 'nowhere' }, root }));
    expect(gone[0]).toMatch(/BOT_APP_ID: missing .*\.azure.nowhere.\.env, which does not exist/);
  });

  it('names every malformed value with what is wrong and where it came from', () => {
    const root = repoWith({ dev: azdFile({ BOT_APP_ID: 'bot' }) }, 'dev');
    const env = {
      API_CLIENT_ID: 'client',
      TAB_BASE_URL: 'http://hub-tab.example.org',
      API_BASE_URL: 'https://hub-api.example.net/api',
      API_APP_ID_URI: 'https://hub-tab.example.org',
      TEAMS_APP_ID: 'teams',
    };
    const problems = problemsOf(() => readDeploymentValues(PACKAGE_VALUE_NAMES, { env, root }));
    expect(problems).toEqual([
      expect.stringMatching(/^TEAMS_APP_ID \(from the environment\): must be a GUID/),
      expect.stringMatching(/^API_CLIENT_ID \(from the environment\): must be a GUID/),
      expect.stringMatching(/^API_APP_ID_URI \(from the environment\): must be an application ID URI/),
      expect.stringMatching(/^BOT_APP_ID \(from \.azure.dev.\.env\): must be a GUID/),
      expect.stringMatching(/^TAB_BASE_URL \(from the environment\): must start with https:\/\//),
      expect.stringMatching(/^API_BASE_URL \(from the environment\): must be the site's root/),
    ]);
  });

  it("refuses an application ID URI that is not api://<the tab's host>/<API_CLIENT_ID>, which Teams SSO needs", () => {
    const env = { ...VALID, API_APP_ID_URI: `api://elsewhere.example.org/${API_CLIENT_ID}` };
    const problems = problemsOf(() => readDeploymentValues(PACKAGE_VALUE_NAMES, { env, root: repoWith({}) }));
    expect(problems).toEqual([
      `API_APP_ID_URI: must be api://hub-tab.example.org/${API_CLIENT_ID} (the tab's host and API_CLIENT_ID) for ` +
        `Teams single sign-on, not api://elsewhere.example.org/${API_CLIENT_ID}`,
    ]);
  });

  it("reads ENTRA_AUTHORITY_HOST as the template does: the environment, azd's file, else the public cloud; https only", () => {
    const read = (env: Record<string, string>, root = repoWith({})) =>
      readDeploymentValues(['ENTRA_AUTHORITY_HOST'], { env, root }).ENTRA_AUTHORITY_HOST;
    expect(read({})).toBe(PUBLIC_CLOUD_AUTHORITY_HOST);
    expect(PUBLIC_CLOUD_AUTHORITY_HOST).toBe('https://login.microsoftonline.com');
    const usGov = repoWith({ gov: azdFile({ ENTRA_AUTHORITY_HOST: 'https://login.microsoftonline.us/' }) }, 'gov');
    expect(read({}, usGov)).toBe('https://login.microsoftonline.us');
    expect(read({ ENTRA_AUTHORITY_HOST: 'https://login.partner.microsoftonline.cn' }, usGov)).toBe(
      'https://login.partner.microsoftonline.cn',
    );
    const problems = (value: string) => problemsOf(() => read({ ENTRA_AUTHORITY_HOST: value }));
    expect(problems('http://login.microsoftonline.com')).toEqual([
      expect.stringMatching(/^ENTRA_AUTHORITY_HOST \(from the environment\): must start with https:\/\//),
    ]);
    expect(problems('https://login.microsoftonline.com/organizations')).toEqual([
      expect.stringMatching(/^ENTRA_AUTHORITY_HOST \(from the environment\): must be the site's root/),
    ]);
    for (const local of ['https://127.0.0.1:44300', 'https://localhost:8443']) {
      expect(problems(local)).toEqual([expect.stringMatching(/not the local simulated tenants/)]);
    }
  });

  it('refuses an AZURE_ENV_NAME that would leave .azure/', () => {
    const problems = problemsOf(() =>
      readDeploymentValues(['BOT_APP_ID'], { env: { AZURE_ENV_NAME: '../../etc' }, root: repoWith({}) }),
    );
    expect(problems[0]).toMatch(/^AZURE_ENV_NAME: "..\/..\/etc" is not an azd environment name/);
  });

  it('reads the env file as azd writes it: quoted values with escapes, comments and blank lines', () => {
    expect(
      parseDotEnv(
        [
          '# written by azd',
          'AZURE_ENV_NAME="dev"',
          '',
          'QUOTED="a \\"quoted\\" value"',
          "SINGLE='single # kept'",
          'export PLAIN=plain # comment',
          'EMPTY=""',
          'not a line',
        ].join('\r\n'),
      ),
    ).toEqual({
      AZURE_ENV_NAME: 'dev',
      QUOTED: 'a "quoted" value',
      SINGLE: 'single # kept',
      PLAIN: 'plain',
      EMPTY: '',
    });
  });
});
