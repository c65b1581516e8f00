import { loadSettings } from '../shared/config/settings';
import { createRuntime, type Runtime } from '../shared/runtime';

let runtime: Runtime | undefined;

/** The process-wide runtime, built on first use from validated settings and shared by every invocation. */
export function getRuntime(): Runtime {
  runtime ??= createRuntime(loadSettings());
  return runtime;
}
