import { makeStyles } from '@fluentui/react-components';
import { useState } from 'react';
import { useApi } from '../../api/api';
import { Empty, Load } from '../../components/states';
import { hasRole, useMe } from '../../me';
import { DataTable, Section } from '../plan/data-table';
import { Choice, FilterBar } from '../plan/filters';
import { formatDateTime, formatPence } from '../plan/format';
import { FINDING_TYPES, type Finding, type FindingType, type RunRef } from './types';

const useStyles = makeStyles({
  list: { margin: 0, padding: 0, listStyle: 'none', display: 'grid', gap: '4px', minWidth: '220px' },
  upn: { display: 'block', fontSize: '0.85em', overflowWrap: 'anywhere' },
});

const CONFIDENCE = { high: 'High', medium: 'Medium' } as const;

/** The findings of the last good run, filtered by council and type, with their annual cost and what to do. */
export function FindingsSection() {
  const styles = useStyles();
  const me = useMe();
  const [council, setCouncil] = useState('');
  const [type, setType] = useState('');
  const query = new URLSearchParams({ ...(council ? { partnerCode: council } : {}), ...(type ? { type } : {}) });
  const findings = useApi<{ run: RunRef; findings: Finding[] }>(
    `licences/findings${query.size ? `?${query.toString()}` : ''}`,
  );
  // A council's licence administrator sees what each finding costs their own council unless they choose another.
  const costCouncil = council || (hasRole(me, 'partnership-admin') ? '' : me.caller.partnerCode);
  const councilName = me.partnership.partners.find((p) => p.code === council)?.name;
  const costName = me.partnership.partners.find((p) => p.code === costCouncil)?.name ?? costCouncil;
  return (
    <Section id="licences-findings" title="Findings">
      <FilterBar>
        <Choice
          label="Council"
          value={council}
          onChange={setCouncil}
          options={[
            { value: '', text: 'All councils' },
            ...me.partnership.partners.map((p) => ({ value: p.code, text: p.name })),
          ]}
        />
        <Choice
          label="Type of finding"
          value={type}
          onChange={setType}
          options={[
            { value: '', text: 'All types' },
            ...Object.entries(FINDING_TYPES).map(([value, text]) => ({ value, text })),
          ]}
        />
      </FilterBar>
      <Load from={findings} label="the findings">
        {({ run, findings: items }) => {
          if (!run) return <Empty>No reconciliation has succeeded yet, so there are no findings. Run one first.</Empty>;
          const total = items.reduce(
            (sum, f) => sum + (costCouncil ? (f.costByPartner[costCouncil] ?? 0) : f.annualCostPence),
            0,
          );
          const filterText = [councilName, type ? FINDING_TYPES[type as FindingType] : null].filter(Boolean).join(', ');
          return (
            <DataTable
              caption={`Findings of the run finished ${formatDateTime(run.finishedAt)}${filterText ? ` (${filterText})` : ''}: ${items.length}, ${formatPence(total)} a year${costCouncil ? ` to ${costName}` : ''}`}
              columns={[
                { label: 'Type' },
                { label: 'Accounts (council)' },
                { label: 'Licences' },
                { label: 'Annual cost', numeric: true },
                ...(costCouncil ? [{ label: `Cost to ${costCouncil}`, numeric: true }] : []),
                { label: 'Confidence' },
                { label: 'Reasons' },
                { label: 'Recommended action' },
              ]}
              rows={items.map((finding) => {
                const confidence = finding.confidence ? CONFIDENCE[finding.confidence] : 'Not applicable';
                const accounts = finding.accounts.map(
                  (a) => `${a.displayName} <${a.userPrincipalName}> (${a.partnerCode})`,
                );
                const own = costCouncil ? [finding.costByPartner[costCouncil] ?? 0] : [];
                return {
                  key: finding.id,
                  cells: [
                    FINDING_TYPES[finding.type] ?? finding.type,
                    <ul key="accounts" className={styles.list}>
                      {finding.accounts.map((account) => (
                        <li key={`${account.partnerCode}/${account.userPrincipalName}`}>
                          {account.displayName} ({account.partnerCode})
                          <span className={styles.upn}>{account.userPrincipalName}</span>
                        </li>
                      ))}
                    </ul>,
                    finding.skuPartNumbers.join(', '),
                    formatPence(finding.annualCostPence),
                    ...own.map((pence) => formatPence(pence)),
                    confidence,
                    finding.reasons.join('; '),
                    finding.recommendedAction,
                  ],
                  csv: [
                    FINDING_TYPES[finding.type] ?? finding.type,
                    accounts.join('; '),
                    finding.skuPartNumbers.join(' '),
                    finding.annualCostPence / 100,
                    ...own.map((pence) => pence / 100),
                    confidence,
                    finding.reasons.join('; '),
                    finding.recommendedAction,
                  ],
                };
              })}
              filename={`licence-findings${council ? `-${council}` : ''}${type ? `-${type}` : ''}.csv`}
              empty={filterText ? `No findings for ${filterText}.` : 'The last run found no wasted licences.'}
            />
          );
        }}
      </Load>
    </Section>
  );
}
