import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { PNG } from 'pngjs';
import { ZipFile } from 'yazl';
import { DeploymentValueProblems, REPO_ROOT, readDeploymentValues } from './deployment-values';
import {
  fillManifest,
  MANIFEST_TEMPLATE,
  PACKAGE_VALUE_NAMES,
  type PackageValues,
  placeholdersFor,
  readManifestTemplate,
  validateManifest,
} from './teams-manifest';

export const PACKAGE_FILE = join(REPO_ROOT, 'dist', 'teams-app', 'ict-partnership-hub.zip');

/** The sizes Teams requires of the two icons. */
const ICON_SIZES = { color: 192, outline: 32 } as const;

/** A package that cannot be made, with every reason: the manifest's schema errors, or an icon Teams would refuse. */
export class PackageProblems extends Error {
  constructor(readonly problems: string[]) {
    super(`The Teams app package was not written:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'PackageProblems';
  }
}

export type PackageOptions = {
  outFile?: string;
  /** The manifest template; its icons are read from the same folder. */
  template?: string;
};

/**
 * Fills the manifest template with the deployment's values, checks the result against Microsoft's bundled schema
 * and the icons against Teams' rules, then writes the zip (manifest.json and the icons at its root). Nothing is
 * written when anything is wrong.
 */
export async function writeTeamsPackage(
  values: PackageValues,
  options: PackageOptions = {},
): Promise<{ file: string; manifest: Record<string, unknown> }> {
  const template = options.template ?? MANIFEST_TEMPLATE;
  const outFile = options.outFile ?? PACKAGE_FILE;
  const manifest = fillManifest(readManifestTemplate(template), placeholdersFor(values));
  const problems = (await validateManifest(manifest)).map((problem) => `manifest.json: ${problem}`);

  const icons = (manifest.icons ?? {}) as Partial<Record<keyof typeof ICON_SIZES, string>>;
  const files: [string, Buffer][] = [['manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`)]];
  for (const kind of ['color', 'outline'] as const) {
    const name = icons[kind];
    if (!name) continue; // the schema check has said so
    const read = readIcon(join(dirname(template), name));
    const iconProblems = read.ok ? checkIcon(read.png, ICON_SIZES[kind], kind === 'outline') : [read.problem];
    problems.push(...iconProblems.map((problem) => `${name}: ${problem}`));
    if (read.ok) files.push([name, read.bytes]);
  }
  if (problems.length > 0) throw new PackageProblems(problems);

  const zip = await zipOf(files);
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, zip);
  return { file: outFile, manifest };
}

function readIcon(file: string): { ok: true; png: PNG; bytes: Buffer } | { ok: false; problem: string } {
  try {
    const bytes = readFileSync(file);
    return { ok: true, png: PNG.sync.read(bytes), bytes };
  } catch (error) {
    return { ok: false, problem: `not a readable PNG (${(error as Error).message})` };
  }
}

/** Teams' rules for an icon: its size, and for the outline icon, white on transparent only. */
function checkIcon(png: PNG, size: number, outline: boolean): string[] {
  if (png.width !== size || png.height !== size) {
    return [`must be ${size}x${size} pixels, not ${png.width}x${png.height}`];
  }
  if (!outline) return [];
  for (let offset = 0; offset < png.data.length; offset += 4) {
    const [r, g, b, a] = png.data.subarray(offset, offset + 4);
    if (a !== 0 && (r !== 255 || g !== 255 || b !== 255)) {
      const pixel = offset / 4;
      return [`must be white on transparent; pixel (${pixel % size}, ${Math.floor(pixel / size)}) is neither`];
    }
  }
  return [];
}

/** The zip, entries at its root, with a fixed time stamp so the same inputs give the same package. */
function zipOf(files: [string, Buffer][]): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [name, bytes] of files) zip.addBuffer(bytes, name, { mtime: new Date(2020, 0, 1) });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/** `npm run package`: the Teams app zip for the deployment named by the environment or azd's outputs. */
async function main(): Promise<number> {
  try {
    const values = readDeploymentValues(PACKAGE_VALUE_NAMES);
    const { file } = await writeTeamsPackage(values);
    console.log(`Teams app package written: ${relative(process.cwd(), file)}`);
    console.log(`  app id ${values.TEAMS_APP_ID}, tab ${values.TAB_BASE_URL}, bot ${values.BOT_APP_ID}`);
    return 0;
  } catch (error) {
    if (error instanceof DeploymentValueProblems || error instanceof PackageProblems) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
