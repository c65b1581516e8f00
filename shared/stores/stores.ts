import type { FindingStore } from '../licences/gateways';
import type {
  ExclusionRecord,
  HrFeedRow,
  LicenceSettingsRecord,
  MatchDecisionRecord,
  PriceListRecord,
} from '../licences/licence-records';
import type { LicenceRun } from '../licences/licence-run';
import type { Application } from '../schemas/applications';
import type { CouncilApprovers } from '../schemas/approvers';
import type { AuditEntry } from '../schemas/audit';
import type { StoredBid } from '../schemas/bids';
import type { CatalogueService } from '../schemas/catalogue';
import type { ConversationReferenceRecord } from '../schemas/conversation-references';
import type { Incident } from '../schemas/incidents';
import type { KpiDefinition, KpiMeasurement } from '../schemas/kpis';
import type { Partnership } from '../schemas/partnership';
import type { PlanYear } from '../schemas/plan';
import type { PostedCards } from '../schemas/posted-cards';
import type { Project } from '../schemas/projects';
import type { RiskToleration, TolerationNotice, TolerationSettingsRecord } from '../schemas/risk-tolerations';
import type { InfrastructureRisk } from '../schemas/risks';
import type { ServiceCalendarRecord, ServiceDeskTicket } from '../schemas/service-desk';
import type { RecordStore } from './record-store';

/** Every store the use-cases reach, behind interfaces; `createStores` picks the implementation. */
export type Stores = {
  partnerships: RecordStore<Partnership>;
  plans: RecordStore<PlanYear>;
  /** A bid the plan import wrote lacks the workflow fields: read bids through `readBid`. */
  bids: RecordStore<StoredBid>;
  risks: RecordStore<InfrastructureRisk>;
  applications: RecordStore<Application>;
  catalogue: RecordStore<CatalogueService>;
  kpiDefinitions: RecordStore<KpiDefinition>;
  kpiMeasurements: RecordStore<KpiMeasurement>;
  projects: RecordStore<Project>;
  /** Append-only: the use-cases can create and read entries, never replace them. */
  audit: Pick<RecordStore<AuditEntry>, 'create' | 'list' | 'listAll'>;
  licenceRuns: RecordStore<LicenceRun>;
  licenceFindings: FindingStore;
  licenceDecisions: RecordStore<MatchDecisionRecord>;
  licenceExclusions: RecordStore<ExclusionRecord>;
  /** The price list and the reconciler settings share one container, one record each. */
  licencePrices: RecordStore<PriceListRecord>;
  licenceSettings: RecordStore<LicenceSettingsRecord>;
  hrFeed: RecordStore<HrFeedRow>;
  incidents: RecordStore<Incident>;
  serviceDeskTickets: RecordStore<ServiceDeskTicket>;
  serviceCalendars: RecordStore<ServiceCalendarRecord>;
  /** Where the bot reaches each user who installed the app: one record per user. */
  conversationReferences: RecordStore<ConversationReferenceRecord>;
  /** Who acts on cards for each council, with which roles: one record per council. */
  approvers: RecordStore<CouncilApprovers>;
  riskTolerations: RecordStore<RiskToleration>;
  /** The outbox of what the bot must tell risk approvers. */
  riskNotices: RecordStore<TolerationNotice>;
  riskSettings: RecordStore<TolerationSettingsRecord>;
  /** Where the bot posted each record's approval card, per recipient: the copies to update. */
  postedCards: RecordStore<PostedCards>;
};

/** The stores a plan import writes, one per collection of the import document. */
export const PLAN_COLLECTIONS = [
  'bids',
  'risks',
  'applications',
  'catalogue',
  'kpiDefinitions',
  'kpiMeasurements',
  'projects',
] as const satisfies readonly (keyof Stores)[];
