import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { allFunctions } from '../../functions/all-functions';

const root = join(__dirname, '..', '..');

type Registered = {
  name: string;
  bindings: Record<string, { type: string; route?: string; methods?: string[]; schedule?: string }>;
};

/** Loads the bundle the way the Functions host does, with the host's core module stood in, and reports. */
function loadBundle(env: Record<string, string>): { registered: Registered[]; importMs: number; error?: string } {
  const script = `
    const started = performance.now();
    try { require(${JSON.stringify(join(root, 'dist', 'index.js'))}); }
    catch (error) { console.log(JSON.stringify({ error: error.message })); process.exit(0); }
    const importMs = performance.now() - started;
    console.log(JSON.stringify({ registered: require('@azure/functions-core').registered, importMs }));`;
  const output = execFileSync(process.execPath, ['-e', script], {
    env: { PATH: process.env.PATH, NODE_PATH: join(__dirname, 'support-core'), ...env },
    encoding: 'utf8',
  });
  return JSON.parse(output.trim().split('\n').pop() as string);
}

describe('the bundled Functions entry point (dist/index.js)', () => {
  beforeAll(() => {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'ignore' });
  });

  it('registers every function with the host, with the same routes and schedules the local host serves', () => {
    const { registered, error } = loadBundle({
      HUB_ENVIRONMENT: 'production',
      API_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
      COSMOS_ENDPOINT: 'https://hub.documents.azure.com:443/',
      COSMOS_KEY: 'a2V5',
      STORAGE_CONNECTION_STRING:
        'DefaultEndpointsProtocol=https;AccountName=hubprod;AccountKey=a2V5;EndpointSuffix=core.windows.net',
      LICENCE_RUN_QUEUE: 'licence-runs',
    });
    expect(error).toBeUndefined();
    expect(registered.map((r) => r.name)).toEqual(allFunctions.map((f) => f.name));
    for (const definition of allFunctions) {
      const bindings = Object.values(registered.find((r) => r.name === definition.name)?.bindings ?? {});
      const trigger = bindings.find((b) => b.type.endsWith('Trigger'));
      if (definition.kind === 'http') {
        expect(trigger).toMatchObject({ type: 'httpTrigger', route: definition.options.route });
      } else if (definition.kind === 'timer') {
        expect(trigger).toMatchObject({ type: 'timerTrigger', schedule: definition.options.schedule });
      } else {
        expect(trigger).toMatchObject({
          type: 'queueTrigger',
          queueName: definition.options.queueName,
          connection: definition.options.connection,
        });
      }
    }
  });

  it('refuses to start with local-only settings in production, naming every problem', () => {
    const { error, registered } = loadBundle({
      HUB_ENVIRONMENT: 'production',
      COSMOS_ENDPOINT: 'https://127.0.0.1:8081/',
      COSMOS_KEY: 'a2V5',
      STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
      ENTRA_AUTHORITY_HOST: 'https://localhost:8443',
    });
    expect(registered).toBeUndefined();
    expect(error).toMatch(/COSMOS_ENDPOINT/);
    expect(error).toMatch(/STORAGE_CONNECTION_STRING/);
    expect(error).toMatch(/ENTRA_AUTHORITY_HOST/);
    expect(error).toMatch(/API_CLIENT_ID/);
  });
});
