import { Button, makeStyles, Spinner, Tab, TabList, Text, tokens } from '@fluentui/react-components';
import { lazy, Suspense, useEffect, useRef } from 'react';
import { useApi } from './api/api';
import { PageLoadBoundary } from './components/page-load-boundary';
import { Load } from './components/states';
import { hasRole, type Me, MeContext } from './me';
import { KpisPage } from './pages/kpis-page';
import { LicencesPage } from './pages/licences-page';
import { PlanPage } from './pages/plan-page';
import { StatusPage } from './pages/status-page';
import { hrefOf, PAGES, type PageId, useRoute } from './routes';

// The approvals pages load on first visit: their code stays out of the JavaScript the first page needs.
const RisksPage = lazy(() => import('./pages/risks-page').then((module) => ({ default: module.RisksPage })));
const BidsPage = lazy(() => import('./pages/bids-page').then((module) => ({ default: module.BidsPage })));

const useStyles = makeStyles({
  shell: { padding: '12px 20px', maxWidth: '1200px', margin: '0 auto' },
  header: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: '12px', flexWrap: 'wrap' },
  main: { marginTop: '16px', display: 'flex', flexDirection: 'column', gap: '16px' },
  who: { color: tokens.colorNeutralForeground3 },
});

/** The signed-in tab: who, the pages this user may see, and the page the address names. */
export function App({ onSignOut }: { onSignOut?: () => void }) {
  const me = useApi<Me>('me');
  return (
    <Load from={me} label="your account">
      {(data) => (
        <MeContext.Provider value={data}>
          <Shell me={data} onSignOut={onSignOut} />
        </MeContext.Provider>
      )}
    </Load>
  );
}

function Shell({ me, onSignOut }: { me: Me; onSignOut?: () => void }) {
  const styles = useStyles();
  const route = useRoute();
  const heading = useRef<HTMLHeadingElement>(null);
  const pages = PAGES.filter((page) => page.id !== 'licences' || hasRole(me, 'licence-admin', 'partnership-admin'));
  // Moving to another page, or back from a record to its page, moves focus to the page's heading, so a screen
  // reader announces where the user is; a record (incident, risk, bid) focuses its own title once loaded.
  const onRecord = Boolean(route.incidentId || route.riskId || route.bidId);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the page change is the trigger, not an input
  useEffect(() => heading.current?.focus(), [route.page, onRecord]);
  const title = PAGES.find((page) => page.id === route.page)?.title ?? 'Status';
  return (
    <div className={styles.shell}>
      <header className={styles.header}>
        <Text weight="semibold" size={500}>
          {me.partnership.sharedServiceName}
        </Text>
        <Text className={styles.who}>
          {me.caller.name} ({me.caller.partnerCode}){' '}
          {onSignOut && (
            <Button size="small" appearance="subtle" onClick={onSignOut}>
              Sign out
            </Button>
          )}
        </Text>
      </header>
      <nav aria-label="Pages">
        <TabList
          selectedValue={route.page}
          onTabSelect={(_, data) => {
            window.location.hash = hrefOf({ page: data.value as PageId });
          }}
        >
          {pages.map((page) => (
            <Tab key={page.id} value={page.id}>
              {page.title}
            </Tab>
          ))}
        </TabList>
      </nav>
      <main className={styles.main}>
        <h1 ref={heading} tabIndex={-1} style={{ margin: 0, fontSize: '1.5rem' }}>
          {title}
        </h1>
        {route.page === 'status' && <StatusPage incidentId={route.incidentId} />}
        {route.page === 'kpis' && <KpisPage />}
        {route.page === 'plan' && <PlanPage />}
        {route.page === 'licences' && <LicencesPage runId={route.runId} />}
        <PageLoadBoundary key={route.page}>
          <Suspense fallback={<Spinner size="small" label="Loading the page…" />}>
            {route.page === 'risks' && <RisksPage riskId={route.riskId} />}
            {route.page === 'bids' && <BidsPage bidId={route.bidId} />}
          </Suspense>
        </PageLoadBoundary>
      </main>
    </div>
  );
}
