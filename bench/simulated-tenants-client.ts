import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { BenchCommand, SimulatedTenantsReady } from './simulated-tenants-protocol';

export type SimulatedTenants = SimulatedTenantsReady & {
  /** Sends a command and waits for its one-line answer; commands are answered in order. */
  send<T>(command: BenchCommand): Promise<T>;
  stop(): Promise<void>;
};

/**
 * Starts `simulated-tenants-process.ts` under tsx and waits for its ready line. `BENCH_SIMULATOR_NODE_ARGS` adds
 * Node options to the child, e.g. `--cpu-prof` to see what the simulators cost per page.
 */
export async function startSimulatedTenants(args: string[]): Promise<SimulatedTenants> {
  const nodeArgs = (process.env.BENCH_SIMULATOR_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const script = join(__dirname, 'simulated-tenants-process.ts');
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const waiting: { resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  let exited: Error | null = null;
  child.on('exit', (code, signal) => {
    exited = new Error(`The simulated tenants process ended (code ${code}, signal ${signal}).`);
    for (const waiter of waiting.splice(0)) waiter.reject(exited);
  });
  createInterface({ input: child.stdout }).on('line', (line) => waiting.shift()?.resolve(line));
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      if (exited) reject(exited);
      else waiting.push({ resolve, reject });
    });

  const ready = JSON.parse(await nextLine()) as SimulatedTenantsReady;
  return {
    ...ready,
    send: async <T>(command: BenchCommand) => {
      const answer = nextLine();
      child.stdin.write(`${JSON.stringify(command)}\n`);
      return JSON.parse(await answer) as T;
    },
    stop: async () => {
      if (exited) return;
      const ended = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.stdin.end();
      await ended;
    },
  };
}
