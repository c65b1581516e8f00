import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { allFunctions } from '../../functions/all-functions';
import { production } from '../shared/config/settings-fixtures';

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
    // As the templates configure it: the managed identity and no key.
    const { registered, error } = loadBundle(production);
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

  it('refuses to start in production with local-only settings or keys, naming every problem', () => {
    const { error, registered } = loadBundle({
      HUB_ENVIRONMENT: 'production',
      COSMOS_ENDPOINT: 'https://127.0.0.1:8081/',
      COSMOS_KEY: 'a2V5',
      HUB_STORAGE: 'UseDevelopmentStorage=true',
      ENTRA_AUTHORITY_HOST: 'https://localhost:8443',
    });
    expect(registered).toBeUndefined();
    expect(error).toMatch(/COSMOS_ENDPOINT/);
    expect(error).toMatch(/COSMOS_KEY: production signs in to Cosmos DB with the managed identity/);
    expect(error).toMatch(/HUB_STORAGE/);
    expect(error).toMatch(/AZURE_CLIENT_ID/);
    expect(error).toMatch(/ENTRA_AUTHORITY_HOST/);
    expect(error).toMatch(/API_CLIENT_ID/);
  });
});
