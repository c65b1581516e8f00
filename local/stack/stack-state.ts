import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCAL_STATE_FOLDER } from './local-stack';

/** What a running `npm start` tells local tools (`npm run token`): where its API and simulated tenants are. */
export type StackState = {
  apiBaseUrl: string;
  authorityHost: string;
  apiClientId: string;
  apiAppIdUri: string;
  caCertFile: string;
  pid: number;
};

/** `.local/stack.json`, or LOCAL_STACK_STATE_FILE when several stacks run side by side (the end-to-end tests). */
const stateFile = () => process.env.LOCAL_STACK_STATE_FILE ?? join(LOCAL_STATE_FOLDER, 'stack.json');

export function writeStackState(state: StackState): void {
  writeFileSync(stateFile(), JSON.stringify(state, null, 2));
}

export function clearStackState(): void {
  rmSync(stateFile(), { force: true });
}

/** The running stack, or null when none is running (no file, or its process is gone). */
export function readStackState(): StackState | null {
  if (!existsSync(stateFile())) return null;
  const state = JSON.parse(readFileSync(stateFile(), 'utf8')) as StackState;
  try {
    process.kill(state.pid, 0);
    return state;
  } catch {
    return null;
  }
}
