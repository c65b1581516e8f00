import type { CapitalBidView } from '../../../shared/cards/capital-bid-view';
import type { CardContext, CardViewer, CouncilRef } from '../../../shared/cards/card-viewer';
import type { RiskTolerationView } from '../../../shared/cards/risk-toleration-view';

/** The 3C ICT councils, as the demo partnership names them. */
export const CCC: CouncilRef = { code: 'CCC', name: 'Cambridge City Council' };
export const HDC: CouncilRef = { code: 'HDC', name: 'Huntingdonshire District Council' };
export const SCDC: CouncilRef = { code: 'SCDC', name: 'South Cambridgeshire District Council' };

export const context: CardContext = { tabUrl: 'https://hub.example.org/tab/' };

/** Text a person could type, written to turn into a link, bold and a list if a card read it as markdown. */
export const HOSTILE = '[link](http://x) **bold** _it_ <b>tag</b>\n- item & more';

const viewer = (overrides: Partial<CardViewer> & Pick<CardViewer, 'userId' | 'name' | 'councilCode'>): CardViewer => ({
  teamsUserId: `29:${overrides.userId}`,
  canDecide: false,
  ...overrides,
});

/** The demo users: each council's risk and bid approver, and members of staff. */
export const fiona = viewer({ userId: 'oid-fiona', name: 'Fiona Bryant', councilCode: 'CCC', canDecide: true });
export const oliver = viewer({ userId: 'oid-oliver', name: 'Oliver Morley', councilCode: 'HDC', canDecide: true });
export const mike = viewer({ userId: 'oid-mike', name: 'Mike Hill', councilCode: 'SCDC', canDecide: true });
export const alex = viewer({ userId: 'oid-alex', name: 'Alex Turner', councilCode: 'CCC' });
export const jo = viewer({ userId: 'oid-jo', name: 'Jo Baker', councilCode: 'HDC', teamsUserId: null });

export const approvers = [fiona, oliver, mike].map((user) => ({
  councilCode: user.councilCode,
  teamsUserId: user.teamsUserId ?? null,
}));

/** A joint risk of all three councils, from the plan's Appendix A, asked to be tolerated; nobody has decided. */
export function jointRisk(overrides: Partial<RiskTolerationView> = {}): RiskTolerationView {
  return {
    tolerationId: 'tol-risk-joint-azure-1',
    riskId: 'risk-joint-azure-cloud-hosted-applications',
    round: 1,
    councils: [CCC, HDC, SCDC],
    joint: true,
    risk: {
      category: 'Azure/Cloud Hosted applications',
      text: 'Several systems for all 3 partner Councils now rely on Microsoft Azure or other cloud hosting platforms.',
      mitigation: 'Microsoft Azure has multiple built in failover and contingency.',
      recommendation: '3C ICT continue to recommend the use of MS Azure.',
      probability: 'Possible',
      impact: 'High',
      score: 8,
      level: 'Medium',
      version: 'v-abc123',
    },
    request: {
      by: 'Sam Smith',
      at: '2026-12-03T10:00:00.000Z',
      reviewDays: 180,
      recommendedResponse: 'tolerate',
      note: 'Please decide before the board on 10 December.',
      responses: ['tolerate', 'treat'],
    },
    changedSinceRequest: false,
    decisions: [],
    outcome: { state: 'awaiting' },
    expiresAt: null,
    pendingApprovers: approvers,
    ...overrides,
  };
}

export const fionaTolerated = {
  councilCode: 'CCC',
  response: 'tolerate',
  by: { userId: fiona.userId, name: fiona.name },
  at: '2026-12-03T14:05:00.000Z',
  comment: 'Agreed at the City management team.',
  onEarlierVersion: false,
} as const satisfies RiskTolerationView['decisions'][number];

/** The plan's Telephony bid: no SCDC share (a footnote says why), CCC and HDC 150,000 each. */
export function telephonyBid(overrides: Partial<CapitalBidView> = {}): CapitalBidView {
  return {
    bidId: 'bid-2020-21-telephony-core-telephony',
    version: '"etag-7"',
    round: 1,
    title: 'Telephony (Core Telephony)',
    year: '2020-21',
    shares: [
      { council: SCDC, amount: 0, movedToRevenue: false, note: '£150k allocated in 19/20' },
      { council: CCC, amount: 150_000, movedToRevenue: false, note: null },
      { council: HDC, amount: 150_000, movedToRevenue: false, note: null },
    ],
    total: 300_000,
    notes: [],
    submitted: { by: 'Sam Smith', at: '2026-12-01T09:30:00.000Z' },
    decisions: [],
    outcome: { state: 'awaiting' },
    pendingApprovers: approvers,
    ...overrides,
  };
}
