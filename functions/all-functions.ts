import { listApplicationsFunction } from './applications/list-applications';
import { apportionFunction } from './apportionment/apportion';
import { listAuditFunction } from './audit/list-audit';
import { createBidFunction } from './bids/create-bid';
import { decideBidShareFunction } from './bids/decide-bid-share';
import { getBidFunction } from './bids/get-bid';
import { listBidsFunction } from './bids/list-bids';
import { moveBidToRevenueFunction } from './bids/move-bid-to-revenue';
import { resubmitBidFunction } from './bids/resubmit-bid';
import { submitBidFunction } from './bids/submit-bid';
import { updateBidFunction } from './bids/update-bid';
import { deliverCardOutboxFunction } from './bot/deliver-card-outbox';
import { listApproversFunction } from './bot/list-approvers';
import { botMessagesFunction } from './bot/messages';
import { replaceApproversFunction } from './bot/replace-approvers';
import { listCatalogueFunction } from './catalogue/list-catalogue';
import { healthFunction } from './health/health';
import { recordHeartbeatFunction } from './health/record-heartbeat';
import { getKpiDashboardFunction } from './kpis/get-kpi-dashboard';
import { getKpiReportFunction } from './kpis/get-kpi-report';
import { getServiceCalendarFunction } from './kpis/get-service-calendar';
import { importKpiMeasurementsFunction } from './kpis/import-kpi-measurements';
import { importServiceDeskTicketsFunction } from './kpis/import-service-desk-tickets';
import { listKpiDefinitionsFunction } from './kpis/list-kpi-definitions';
import { listKpiMeasurementsFunction } from './kpis/list-kpi-measurements';
import { putKpiMeasurementFunction } from './kpis/put-kpi-measurement';
import { replaceServiceCalendarFunction } from './kpis/replace-service-calendar';
import { addExclusionFunction } from './licences/add-exclusion';
import { checkLicenceStarterFunction } from './licences/check-starter';
import { downloadLicenceReportFunction } from './licences/download-report';
import { getPriceListFunction } from './licences/get-price-list';
import { getReconcilerSettingsFunction } from './licences/get-reconciler-settings';
import { getLicenceRunFunction } from './licences/get-run';
import { importHrFeedFunction } from './licences/import-hr-feed';
import { listExclusionsFunction } from './licences/list-exclusions';
import { listLicenceFindingsFunction } from './licences/list-findings';
import { listHrFeedFunction } from './licences/list-hr-feed';
import { listMatchCandidatesFunction } from './licences/list-match-candidates';
import { listMatchDecisionsFunction } from './licences/list-match-decisions';
import { listLicenceRunsFunction } from './licences/list-runs';
import { reconcileOnScheduleFunction } from './licences/reconcile-on-schedule';
import { recordMatchDecisionFunction } from './licences/record-match-decision';
import { replacePriceListFunction } from './licences/replace-price-list';
import { replaceReconcilerSettingsFunction } from './licences/replace-reconciler-settings';
import { requestLicenceRunFunction } from './licences/request-run';
import { runReconciliationFunction } from './licences/run-reconciliation';
import { licenceWasteHistoryFunction } from './licences/waste-history';
import { withdrawExclusionFunction } from './licences/withdraw-exclusion';
import { getMeFunction } from './partnership/get-me';
import { getPlanFunction } from './plan/get-plan';
import { importPlanFunction } from './plan/import-plan';
import { listProjectsFunction } from './projects/list-projects';
import type { FunctionDefinition } from './registry';
import { decideTolerationFunction } from './risks/decide-toleration';
import { getRiskFunction } from './risks/get-risk';
import { getRiskRegisterFunction } from './risks/get-risk-register';
import { getTolerationFunction } from './risks/get-toleration';
import { getTolerationSettingsFunction } from './risks/get-toleration-settings';
import { listRiskTolerationHistoryFunction } from './risks/list-risk-tolerations';
import { listRisksFunction } from './risks/list-risks';
import { listTolerationsFunction } from './risks/list-tolerations';
import { replaceTolerationSettingsFunction } from './risks/replace-toleration-settings';
import { requestTolerationFunction } from './risks/request-toleration';
import { reviewTolerationsFunction } from './risks/review-tolerations';
import { updateRiskFunction } from './risks/update-risk';
import { withdrawTolerationFunction } from './risks/withdraw-toleration';
import { addIncidentUpdateFunction } from './status/add-incident-update';
import { createIncidentFunction } from './status/create-incident';
import { getIncidentFunction } from './status/get-incident';
import { getStatusFunction } from './status/get-status';
import { importIncidentsFunction } from './status/import-incidents';
import { listIncidentsFunction } from './status/list-incidents';
import { resolveIncidentFunction } from './status/resolve-incident';
import { updateIncidentFunction } from './status/update-incident';

/** Every function of the app; the Azure entry point and the local host both register exactly these. */
export const allFunctions: readonly FunctionDefinition[] = [
  healthFunction,
  recordHeartbeatFunction,
  getMeFunction,
  getPlanFunction,
  importPlanFunction,
  listBidsFunction,
  getBidFunction,
  createBidFunction,
  updateBidFunction,
  submitBidFunction,
  decideBidShareFunction,
  moveBidToRevenueFunction,
  resubmitBidFunction,
  listRisksFunction,
  getRiskFunction,
  updateRiskFunction,
  getRiskRegisterFunction,
  listRiskTolerationHistoryFunction,
  requestTolerationFunction,
  listTolerationsFunction,
  getTolerationFunction,
  decideTolerationFunction,
  withdrawTolerationFunction,
  getTolerationSettingsFunction,
  replaceTolerationSettingsFunction,
  reviewTolerationsFunction,
  getStatusFunction,
  listIncidentsFunction,
  getIncidentFunction,
  createIncidentFunction,
  updateIncidentFunction,
  addIncidentUpdateFunction,
  resolveIncidentFunction,
  importIncidentsFunction,
  listApplicationsFunction,
  listCatalogueFunction,
  listKpiDefinitionsFunction,
  listKpiMeasurementsFunction,
  getKpiDashboardFunction,
  getKpiReportFunction,
  putKpiMeasurementFunction,
  importKpiMeasurementsFunction,
  importServiceDeskTicketsFunction,
  getServiceCalendarFunction,
  replaceServiceCalendarFunction,
  listProjectsFunction,
  apportionFunction,
  listAuditFunction,
  listLicenceFindingsFunction,
  listLicenceRunsFunction,
  getLicenceRunFunction,
  downloadLicenceReportFunction,
  licenceWasteHistoryFunction,
  checkLicenceStarterFunction,
  requestLicenceRunFunction,
  runReconciliationFunction,
  reconcileOnScheduleFunction,
  getPriceListFunction,
  replacePriceListFunction,
  getReconcilerSettingsFunction,
  replaceReconcilerSettingsFunction,
  listMatchCandidatesFunction,
  listMatchDecisionsFunction,
  recordMatchDecisionFunction,
  listExclusionsFunction,
  addExclusionFunction,
  withdrawExclusionFunction,
  listHrFeedFunction,
  importHrFeedFunction,
  botMessagesFunction,
  deliverCardOutboxFunction,
  listApproversFunction,
  replaceApproversFunction,
];
