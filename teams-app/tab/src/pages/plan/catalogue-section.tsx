import { Load } from '../../components/states';
import { DataTable, Section } from './data-table';
import { useAllPages } from './paged';
import type { CatalogueService } from './types';

/** Appendix C: the live services of the shared service and the availability area each counts under. */
export function CatalogueSection() {
  const catalogue = useAllPages<CatalogueService>('catalogue');
  return (
    <Section id="plan-catalogue" title="Service catalogue">
      <Load from={catalogue} label="the service catalogue">
        {(items) => (
          <DataTable
            caption={`Service catalogue: ${items.length} services`}
            columns={[{ label: 'No.', numeric: true }, { label: 'Service' }, { label: 'Availability area (KPI-2)' }]}
            rows={[...items]
              .sort((a, b) => a.order - b.order)
              .map((service) => ({
                key: service.id,
                cells: [service.order, service.name, service.statusArea ?? 'Not measured'],
                csv: [service.order, service.name, service.statusArea],
              }))}
            filename="service-catalogue.csv"
            empty="The catalogue has no services."
          />
        )}
      </Load>
    </Section>
  );
}
