import type { Stores } from '../stores';
import { MemoryFindingStore } from './memory-finding-store';
import { MemoryRecordStore } from './memory-record-store';

/** A fresh set of in-memory stores, for unit tests. */
export function createMemoryStores(): Stores {
  return {
    partnerships: new MemoryRecordStore(),
    plans: new MemoryRecordStore(),
    bids: new MemoryRecordStore(),
    risks: new MemoryRecordStore(),
    applications: new MemoryRecordStore(),
    catalogue: new MemoryRecordStore(),
    kpiDefinitions: new MemoryRecordStore(),
    kpiMeasurements: new MemoryRecordStore(),
    projects: new MemoryRecordStore(),
    audit: new MemoryRecordStore(),
    licenceRuns: new MemoryRecordStore(),
    licenceFindings: new MemoryFindingStore(),
    licenceDecisions: new MemoryRecordStore(),
    licenceExclusions: new MemoryRecordStore(),
    licencePrices: new MemoryRecordStore(),
    licenceSettings: new MemoryRecordStore(),
    hrFeed: new MemoryRecordStore(),
    incidents: new MemoryRecordStore(),
    serviceDeskTickets: new MemoryRecordStore(),
    serviceCalendars: new MemoryRecordStore(),
    conversationReferences: new MemoryRecordStore(),
    approvers: new MemoryRecordStore(),
    riskTolerations: new MemoryRecordStore(),
    riskNotices: new MemoryRecordStore(),
    riskSettings: new MemoryRecordStore(),
    postedCards: new MemoryRecordStore(),
  };
}
