import type {
  HttpFunctionOptions,
  HttpMethod,
  StorageQueueFunctionOptions,
  TimerFunctionOptions,
} from '@azure/functions';
import { withCors } from './http/cors';

export type HttpFunctionDefinition = { kind: 'http'; name: string; options: HttpFunctionOptions };
export type TimerFunctionDefinition = { kind: 'timer'; name: string; options: TimerFunctionOptions };
export type QueueFunctionDefinition = { kind: 'queue'; name: string; options: StorageQueueFunctionOptions };
export type FunctionDefinition = HttpFunctionDefinition | TimerFunctionDefinition | QueueFunctionDefinition;

/** What registers functions: the Azure Functions `app`, or the local host that serves the same definitions. */
export interface FunctionRegistrar {
  http(name: string, options: HttpFunctionOptions): void;
  timer(name: string, options: TimerFunctionOptions): void;
  storageQueue(name: string, options: StorageQueueFunctionOptions): void;
}

/**
 * Declares an HTTP function. Anonymous at the platform level because the app verifies callers itself
 * (function keys would identify no user); OPTIONS is added for browsers' CORS preflight.
 */
export function httpFunction(
  name: string,
  options: Omit<HttpFunctionOptions, 'authLevel' | 'methods'> & { methods: HttpMethod[] },
): HttpFunctionDefinition {
  return {
    kind: 'http',
    name,
    options: {
      ...options,
      authLevel: 'anonymous',
      methods: [...options.methods, 'OPTIONS'],
      handler: withCors(options.methods, options.handler),
    },
  };
}

export function timerFunction(name: string, options: TimerFunctionOptions): TimerFunctionDefinition {
  return { kind: 'timer', name, options };
}

/** Declares a function triggered by messages on an Azure Storage queue: work that outlives a request. */
export function queueFunction(name: string, options: StorageQueueFunctionOptions): QueueFunctionDefinition {
  return { kind: 'queue', name, options };
}

export function registerFunctions(app: FunctionRegistrar, definitions: readonly FunctionDefinition[]): void {
  for (const definition of definitions) {
    if (definition.kind === 'http') app.http(definition.name, definition.options);
    else if (definition.kind === 'timer') app.timer(definition.name, definition.options);
    else app.storageQueue(definition.name, definition.options);
  }
}
