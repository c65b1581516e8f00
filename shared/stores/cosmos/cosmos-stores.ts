import type { Database } from '@azure/cosmos';
import type { Stores } from '../stores';
import { CONTAINERS } from './containers';
import { CosmosFindingStore } from './cosmos-finding-store';
import { CosmosRecordStore } from './cosmos-record-store';

export function createCosmosStores(database: Database): Stores {
  const store = (name: keyof typeof CONTAINERS) => new CosmosRecordStore<never>(database.container(CONTAINERS[name]));
  return {
    partnerships: store('partnerships'),
    plans: store('plans'),
    bids: store('bids'),
    risks: store('risks'),
    applications: store('applications'),
    catalogue: store('catalogue'),
    kpiDefinitions: store('kpiDefinitions'),
    kpiMeasurements: store('kpiMeasurements'),
    projects: store('projects'),
    audit: store('audit'),
    licenceRuns: store('licenceRuns'),
    licenceFindings: new CosmosFindingStore(database.container(CONTAINERS.licenceFindings)),
    licenceDecisions: store('licenceDecisions'),
    licenceExclusions: store('licenceExclusions'),
    licencePrices: store('licenceConfig'),
    licenceSettings: store('licenceConfig'),
    hrFeed: store('hrFeed'),
    incidents: store('incidents'),
    serviceDeskTickets: store('serviceDeskTickets'),
    serviceCalendars: store('serviceConfig'),
    conversationReferences: store('conversationReferences'),
    approvers: store('approvers'),
    riskTolerations: store('riskTolerations'),
    riskNotices: store('riskNotices'),
    riskSettings: store('riskConfig'),
    postedCards: store('postedCards'),
  };
}
