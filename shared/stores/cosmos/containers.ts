/** Every Cosmos DB container the product uses; all are partitioned by partnership. */
export const CONTAINERS = {
  partnerships: 'partnerships',
  plans: 'plans',
  bids: 'bids',
  risks: 'risks',
  applications: 'applications',
  catalogue: 'catalogue',
  kpiDefinitions: 'kpiDefinitions',
  kpiMeasurements: 'kpiMeasurements',
  projects: 'projects',
  audit: 'audit',
  licenceRuns: 'licenceRuns',
  licenceFindings: 'licenceFindings',
  licenceDecisions: 'licenceDecisions',
  licenceExclusions: 'licenceExclusions',
  licenceConfig: 'licenceConfig',
  hrFeed: 'hrFeed',
  incidents: 'incidents',
  serviceDeskTickets: 'serviceDeskTickets',
  serviceConfig: 'serviceConfig',
  conversationReferences: 'conversationReferences',
  approvers: 'approvers',
  riskTolerations: 'riskTolerations',
  riskNotices: 'riskNotices',
  riskConfig: 'riskConfig',
  postedCards: 'postedCards',
} as const;

export type ContainerName = (typeof CONTAINERS)[keyof typeof CONTAINERS];

export const PARTITION_KEY_PATH = '/partnershipId';
