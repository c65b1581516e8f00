import { build } from 'esbuild';

/**
 * Bundles the Functions app into one CommonJS file: cold import falls from hundreds of files to one, and cold
 * start is the first thing a Teams user waits for. `@azure/functions-core` is injected by the host at run time.
 */
async function main(): Promise<void> {
  const result = await build({
    entryPoints: ['functions/index.ts'],
    outfile: 'dist/index.js',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    minifySyntax: true,
    external: ['@azure/functions-core'],
    // Some Azure SDK packages ship ESM that reads import.meta.url; give it the bundle's own URL.
    define: { 'import.meta.url': '__bundleUrl' },
    banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    metafile: true,
    logLevel: 'warning',
  });
  const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
  console.log(`dist/index.js built (${(bytes / 1024 / 1024).toFixed(2)} MB with source map)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
