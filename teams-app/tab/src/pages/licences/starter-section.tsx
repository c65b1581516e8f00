import { Button, MessageBar, MessageBarBody, makeStyles, Text } from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import { useApiClient } from '../../api/api';
import { hasRole, useMe } from '../../me';
import { DataTable, Section } from '../plan/data-table';
import { Choice, TextField } from '../plan/filters';
import { formatDateTime, formatPence } from '../plan/format';
import type { StarterCheck } from './types';

const useStyles = makeStyles({
  form: {
    display: 'grid',
    gap: '12px',
    gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))',
    alignItems: 'end',
  },
  result: { display: 'grid', gap: '8px' },
});

const MATCHED_ON = { 'employee-id': 'Employee id', email: 'Work email', name: 'Name only' } as const;
const CONFIDENCE = { high: 'High', medium: 'Medium', possible: 'Possible' } as const;

function summarise(result: StarterCheck): string {
  const definite = result.seats.filter((seat) => seat.matchedOn !== 'name').length;
  const possible = result.seats.length - definite;
  const parts: string[] = [];
  if (definite > 0) {
    parts.push(
      `${definite} seat${definite === 1 ? '' : 's'} matched by employee id or email, ${formatPence(result.annualCostPence)} a year already paid.`,
    );
  }
  if (possible > 0)
    parts.push(`${possible} council${possible === 1 ? ' has' : 's have'} someone with the same name only.`);
  return parts.length > 0 ? parts.join(' ') : 'No seat found in the other councils.';
}

/** Before a seat is bought for a starter: does the same person hold one in another council already? */
export function StarterSection() {
  const styles = useStyles();
  const client = useApiClient();
  const me = useMe();
  const anyCouncil = hasRole(me, 'partnership-admin');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [employeeId, setEmployeeId] = useState('');
  const [council, setCouncil] = useState(me.caller.partnerCode);
  const [tried, setTried] = useState(false);
  const [checking, setChecking] = useState(false);
  const [result, setResult] = useState<StarterCheck | null>(null);
  const [error, setError] = useState<string | null>(null);

  const nameMissing = name.trim() === '';
  const idMissing = email.trim() === '' && employeeId.trim() === '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (nameMissing || idMissing) return;
    setChecking(true);
    setError(null);
    setResult(null);
    try {
      setResult(
        await client.send<StarterCheck>('POST', 'licences/starter-check', {
          name: name.trim(),
          ...(email.trim() ? { email: email.trim() } : {}),
          ...(employeeId.trim() ? { employeeId: employeeId.trim() } : {}),
          ...(anyCouncil ? { partnerCode: council } : {}),
        }),
      );
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setChecking(false);
    }
  };

  const partnerName = (code: string) => me.partnership.partners.find((p) => p.code === code)?.name ?? code;

  return (
    <Section id="licences-starter" title="Starter check">
      <Text>
        Before buying a licence for a new starter, check whether they already hold one in another council's tenant. Give
        the name and the work email, the employee id or both.
      </Text>
      <form className={styles.form} onSubmit={submit} noValidate>
        <TextField
          label="Name"
          required
          value={name}
          onChange={setName}
          error={tried && nameMissing ? 'Enter the starter’s name.' : null}
        />
        <TextField
          label="Work email"
          type="email"
          value={email}
          onChange={setEmail}
          error={tried && idMissing ? 'Enter the work email, the employee id or both.' : null}
        />
        <TextField label="Employee id" value={employeeId} onChange={setEmployeeId} />
        {anyCouncil ? (
          <Choice
            label="Council licensing the starter"
            value={council}
            onChange={setCouncil}
            options={me.partnership.partners.map((p) => ({ value: p.code, text: p.name }))}
          />
        ) : (
          <Text>Council licensing the starter: {partnerName(me.caller.partnerCode)}</Text>
        )}
        <div>
          <Button type="submit" appearance="primary" disabled={checking}>
            {checking ? 'Checking…' : 'Check starter'}
          </Button>
        </div>
      </form>
      <div aria-live="polite" className={styles.result}>
        {error && (
          <MessageBar intent="error">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        )}
        {result && (
          <>
            <MessageBar intent={result.seats.length > 0 ? 'warning' : 'success'}>
              <MessageBarBody>
                {summarise(result)} {result.advice}
              </MessageBarBody>
            </MessageBar>
            <Text size={200}>
              Checked against the run finished {formatDateTime(result.basedOnRunFinishedAt)}
              {result.notChecked.length > 0 ? `; not checked (no data): ${result.notChecked.join(', ')}` : ''}.
            </Text>
          </>
        )}
      </div>
      {result && result.seats.length > 0 && (
        <DataTable
          caption={`Seats the starter may already hold outside ${partnerName(result.partnerCode)}`}
          columns={[
            { label: 'Council' },
            { label: 'Account' },
            { label: 'Licences' },
            { label: 'Annual cost', numeric: true },
            { label: 'Matched on' },
            { label: 'Confidence' },
          ]}
          rows={result.seats.map((seat, index) => {
            const account = 'userPrincipalName' in seat ? `${seat.displayName} <${seat.userPrincipalName}>` : '';
            const licences = 'skuPartNumbers' in seat ? seat.skuPartNumbers.join(', ') : '';
            const cost = 'annualCostPence' in seat ? seat.annualCostPence : null;
            return {
              key: `${seat.partnerCode}-${index}`,
              cells: [
                partnerName(seat.partnerCode),
                account || 'Someone with the same name (ask their licence administrator)',
                licences,
                cost === null ? '' : formatPence(cost),
                MATCHED_ON[seat.matchedOn],
                CONFIDENCE[seat.confidence],
              ],
              csv: [
                seat.partnerCode,
                account,
                licences,
                cost === null ? null : cost / 100,
                MATCHED_ON[seat.matchedOn],
                CONFIDENCE[seat.confidence],
              ],
            };
          })}
          filename="starter-check.csv"
          empty="No seats found."
        />
      )}
    </Section>
  );
}
