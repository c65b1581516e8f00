import { pagedListHandler } from '../http/paged-list';
import { httpFunction } from '../registry';

export const listKpiMeasurementsFunction = httpFunction('listKpiMeasurements', {
  methods: ['GET'],
  route: 'kpis/measurements',
  handler: pagedListHandler((stores) => stores.kpiMeasurements),
});
