/** The first line the simulated-tenants process prints: where its simulators listen, and who may sign in. */
export type SimulatedTenantsReady = {
  authorityHost: string;
  graphBaseUrl: string;
  clientId: string;
  /** The reconciler's client secret, made afresh for each start. */
  secret: string;
  tenants: { tenantId: string; partnerCode: string; domain: string; users: number }[];
};

/** A command written to the process's stdin as one JSON line; it answers with one JSON line. */
export type BenchCommand =
  | { cmd: 'change'; percent: number }
  /** The simulators' CPU time so far, to tell their cost per page from the reconciler's. */
  | { cmd: 'cpu' }
  | { cmd: 'counts' }
  | { cmd: 'stop' };

export type ChangeAnswer = { ok: true; changed: number; byTenant: number[] };

export type CpuAnswer = { ok: true; cpuMs: number };
