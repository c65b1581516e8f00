import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, readAllBicep } from './bicep-reader';

type YamlMap = { [key: string]: string | YamlMap };

/**
 * Reads the YAML subset azure.yaml uses: nested maps by indentation, `key: value` scalars, comments. No lists,
 * anchors or multi-line scalars: anything else fails loudly.
 */
function readYamlMaps(text: string): YamlMap {
  const root: YamlMap = {};
  const stack: Array<{ indent: number; map: YamlMap }> = [{ indent: -1, map: root }];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+#.*$/, '').replace(/^\s*#.*$/, '');
    if (line.trim() === '') continue;
    const match = /^(\s*)([A-Za-z0-9_.-]+):(?:\s+(.*))?$/.exec(line);
    if (!match) throw new Error(`azure.yaml: not a "key: value" line this reader knows: ${raw}`);
    const indent = (match[1] ?? '').length;
    while ((stack.at(-1)?.indent ?? -1) >= indent) stack.pop();
    const parent = stack.at(-1)?.map ?? root;
    const key = match[2] ?? '';
    const value = match[3];
    if (value === undefined || value === '') {
      const child: YamlMap = {};
      parent[key] = child;
      stack.push({ indent, map: child });
    } else {
      parent[key] = value.replace(/^(['"])(.*)\1$/, '$2');
    }
  }
  return root;
}

function map(value: string | YamlMap | undefined, what: string): YamlMap {
  if (value === undefined || typeof value === 'string') throw new Error(`${what} is not a map`);
  return value;
}

/**
 * Whether azd leaves `path` out of the Function App's zip, by the .funcignore patterns the repository uses:
 * gitignore syntax, the last matching pattern wins, `!` re-includes, a leading `/` anchors, `*` stays within one
 * path segment; and, as azd's walk does, whatever sits in a left-out folder is left out too.
 */
function funcignoreExcludes(patterns: string[], path: string): boolean {
  const parts = path.split('/');
  for (let depth = 1; depth <= parts.length; depth++) {
    const prefix = parts.slice(0, depth).join('/');
    const isDirectory = depth < parts.length || path.endsWith('/');
    if (matchesLast(patterns, prefix.replace(/\/$/, ''), isDirectory)) return true;
  }
  return false;
}

function matchesLast(patterns: string[], path: string, isDirectory: boolean): boolean {
  for (let i = patterns.length - 1; i >= 0; i--) {
    let pattern = patterns[i] ?? '';
    const negated = pattern.startsWith('!');
    if (negated) pattern = pattern.slice(1);
    const directoryOnly = pattern.endsWith('/');
    if (directoryOnly) pattern = pattern.slice(0, -1);
    if (directoryOnly && !isDirectory) continue;
    const anchored = pattern.startsWith('/') || pattern.slice(0, -1).includes('/');
    const glob = pattern.replace(/^\//, '');
    const regex = new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
    const subject = anchored ? path : (path.split('/').at(-1) ?? path);
    if (regex.test(subject)) return !negated;
  }
  return false;
}

const azureYaml = readYamlMaps(readFileSync(join(REPO_ROOT, 'azure.yaml'), 'utf8'));
const services = map(azureYaml.services, 'services');
const packageJson = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  main: string;
  scripts: Record<string, string>;
};

describe('azure.yaml', () => {
  it('requires an azd that passes array parameters and reads .funcignore re-inclusions', () => {
    // azd 1.23.4 parses JSON for array parameters given as environment values; before 1.23.13 a `!pattern` in
    // .funcignore left the file out instead of keeping it, which would empty the allow-list's package.
    expect(map(azureYaml.requiredVersions, 'requiredVersions')).toEqual({ azd: '>= 1.23.13' });
  });

  it('uses the Bicep in infra/', () => {
    const infra = map(azureYaml.infra, 'infra');
    expect(infra).toEqual({ provider: 'bicep', path: 'infra', module: 'main' });
    expect(existsSync(join(REPO_ROOT, 'infra', 'main.bicep'))).toBe(true);
    expect(existsSync(join(REPO_ROOT, 'infra', 'main.parameters.json'))).toBe(true);
  });

  it('names the services api (Function App) and tab (static web app), each tagged in the templates', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'tab']);
    const resourceTypeOfHost: Record<string, string> = {
      function: 'Microsoft.Web/sites',
      staticwebapp: 'Microsoft.Web/staticSites',
    };
    const bicep = readAllBicep();
    for (const [name, value] of Object.entries(services)) {
      const service = map(value, `services.${name}`);
      const host = String(service.host);
      expect(resourceTypeOfHost[host], `${name}: host ${host}`).toBeDefined();
      const tagged = bicep.flatMap((file) =>
        [...file.code.matchAll(/^resource\s+\w+\s+'([^'@]+)@[^']+'[^\n]*\{\n[\s\S]*?^\}/gm)]
          .filter((resource) => resource[0].includes(`'azd-service-name': '${name}'`))
          .map((resource) => resource[1]),
      );
      expect(tagged, `resources tagged azd-service-name: ${name}`).toEqual([resourceTypeOfHost[host]]);
    }
  });

  it('points the api service at a folder the Functions host can run: host.json and the bundle package.json names', () => {
    const apiService = map(services.api, 'services.api');
    expect(apiService).toMatchObject({ project: '.', language: 'js', host: 'function', remoteBuild: 'false' });
    const project = join(REPO_ROOT, String(apiService.project));
    expect(existsSync(join(project, 'host.json'))).toBe(true);
    expect(packageJson.main).toBe('dist/index.js');
    expect(packageJson.scripts.build, 'azd runs npm run build').toBeDefined();
    expect(readFileSync(join(REPO_ROOT, 'tools', 'build.ts'), 'utf8')).toContain("outfile: 'dist/index.js'");
  });

  it('ships only host.json, package.json and the bundle, and keeps remote build off (.funcignore)', () => {
    const patterns = readFileSync(join(REPO_ROOT, '.funcignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    for (const kept of ['host.json', 'package.json', packageJson.main]) {
      expect(funcignoreExcludes(patterns, kept), `${kept} is deployed`).toBe(false);
    }
    for (const left of [
      'dist/index.js.map',
      'dist/tab/index.html',
      'dist/teams-app/ict-partnership-hub.zip',
      'functions/index.ts',
      'shared/config/settings.ts',
      'tests/infra/templates.test.ts',
      'local/start.ts',
      'infra/main.bicep',
      'package-lock.json',
      'node_modules/zod/package.json',
      '.azure/dev/.env',
      '.git/HEAD',
    ]) {
      expect(funcignoreExcludes(patterns, left), `${left} is left out`).toBe(true);
    }
    // azd switches a JavaScript Function App to remote build when .funcignore excludes the node_modules folder.
    expect(funcignoreExcludes(patterns, 'node_modules/'), 'the node_modules folder itself').toBe(false);
  });

  it('has one service only build the repository root: the tab has no language, so azd runs nothing to package it', () => {
    // A service with a language gets azd's framework for it: for js, `npm install` and `npm run build` in the
    // service's folder, at the package step, which azd runs for all services at once (1.25 and later). Two such
    // services on one folder build it twice at the same time. A service without one gets azd's no-op framework.
    const builders = new Map<string, string[]>();
    for (const [name, value] of Object.entries(services)) {
      const service = map(value, `services.${name}`);
      if (service.language === undefined) continue;
      const folder = join(REPO_ROOT, String(service.project));
      builders.set(folder, [...(builders.get(folder) ?? []), name]);
    }
    expect(
      [...builders.values()].filter((names) => names.length > 1),
      'services building one folder',
    ).toEqual([]);
    expect(builders.get(REPO_ROOT), 'the services that build the repository root').toEqual(['api']);
    expect(map(services.tab, 'services.tab')).not.toHaveProperty('language');
  });

  it("deploys the tab only after the api service's build: no service declares uses, so azd deploys in name order", () => {
    // Without any `uses:` edge between services azd chains their deploy steps in name order (api, then tab), each
    // after its packaging; the tab's predeploy hook rewrites dist/tab, which the api's `npm run build` also writes.
    for (const [name, value] of Object.entries(services)) {
      expect(map(value, `services.${name}`), `services.${name}`).not.toHaveProperty('uses');
    }
    expect(Object.keys(services).sort()).toEqual(['api', 'tab']);
  });

  it('deploys the tab from dist/tab, built by a script package.json has, once the outputs exist', () => {
    const tabService = map(services.tab, 'services.tab');
    expect(tabService).toEqual({ project: '.', host: 'staticwebapp', dist: 'dist/tab', hooks: tabService.hooks });
    expect(readFileSync(join(REPO_ROOT, 'teams-app', 'tab', 'vite.config.ts'), 'utf8')).toContain("'../../dist/tab'");
    const hooks = map(tabService.hooks, 'services.tab.hooks');
    expect(Object.keys(hooks)).toEqual(['predeploy']);
    // azd runs a service's hooks in the service's folder: the repository root, whose package.json has the script.
    const hookFolder = join(REPO_ROOT, String(tabService.project));
    const hookPackage = JSON.parse(readFileSync(join(hookFolder, 'package.json'), 'utf8')) as typeof packageJson;
    const platforms = map(hooks.predeploy, 'predeploy');
    expect(Object.keys(platforms).sort()).toEqual(['posix', 'windows']);
    for (const [platform, value] of Object.entries(platforms)) {
      const run = String(map(value, platform).run);
      const script = /^npm run ([\w:-]+)$/.exec(run)?.[1];
      expect(script, `${platform}: ${run}`).toBe('build:tab:azure');
      expect(hookPackage.scripts[script ?? ''], `package.json script ${script}`).toBeDefined();
    }
  });
});

describe('the .funcignore reader of this test', () => {
  it('follows gitignore: last match wins, negation, anchoring, folders', () => {
    const patterns = ['/*', '!/dist', '/dist/*', '!/dist/index.js', 'secret.txt'];
    expect(funcignoreExcludes(patterns, 'dist/index.js')).toBe(false);
    expect(funcignoreExcludes(patterns, 'dist/other.js')).toBe(true);
    expect(funcignoreExcludes(patterns, 'src/index.js')).toBe(true);
    expect(funcignoreExcludes(['secret.txt'], 'a/b/secret.txt')).toBe(true);
    expect(funcignoreExcludes(['/secret.txt'], 'a/secret.txt')).toBe(false);
  });
});
