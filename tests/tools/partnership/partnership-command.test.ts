import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../../shared/config/settings';
import { createCosmosClient, provisionCosmos } from '../../../shared/stores/cosmos/cosmos-client';
import { createCosmosStores } from '../../../shared/stores/cosmos/cosmos-stores';
import { integrationEnv } from '../../support/integration-runtime';

const ROOT = join(__dirname, '..', '..', '..');
const COMMAND = join(ROOT, 'tools', 'partnership', 'partnership-command.ts');
const DEMO = JSON.parse(readFileSync(join(ROOT, 'local', 'demo-data', '3c-ict.json'), 'utf8')) as {
  partnership: { id: string; partners: { code: string; tenantId: string }[] };
};

type Outcome = { code: number; stdout: string; stderr: string };

/** `npm run partnership` as an operator runs it, against the Cosmos DB stand-in. */
describe('npm run partnership', () => {
  const env = integrationEnv();
  const settings = loadSettings(env);
  const folder = mkdtempSync(join(tmpdir(), 'partnership-command-'));
  const run = (args: string[], extraEnv: Record<string, string> = {}) =>
    new Promise<Outcome>((resolve) => {
      const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
      execFile(
        tsx,
        [COMMAND, ...args],
        { cwd: ROOT, env: { ...process.env, ...env, ...extraEnv } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });

  beforeAll(async () => {
    await provisionCosmos(createCosmosClient(settings), settings.cosmos.database);
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('writes the partnership of a demo dataset, then reports the same file unchanged', async () => {
    const first = await run(['--file', join(ROOT, 'local', 'demo-data', '3c-ict.json')]);
    expect(first).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/Partnership 3c-ict created: CCC \(tenant /),
    });
    const again = await run(['--file', join(ROOT, 'local', 'demo-data', '3c-ict.json')]);
    expect(again.stdout).toMatch(/Partnership 3c-ict unchanged/);
  });

  it('changes a council’s tenant from an edited record, through the real Cosmos DB client', async () => {
    const edited = {
      ...DEMO.partnership,
      partners: DEMO.partnership.partners.map((p) =>
        p.code === 'HDC' ? { ...p, tenantId: '0d0d0d0d-1111-4222-8333-444444444444' } : p,
      ),
    };
    writeFileSync(join(folder, 'edited.json'), JSON.stringify(edited));
    const outcome = await run(['--file', join(folder, 'edited.json')]);
    expect(outcome).toMatchObject({ code: 0, stdout: expect.stringMatching(/3c-ict updated/) });
    const stores = createCosmosStores(createCosmosClient(settings).database(settings.cosmos.database));
    const stored = await stores.partnerships.get('3c-ict', '3c-ict');
    expect(stored?.record.partners.find((p) => p.code === 'HDC')?.tenantId).toBe(
      '0d0d0d0d-1111-4222-8333-444444444444',
    );
  });

  it('refuses a bad record, a missing file argument and a plain-http endpoint with exit code 2', async () => {
    writeFileSync(join(folder, 'bad.json'), JSON.stringify({ ...DEMO.partnership, partners: [] }));
    const bad = await run(['--file', join(folder, 'bad.json')]);
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringMatching(/not a valid partnership: partners/) });
    expect((await run([])).stderr).toMatch(/--file/);
    const http = await run(['--file', join(folder, 'bad.json')], { COSMOS_ENDPOINT: 'http://cosmos.example' });
    expect(http).toMatchObject({ code: 2, stderr: expect.stringMatching(/COSMOS_ENDPOINT/) });
  });
});
