import { listApplicationsFunction } from './applications/list-applications';
import { apportionFunction } from './apportionment/apportion';
import { listAuditFunction } from './audit/list-audit';
import { listBidsFunction } from './bids/list-bids';
import { listCatalogueFunction } from './catalogue/list-catalogue';
import { healthFunction } from './health/health';
import { recordHeartbeatFunction } from './health/record-heartbeat';
import { listKpiDefinitionsFunction } from './kpis/list-kpi-definitions';
import { listKpiMeasurementsFunction } from './kpis/list-kpi-measurements';
import { getMeFunction } from './partnership/get-me';
import { getPlanFunction } from './plan/get-plan';
import { importPlanFunction } from './plan/import-plan';
import { listProjectsFunction } from './projects/list-projects';
import type { FunctionDefinition } from './registry';
import { getRiskFunction } from './risks/get-risk';
import { listRisksFunction } from './risks/list-risks';
import { updateRiskFunction } from './risks/update-risk';

/** Every function of the app; the Azure entry point and the local host both register exactly these. */
export const allFunctions: readonly FunctionDefinition[] = [
  healthFunction,
  recordHeartbeatFunction,
  getMeFunction,
  getPlanFunction,
  importPlanFunction,
  listBidsFunction,
  listRisksFunction,
  getRiskFunction,
  updateRiskFunction,
  listApplicationsFunction,
  listCatalogueFunction,
  listKpiDefinitionsFunction,
  listKpiMeasurementsFunction,
  listProjectsFunction,
  apportionFunction,
  listAuditFunction,
];
