/** `npm run bench -- <name>`: one benchmark by name, each in its own file. */
const BENCHES: Record<string, { about: string; run: (args: string[]) => Promise<unknown> }> = {
  // The API benchmark runs as soon as its module loads.
  api: { about: 'cold import, plan import and API latency through the local host', run: () => import('./api-bench') },
  tab: {
    about: "the Teams tab's first render in headless Chromium (served by npm start) and its JavaScript's gzip size",
    run: async () => (await import('./tab-bench')).tabBench(),
  },
  reconcile: {
    about: 'licence reconciler: 3 × 50,000 users through msal-node and the Graph client, full scan and delta',
    run: async (args) => (await import('./reconcile-bench')).reconcileBench(args),
  },
  cards: {
    about: 'Teams card presses: Action.Execute invokes signed as Teams sends them, answered through /api/messages',
    run: async (args) => (await import('./cards-bench')).cardsBench(args),
  },
};

const OPTIONS = [
  'reconcile options: --users 50000 --page-delay-ms 100 --change-percent 1 --compute-on-demand',
  'cards options: --invokes 200 --concurrency 10 --warm-up 30',
].join('\n');

const USAGE = `Usage: npm run bench -- <name> [options]\n\n${Object.entries(BENCHES)
  .map(([name, bench]) => `  ${name.padEnd(10)} ${bench.about}`)
  .join('\n')}\n\n${OPTIONS}`;

function main(argv: string[]): void {
  const [name, ...args] = argv;
  const bench = name ? BENCHES[name] : undefined;
  if (!name) console.log(USAGE);
  else if (!bench) {
    console.error(`No benchmark "${name}".\n\n${USAGE}`);
    process.exitCode = 2;
  } else {
    bench.run(args).catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  }
}

main(process.argv.slice(2));
