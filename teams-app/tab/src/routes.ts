import { useEffect, useState } from 'react';

/**
 * The tab's pages; the hash names one (`#/kpis`). Deep links: an incident `#/status/incidents/{id}`, a risk
 * `#/risks/{id}`, a capital bid `#/bids/{id}` (the cards' "Open in the tab" links) and a licence run's report
 * `#/licences/runs/{id}` (the licence card's CSV link: the download needs the user's token, which only the tab has).
 */
export const PAGES = [
  { id: 'status', title: 'Status' },
  { id: 'kpis', title: 'KPIs' },
  { id: 'plan', title: 'Plan' },
  { id: 'risks', title: 'Risks' },
  { id: 'bids', title: 'Bids' },
  { id: 'licences', title: 'Licences' },
] as const;
export type PageId = (typeof PAGES)[number]['id'];

export type Route = {
  page: PageId;
  incidentId: string | null;
  riskId: string | null;
  bidId: string | null;
  runId: string | null;
};

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const page = (PAGES.find((p) => p.id === parts[0])?.id ?? 'status') as PageId;
  const incidentId = page === 'status' && parts[1] === 'incidents' && parts[2] ? parts[2] : null;
  const riskId = page === 'risks' && parts[1] ? parts[1] : null;
  const bidId = page === 'bids' && parts[1] ? parts[1] : null;
  const runId = page === 'licences' && parts[1] === 'runs' && parts[2] ? parts[2] : null;
  return { page, incidentId, riskId, bidId, runId };
}

export function hrefOf(route: Partial<Route> & { page: PageId }): string {
  if (route.incidentId) return `#/status/incidents/${encodeURIComponent(route.incidentId)}`;
  if (route.page === 'risks' && route.riskId) return `#/risks/${encodeURIComponent(route.riskId)}`;
  if (route.page === 'bids' && route.bidId) return `#/bids/${encodeURIComponent(route.bidId)}`;
  if (route.page === 'licences' && route.runId) return `#/licences/runs/${encodeURIComponent(route.runId)}`;
  return `#/${route.page}`;
}

/** The current route, following the address bar (back and forward work, and links can be shared). */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const follow = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return route;
}
