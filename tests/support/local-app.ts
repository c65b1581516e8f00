import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type RunningApp = {
  baseUrl: string;
  /** `npm run token -- <upn>` against this very instance. */
  tokenFor: (userPrincipalName: string) => string;
  process: ChildProcess;
  output: () => string;
  /** Sends Ctrl-C to the whole process group, as a terminal does, and waits for npm to exit. */
  interrupt: () => Promise<void>;
};

const READY_TIMEOUT_MS = 60_000;

/**
 * Runs `npm start` exactly as a new user does, in its own process group, on a free port, and waits for the
 * banner that says it is ready.
 */
export async function startLocalApp(env: Record<string, string> = {}): Promise<RunningApp> {
  const stateFile = join(mkdtempSync(join(tmpdir(), 'hub-e2e-')), 'stack.json');
  const appEnv = { ...inheritedEnvironment(), LOCAL_HOST_PORT: '0', LOCAL_STACK_STATE_FILE: stateFile, ...env };
  const child = spawn('npm', ['start', '--silent'], {
    cwd: process.cwd(),
    env: appEnv,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let interrupted = false;

  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start was not ready in time:\n${output}`)), READY_TIMEOUT_MS);
    const poll = setInterval(() => {
      const match = /Health\s+(http:\/\/localhost:\d+)\/api\/health/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        clearInterval(poll);
        resolve(match[1]);
      }
    }, 50);
    void exited.then((code) => {
      clearTimeout(timer);
      clearInterval(poll);
      reject(new Error(`npm start exited with ${code}:\n${output}`));
    });
  });

  return {
    baseUrl,
    tokenFor: (userPrincipalName) =>
      execFileSync('npm', ['run', '-s', 'token', '--', userPrincipalName], { env: appEnv, encoding: 'utf8' }).trim(),
    process: child,
    output: () => output,
    interrupt: async () => {
      if (child.pid && !interrupted) {
        interrupted = true;
        process.kill(-child.pid, 'SIGINT');
      }
      await exited;
    },
  };
}

/** Waits until no process of the group is left, or the time is up; returns those still alive. */
export async function waitForGroupToEnd(groupId: number, timeoutMs = 10_000): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let alive = processesInGroup(groupId);
  while (alive.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    alive = processesInGroup(groupId);
  }
  return alive;
}

/** Process ids still alive in a process group (empty once everything it started has stopped). */
export function processesInGroup(groupId: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '-g', String(groupId)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter((pid) => pid > 0);
  } catch {
    return [];
  }
}

/** The test runner's environment without any of the app's own settings, like a fresh shell. */
function inheritedEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(HUB_|COSMOS_|STORAGE_|DEV_|LOCAL_)/.test(key)),
  );
}
