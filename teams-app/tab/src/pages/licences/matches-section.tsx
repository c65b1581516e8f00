import { Button, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useState } from 'react';
import { useApi, useApiClient } from '../../api/api';
import { Empty, Load } from '../../components/states';
import { DataTable, Section } from '../plan/data-table';
import { formatDateTime } from '../plan/format';
import type { MatchCandidate, RunRef } from './types';

const who = (candidate: MatchCandidate) =>
  candidate.accounts.map((a) => `${a.displayName} (${a.partnerCode})`).join(' and ');

/**
 * Accounts in two councils that share only a name: an administrator says whether they are one person (confirm)
 * or two (reject); later runs remember the answer.
 */
export function MatchesSection() {
  const client = useApiClient();
  const candidates = useApi<{ run: RunRef; items: MatchCandidate[] }>('licences/match-candidates');
  const [decided, setDecided] = useState<string[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);

  const decide = async (candidate: MatchCandidate, decision: 'confirmed' | 'rejected') => {
    setBusy(candidate.id);
    setMessage(null);
    try {
      await client.send('POST', 'licences/match-decisions', { accounts: candidate.accountKeys, decision });
      setDecided((ids) => [...ids, candidate.id]);
      // The row and its buttons go; focus moves to the section heading rather than being lost.
      document.getElementById('licences-matches-heading')?.focus();
      setMessage({
        intent: 'success',
        text:
          decision === 'confirmed'
            ? `Confirmed: ${who(candidate)} are the same person. The next run counts them as one.`
            : `Rejected: ${who(candidate)} are different people. The next run keeps them apart.`,
      });
    } catch (error) {
      setMessage({ intent: 'error', text: `Could not record the decision: ${(error as Error).message}` });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Section id="licences-matches" title="Candidate matches">
      <div aria-live="polite">
        {message && (
          <MessageBar intent={message.intent}>
            <MessageBarBody>{message.text}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      <Load from={candidates} label="the candidate matches">
        {({ run, items }) => {
          if (!run) return <Empty>No reconciliation has succeeded yet, so there are no candidate matches.</Empty>;
          const open = items.filter((candidate) => !decided.includes(candidate.id));
          return (
            <DataTable
              caption={`Accounts in two councils with the same name, from the run finished ${formatDateTime(run.finishedAt)}: ${open.length} to decide`}
              columns={[
                { label: 'Accounts' },
                { label: 'Councils' },
                { label: 'Licences' },
                { label: 'Why' },
                { label: 'Decision', csv: false },
              ]}
              rows={open.map((candidate) => {
                const accounts = candidate.accounts.map(
                  (a) => `${a.displayName} <${a.userPrincipalName}> (${a.partnerCode})`,
                );
                const licences = candidate.accounts.map(
                  (a) => `${a.partnerCode}: ${a.skuPartNumbers.join(', ') || 'none'}`,
                );
                return {
                  key: candidate.id,
                  cells: [
                    accounts.join('; '),
                    candidate.partnerCodes.join(', '),
                    licences.join('; '),
                    candidate.reason,
                    <span key="decide" style={{ display: 'inline-flex', gap: '6px' }}>
                      <Button
                        size="small"
                        appearance="primary"
                        disabled={busy !== null}
                        aria-label={`Confirm: ${who(candidate)} are the same person`}
                        onClick={() => decide(candidate, 'confirmed')}
                      >
                        Confirm
                      </Button>
                      <Button
                        size="small"
                        disabled={busy !== null}
                        aria-label={`Reject: ${who(candidate)} are different people`}
                        onClick={() => decide(candidate, 'rejected')}
                      >
                        Reject
                      </Button>
                    </span>,
                  ],
                  csv: [accounts.join('; '), candidate.partnerCodes.join(' '), licences.join('; '), candidate.reason],
                };
              })}
              filename="licence-match-candidates.csv"
              empty="No candidate matches are waiting for a decision."
            />
          );
        }}
      </Load>
    </Section>
  );
}
