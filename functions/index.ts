import { app } from '@azure/functions';
import { allFunctions } from './all-functions';
import { registerFunctions } from './registry';
import { getRuntime } from './runtime';

// Validate configuration while the host loads the app, so a bad setting stops start-up instead of the first request.
getRuntime();
registerFunctions(app, allFunctions);
