import { describe, expect, it } from 'vitest';
import { loadDemoDatasets } from '../../../local/seed/demo-datasets';
import { computeProjectDelivery } from '../../../shared/kpis/project-delivery';
import type { Project } from '../../../shared/schemas/projects';

const demoProjects = (): Project[] =>
  loadDemoDatasets().find((d) => d.partnership.id === '3c-ict')?.documents[0]?.projects ?? [];

describe('KPI-6 Project Delivery Performance', () => {
  it('counts the in-flight projects of the demo pipeline on track at the end of Q2 2019/20', () => {
    const figure = computeProjectDelivery(demoProjects(), '2019-09-30');
    expect(figure.inFlight).toBe(11); // 13 projects, PSN and the server room closed
    expect(figure.onTrack).toBe(9);
    expect(figure.value).toBe(81.8);
    expect(figure.projects.filter((p) => !p.onTrack).map((p) => [p.number, p.reason])).toEqual([
      ['P0077', 'the comment reports "slip"'],
      ['P0075', 'the comment reports "Issues with"'],
    ]);
  });

  it('counts a project past its delivery date, or without one, as not on track', () => {
    const project = (id: string, deliveryDate: string | null): Project => ({
      id,
      number: null,
      name: id,
      deliveryDate,
      deliveryDateText: deliveryDate ?? 'TBC',
      status: 'in-progress',
      comments: 'All going well.',
    });
    const figure = computeProjectDelivery(
      [
        project('a', '2020-01-31'),
        project('b', '2019-12-31'),
        project('c', null),
        { ...project('d', null), status: 'planned' },
      ],
      '2020-01-01',
    );
    expect(figure).toMatchObject({ inFlight: 3, onTrack: 1, value: 33.3 });
    expect(figure.projects.map((p) => p.reason)).toEqual([
      'due 2020-01-31, no slippage reported',
      'delivery date 2019-12-31 has passed',
      'no delivery date set',
    ]);
    expect(computeProjectDelivery([], '2020-01-01').value).toBeNull();
  });
});
