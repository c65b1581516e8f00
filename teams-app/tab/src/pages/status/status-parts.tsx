import { Badge, makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useMe } from '../../me';
import { hrefOf } from '../../routes';
import {
  AREA_LABELS,
  areasLabel,
  causeLabel,
  kindLabel,
  LEVEL_LABELS,
  periodLabel,
  severityLabel,
} from './status-format';
import type { CurrentStatus, Incident, StatusLevel } from './status-types';

export const useTableStyles = makeStyles({
  wrap: { overflowX: 'auto' },
  table: {
    borderCollapse: 'collapse',
    width: '100%',
    '& th, & td': {
      textAlign: 'left',
      verticalAlign: 'top',
      padding: '6px 8px',
      borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    },
    '& thead th': { borderBottom: `2px solid ${tokens.colorNeutralStroke1}`, fontWeight: tokens.fontWeightSemibold },
  },
  caption: { textAlign: 'left', fontWeight: tokens.fontWeightSemibold, padding: '4px 0 8px' },
});

const useLinkStyles = makeStyles({
  link: {
    color: tokens.colorBrandForegroundLink,
    textDecorationLine: 'underline',
    ':hover': { color: tokens.colorBrandForegroundLinkHover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px', borderRadius: '2px' },
  },
});

/** A plain link in the theme's link colour (a native anchor: no extra script for a link). */
export function TextLink({ href, children, className }: { href: string; children: ReactNode; className?: string }) {
  const styles = useLinkStyles();
  return (
    <a href={href} className={mergeClasses(styles.link, className)}>
      {children}
    </a>
  );
}

const useStyles = makeStyles({
  list: { listStyle: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: '8px' },
  item: {
    padding: '10px 12px',
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    display: 'flex',
    flexDirection: 'column',
    gap: '4px',
  },
  line: { display: 'flex', flexWrap: 'wrap', gap: '6px', alignItems: 'center' },
  muted: { color: tokens.colorNeutralForeground2 },
});

const LEVEL_LOOK: Record<StatusLevel, { color: 'danger' | 'warning' | 'informative' | 'success'; mark: string }> = {
  outage: { color: 'danger', mark: '✕' },
  degraded: { color: 'warning', mark: '▲' },
  maintenance: { color: 'informative', mark: '⚙' },
  operational: { color: 'success', mark: '✓' },
};

/** A status level in colour, with a shape and its name (never colour alone). */
export function LevelBadge({ level }: { level: StatusLevel }) {
  const look = LEVEL_LOOK[level];
  return (
    <Badge appearance="tint" color={look.color} shape="rounded">
      <span aria-hidden="true">{look.mark}&nbsp;</span>
      {LEVEL_LABELS[level]}
    </Badge>
  );
}

/** Council codes as names: "All councils" when every partner is named. */
export function useCouncilNames(): (codes: readonly string[]) => string {
  const partners = useMe().partnership.partners;
  return (codes) =>
    partners.length > 1 && partners.every((p) => codes.includes(p.code))
      ? 'All councils'
      : codes.map((code) => partners.find((p) => p.code === code)?.shortName ?? code).join(', ');
}

/** Areas down the side, the partnership and each council across: every cell says its status in words. */
export function StatusGrid({ status }: { status: CurrentStatus }) {
  const styles = useTableStyles();
  const partners = useMe().partnership.partners;
  const shortName = (code: string) => partners.find((p) => p.code === code)?.shortName ?? code;
  return (
    <div className={styles.wrap}>
      <table className={styles.table}>
        <caption className={styles.caption}>Status of each service area, for all councils and for each council</caption>
        <thead>
          <tr>
            <th scope="col">Service area</th>
            <th scope="col">All councils</th>
            {status.councils.map((council) => (
              <th key={council.code} scope="col">
                <abbr title={council.name}>{shortName(council.code)}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {status.areas.map((area) => (
            <tr key={area.area}>
              <th scope="row">{AREA_LABELS[area.area] ?? area.label}</th>
              <td>
                <LevelBadge level={area.status} />
              </td>
              {status.councils.map((council) => {
                const level = council.areas.find((entry) => entry.area === area.area)?.status ?? 'operational';
                return (
                  <td key={council.code}>
                    <LevelBadge level={level} />
                  </td>
                );
              })}
            </tr>
          ))}
          <tr>
            <th scope="row">Every area</th>
            <td>
              <LevelBadge level={status.overall} />
            </td>
            {status.councils.map((council) => (
              <td key={council.code}>
                <LevelBadge level={council.status} />
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/** Incidents as a list, each linking to its own page (`#/status/incidents/{id}`). */
export function IncidentList({ incidents, label }: { incidents: readonly Incident[]; label: string }) {
  const styles = useStyles();
  const councilNames = useCouncilNames();
  return (
    <ul className={styles.list} aria-label={label}>
      {incidents.map((incident) => (
        <li key={incident.id} className={styles.item}>
          <div className={styles.line}>
            <TextLink href={hrefOf({ page: 'status', incidentId: incident.id })}>
              <Text weight="semibold">{incident.title}</Text>
            </TextLink>
          </div>
          <div className={styles.line}>
            <LevelBadge level={incident.kind === 'planned-maintenance' ? 'maintenance' : incident.severity} />
            <Text size={200}>
              {kindLabel(incident)}
              {incident.kind === 'planned-maintenance' ? ` (${severityLabel(incident).toLowerCase()})` : ''}
            </Text>
          </div>
          <Text size={200} className={styles.muted}>
            {areasLabel(incident)} · {councilNames(incident.councils)}
          </Text>
          <Text size={200} className={styles.muted}>
            {periodLabel(incident)} · Cause: {causeLabel(incident)}
          </Text>
        </li>
      ))}
    </ul>
  );
}
