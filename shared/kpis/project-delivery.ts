import type { Project } from '../schemas/projects';

/**
 * What the comments of a project say when it is slipping: the pipeline keeps no RAG of its own, so these words
 * in the latest comment ("Project likely to slip by 2-3 months", "Issues with Mobile App have arisen") mark it.
 */
export const SLIPPAGE_SIGNALS: readonly RegExp[] = [
  /\bslip/i,
  /\bdelay/i,
  /\boverdue\b/i,
  /\bbehind (schedule|plan)\b/i,
  /\blate\b/i,
  /\bon hold\b/i,
  /\bissues with\b/i,
];

export type ProjectAssessment = {
  id: string;
  number: string | null;
  name: string;
  deliveryDate: string | null;
  onTrack: boolean;
  reason: string;
};

export type ProjectDeliveryFigure = {
  /** Percent of in-flight projects on track, to one decimal; null with none in flight. */
  value: number | null;
  inFlight: number;
  onTrack: number;
  asOf: string;
  projects: ProjectAssessment[];
  definition: string;
};

export const PROJECT_DELIVERY_DEFINITION =
  'KPI-6: the share of in-flight projects (status in progress) that are on track on the date assessed: a delivery ' +
  'date is set and not passed, and the latest comment reports no slippage (slip, delay, overdue, behind ' +
  'schedule, late, on hold, issues with). Planned and closed projects are not in flight.';

/** KPI-6 Project Delivery Performance from the project pipeline, assessed on a date (YYYY-MM-DD). */
export function computeProjectDelivery(projects: readonly Project[], asOf: string): ProjectDeliveryFigure {
  const assessed = projects
    .filter((project) => project.status === 'in-progress')
    .map((project): ProjectAssessment => {
      const base = { id: project.id, number: project.number, name: project.name, deliveryDate: project.deliveryDate };
      if (!project.deliveryDate) return { ...base, onTrack: false, reason: 'no delivery date set' };
      if (project.deliveryDate < asOf)
        return { ...base, onTrack: false, reason: `delivery date ${project.deliveryDate} has passed` };
      const signal = SLIPPAGE_SIGNALS.map((pattern) => pattern.exec(project.comments)).find(Boolean);
      if (signal) return { ...base, onTrack: false, reason: `the comment reports "${signal[0]}"` };
      return { ...base, onTrack: true, reason: `due ${project.deliveryDate}, no slippage reported` };
    });
  const onTrack = assessed.filter((project) => project.onTrack).length;
  return {
    value: assessed.length > 0 ? Math.round((1000 * onTrack) / assessed.length) / 10 : null,
    inFlight: assessed.length,
    onTrack,
    asOf,
    projects: assessed,
    definition: PROJECT_DELIVERY_DEFINITION,
  };
}
