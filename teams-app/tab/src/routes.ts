import { useEffect, useState } from 'react';

/** The tab's pages; the hash names one (`#/kpis`), and an incident deep link is `#/status/incidents/{id}`. */
export const PAGES = [
  { id: 'status', title: 'Status' },
  { id: 'kpis', title: 'KPIs' },
  { id: 'plan', title: 'Plan' },
  { id: 'licences', title: 'Licences' },
] as const;
export type PageId = (typeof PAGES)[number]['id'];

export type Route = { page: PageId; incidentId: string | null };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const page = (PAGES.find((p) => p.id === parts[0])?.id ?? 'status') as PageId;
  const incidentId = page === 'status' && parts[1] === 'incidents' && parts[2] ? parts[2] : null;
  return { page, incidentId };
}

export const hrefOf = (route: Partial<Route> & { page: PageId }) =>
  route.incidentId ? `#/status/incidents/${encodeURIComponent(route.incidentId)}` : `#/${route.page}`;

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
