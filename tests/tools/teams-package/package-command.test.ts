import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { commandOf } from '../../../shared/bot/bot-replies';
import { PAGES, parseRoute } from '../../../teams-app/tab/src/routes';
import { DEFAULT_TEAMS_APP_ID, readDeploymentValues } from '../../../tools/teams-package/deployment-values';
import { APP_PACKAGE_FOLDER, drawColorIcon, drawOutlineIcon } from '../../../tools/teams-package/draw-icons';
import { PackageProblems, writeTeamsPackage } from '../../../tools/teams-package/package-command';
import { PACKAGE_VALUE_NAMES, type PackageValues } from '../../../tools/teams-package/teams-manifest';
import { zipEntries } from './zip-entries';

const ROOT = join(__dirname, '..', '..', '..');
const SCHEMAS = join(ROOT, 'node_modules', '@microsoft', 'app-manifest', 'build', 'json-schemas', 'teams');

const API_CLIENT_ID = '0a1b2c3d-1111-4222-8333-444455556666';
const BOT_APP_ID = '9f8e7d6c-aaaa-4bbb-8ccc-ddddeeeeffff';
const TEST_ENV = {
  API_CLIENT_ID,
  BOT_APP_ID,
  TAB_BASE_URL: 'https://hub-tab.example.org',
  API_BASE_URL: 'https://hub-api.example.net',
  API_APP_ID_URI: `api://hub-tab.example.org/${API_CLIENT_ID}`,
};

type Manifest = {
  $schema: string;
  manifestVersion: string;
  id: string;
  developer: Record<string, string>;
  accentColor: string;
  icons: { color: string; outline: string };
  staticTabs: { entityId: string; name?: string; contentUrl?: string; websiteUrl?: string; scopes: string[] }[];
  bots: { botId: string; scopes: string[]; commandLists: { scopes: string[]; commands: { title: string }[] }[] }[];
  validDomains: string[];
  webApplicationInfo: { id: string; resource: string };
};

/** Microsoft's schema for a manifest version, read here from the package's own copy, not through the tool. */
async function schemaErrors(manifest: unknown): Promise<string[]> {
  const version = (manifest as Manifest).manifestVersion;
  const schema = JSON.parse(readFileSync(join(SCHEMAS, `v${version}`, 'MicrosoftTeams.schema.json'), 'utf8'));
  // Offline: any attempt to fetch a schema fails the test.
  vi.stubGlobal('fetch', () => {
    throw new Error('the schema check went to the network');
  });
  try {
    return await AppManifestUtils.validateAgainstSchema(manifest as never, schema);
  } finally {
    vi.unstubAllGlobals();
  }
}

const pixelsOf = (png: PNG) => [...png.data];

describe('npm run package', () => {
  const folder = mkdtempSync(join(tmpdir(), 'teams-package-'));
  const values: PackageValues = readDeploymentValues(PACKAGE_VALUE_NAMES, { env: TEST_ENV, root: folder });
  const zipFile = join(folder, 'out', 'ict-partnership-hub.zip');
  let entries: Map<string, Buffer>;
  let manifest: Manifest;

  beforeAll(async () => {
    const result = await writeTeamsPackage(values, { outFile: zipFile });
    expect(result.file).toBe(zipFile);
    entries = await zipEntries(readFileSync(zipFile));
    manifest = JSON.parse(entries.get('manifest.json')?.toString('utf8') ?? 'null');
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  /** A copy of the app package folder to spoil, for the refusals. */
  const spoiltTemplate = (spoil: (copy: string) => void): string => {
    const copy = mkdtempSync(join(folder, 'template-'));
    cpSync(APP_PACKAGE_FOLDER, copy, { recursive: true });
    spoil(copy);
    return join(copy, 'manifest.json');
  };
  const editTemplate = (file: string, edit: (manifest: Record<string, any>) => void) => {
    const template = JSON.parse(readFileSync(file, 'utf8'));
    edit(template);
    writeFileSync(file, JSON.stringify(template));
  };
  const refusal = async (template: string): Promise<string> => {
    const outFile = join(folder, `refused-${Math.random().toString(36).slice(2)}.zip`);
    const error = await writeTeamsPackage(values, { outFile, template }).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(PackageProblems);
    expect(existsSync(outFile)).toBe(false);
    return (error as Error).message;
  };

  it('writes a zip with the filled manifest and the two icons at its root, and nothing else', () => {
    expect([...entries.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    expect(entries.get('manifest.json')?.toString('utf8')).not.toMatch(/\$\{\{/);
  });

  it("passes Microsoft's bundled schema for its manifest version, a current 1.2x one, checked offline", async () => {
    expect(manifest.manifestVersion).toMatch(/^1\.(2[2-9]|[3-9]\d)$/);
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`,
    );
    expect(await schemaErrors(manifest)).toEqual([]);
  });

  it('the schema check used here does catch a broken manifest', async () => {
    const broken = { ...manifest, accentColor: 'blue', bots: [{ ...manifest.bots[0], botId: 'not-a-guid' }] };
    const errors = await schemaErrors(broken);
    expect(errors.some((error) => error.startsWith('/accentColor'))).toBe(true);
    expect(errors.some((error) => error.startsWith('/bots/0/botId'))).toBe(true);
  });

  it('carries the ids of the configuration: the app, the bot, and the API for single sign-on', () => {
    expect(manifest.id).toBe(DEFAULT_TEAMS_APP_ID);
    expect(manifest.bots.map((bot) => bot.botId)).toEqual([BOT_APP_ID]);
    expect(manifest.webApplicationInfo).toEqual({ id: API_CLIENT_ID, resource: TEST_ENV.API_APP_ID_URI });
  });

  it("lists the tab's and the API's hosts as valid domains, without scheme, and puts every page on the tab's host", () => {
    expect(manifest.validDomains).toEqual(['hub-tab.example.org', 'hub-api.example.net']);
    const { websiteUrl, privacyUrl, termsOfUseUrl } = manifest.developer;
    const urls = [
      websiteUrl,
      privacyUrl,
      termsOfUseUrl,
      ...manifest.staticTabs.flatMap((t) => [t.contentUrl, t.websiteUrl]),
    ];
    const given = urls.filter((url): url is string => url !== undefined);
    expect(given).toHaveLength(3 + 2 * PAGES.length);
    for (const url of given) expect(url.startsWith('https://hub-tab.example.org/')).toBe(true);
  });

  it("has a personal static tab for each of the tab's pages, deep-linked to that page, then the bot's chat and About", () => {
    const pages = manifest.staticTabs.filter((tab) => tab.contentUrl);
    expect(pages.map((tab) => [tab.entityId, tab.name])).toEqual(PAGES.map((page) => [page.id, page.title]));
    for (const tab of pages) {
      const url = new URL(tab.contentUrl as string);
      expect(parseRoute(url.hash).page).toBe(tab.entityId);
      expect(tab.websiteUrl).toBe(tab.contentUrl);
    }
    expect(manifest.staticTabs.map((tab) => tab.entityId).slice(pages.length)).toEqual(['conversations', 'about']);
    for (const tab of manifest.staticTabs) expect(tab.scopes).toEqual(['personal']);
  });

  it('lists the commands the bot answers, in the scope it keeps conversations in', () => {
    const [bot] = manifest.bots;
    expect(bot?.scopes).toEqual(['personal']);
    const titles = bot?.commandLists.flatMap((list) => list.commands.map((command) => command.title)) ?? [];
    expect([...titles].sort()).toEqual(['help', 'status']);
    for (const title of titles) expect(commandOf(title)).toBe(title);
  });

  it('packs a 192x192 colour icon on the accent colour and a 32x32 white-on-transparent outline icon', () => {
    const color = PNG.sync.read(entries.get('color.png') as Buffer);
    const outline = PNG.sync.read(entries.get('outline.png') as Buffer);
    expect([color.width, color.height]).toEqual([192, 192]);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    const accent = manifest.accentColor.toLowerCase();
    const corner = `#${[...color.data.subarray(0, 3)].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
    expect(corner).toBe(accent);
    let drawn = 0;
    for (let at = 0; at < outline.data.length; at += 4) {
      const [r, g, b, a] = outline.data.subarray(at, at + 4);
      if (a === 0) continue;
      drawn++;
      expect([r, g, b]).toEqual([255, 255, 255]);
    }
    expect(drawn).toBeGreaterThan(100);
  });

  it('packs the committed icons, which are what draw-icons.ts draws', () => {
    for (const [name, draw] of [
      ['color.png', drawColorIcon],
      ['outline.png', drawOutlineIcon],
    ] as const) {
      const committed = readFileSync(join(APP_PACKAGE_FOLDER, name));
      expect(entries.get(name)?.equals(committed)).toBe(true);
      expect(pixelsOf(PNG.sync.read(committed))).toEqual(pixelsOf(draw()));
    }
  });

  it('takes the Teams app id from TEAMS_APP_ID when it is set', async () => {
    const teamsAppId = '12345678-abcd-4ef0-8123-456789abcdef';
    const own = readDeploymentValues(PACKAGE_VALUE_NAMES, {
      env: { ...TEST_ENV, TEAMS_APP_ID: teamsAppId },
      root: folder,
    });
    const { manifest: filled } = await writeTeamsPackage(own, { outFile: join(folder, 'own-id.zip') });
    expect(filled.id).toBe(teamsAppId);
  });

  it('lists a domain once when the tab and the API share a host', async () => {
    const shared = { ...values, API_BASE_URL: values.TAB_BASE_URL };
    const { manifest: filled } = await writeTeamsPackage(shared, { outFile: join(folder, 'shared-host.zip') });
    expect(filled.validDomains).toEqual(['hub-tab.example.org']);
  });

  it('refuses a manifest the schema rejects, with the errors, and writes nothing', async () => {
    const template = spoiltTemplate((copy) =>
      editTemplate(join(copy, 'manifest.json'), (m) => {
        m.accentColor = 'blue';
        m.name.short = 'A name far longer than the thirty characters Teams allows';
      }),
    );
    const message = await refusal(template);
    expect(message).toMatch(/manifest\.json: \/accentColor/);
    expect(message).toMatch(/manifest\.json: \/name\/short/);
  });

  it('refuses a template with a placeholder it has no value for', async () => {
    const template = spoiltTemplate((copy) =>
      editTemplate(join(copy, 'manifest.json'), (m) => {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a manifest placeholder, not a template literal
        m.developer.websiteUrl = '${{SUPPORT_SITE}}/help';
      }),
    );
    await expect(writeTeamsPackage(values, { outFile: join(folder, 'x.zip'), template })).rejects.toThrow(
      /SUPPORT_SITE/,
    );
  });

  it('refuses icons of the wrong size, or an outline icon that is not white on transparent', async () => {
    const square = (size: number, rgba: [number, number, number, number]) => {
      const png = new PNG({ width: size, height: size });
      for (let at = 0; at < png.data.length; at += 4) png.data.set(rgba, at);
      return PNG.sync.write(png);
    };
    const wrongSize = spoiltTemplate((copy) => writeFileSync(join(copy, 'color.png'), square(96, [0, 0, 0, 255])));
    expect(await refusal(wrongSize)).toMatch(/color\.png: must be 192x192 pixels, not 96x96/);
    const grey = spoiltTemplate((copy) => writeFileSync(join(copy, 'outline.png'), square(32, [128, 128, 128, 255])));
    expect(await refusal(grey)).toMatch(/outline\.png: must be white on transparent/);
  });
});
