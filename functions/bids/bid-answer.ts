import { viewOf } from '../../shared/bids/bid-view';
import type { BidWrite } from '../../shared/bids/change-bid';
import type { ApiResult } from '../http/api-handler';

/**
 * A bid after a write, with its ETag. `created` answers 201 when the request recorded something new (a draft, a
 * decision) and 200 when it found it already there.
 */
export function bidAnswer(write: BidWrite, options: { created?: boolean } = {}): ApiResult {
  const status = options.created && write.recorded ? 201 : 200;
  return { status, body: viewOf(write.bid.record), etag: write.bid.etag };
}
