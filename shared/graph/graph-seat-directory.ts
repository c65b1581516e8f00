import { type Client, GraphError, type GraphRequest, RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import type {
  AccountChange,
  DeltaScan,
  FullScan,
  FullScanOptions,
  OutgoingMail,
  ReadOptions,
  ScanProgress,
  SeatDirectory,
  TenantSku,
} from '../licences/gateways';
import { type GraphUser, SEAT_SCAN_FIELDS, toLicensedAccount } from '../licences/graph-user';
import type { LicensedAccount } from '../licences/licensed-account';
import type { TenantConnection } from '../schemas/licences';
import { readCredentialSetting } from './credential-setting';
import { type BatchRequest, type BatchResponse, retryAfterSeconds, sendBatch } from './graph-batch';
import { createGraphClient, type GraphClientOptions } from './graph-client';

export type SeatDirectoryOptions = {
  /** How long the sign-in pass may spend in all, waiting on Graph's sign-in throttle included, before it gives up. */
  signInBudgetMs?: number;
  sleep?: (milliseconds: number) => Promise<void>;
};

type Page<T> = { value?: T[]; '@odata.nextLink'?: string; '@odata.deltaLink'?: string; '@odata.count'?: number };
type DeltaUser = GraphUser & { '@removed'?: { reason?: string } };
type SignInUser = { id: string; signInActivity?: { lastSuccessfulSignInDateTime?: string | null } | null };
type GraphSku = { skuId: string; skuPartNumber: string; prepaidUnits?: { enabled?: number }; consumedUnits?: number };
/** What a call is, for errors, and the application permission it needs. */
type Call = { what: string; permission: string };

const USERS: Call = { what: 'GET /users (licensed users)', permission: 'User.Read.All' };
const USERS_DELTA: Call = { what: 'GET /users/delta', permission: 'User.Read.All' };
const SKUS: Call = { what: 'GET /subscribedSkus', permission: 'LicenseAssignment.Read.All (or Organization.Read.All)' };
const BATCH: Call = {
  what: 'POST /$batch',
  permission: 'User.Read.All and LicenseAssignment.Read.All (or Organization.Read.All)',
};
const SIGN_INS: Call = { what: 'GET /users (signInActivity)', permission: 'AuditLog.Read.All and User.Read.All' };
const SEND_MAIL: Call = { what: 'POST /users/{sender}/sendMail', permission: 'Mail.Send' };

const LICENSED = 'assignedLicenses/$count ne 0';
const EVENTUAL = ['ConsistencyLevel', 'eventual'] as const;
const MAX_PAGE = 'odata.maxpagesize=999';
const SKUS_REQUEST: BatchRequest = { id: 'skus', method: 'GET', url: '/subscribedSkus' };
const RETRYABLE = new Set([429, 503, 504]);
/** Graph refuses a sendMail request over 4 MB; larger attachments need an upload session. */
const MAX_MAIL_BYTES = 3.5 * 1024 * 1024;

/**
 * One council's seats, read through Microsoft Graph as the reconciler's app registration. Reads are shaped to
 * cost as few requests as Graph allows: the licensed-users advanced query in pages of 999, the SKUs and the
 * delta link riding in one `$batch`, and users trimmed to accounts as each page arrives so no raw page is kept.
 */
export class GraphSeatDirectory implements SeatDirectory {
  readonly partnerCode: string;
  readonly tenantId: string;
  private readonly connection: TenantConnection;
  private readonly tenant: { tenantId: string; partnerCode: string };
  private readonly client: Client;
  private readonly signInBudgetMs: number;
  private readonly sleep: (milliseconds: number) => Promise<void>;

  constructor(options: { connection: TenantConnection; client: Client } & SeatDirectoryOptions) {
    this.connection = options.connection;
    this.client = options.client;
    this.partnerCode = options.connection.partnerCode;
    this.tenantId = options.connection.tenantId;
    this.tenant = { tenantId: this.tenantId, partnerCode: this.partnerCode };
    // Inside the worker's 30-minute function timeout (host.json), with room for the seat scan.
    this.signInBudgetMs = options.signInBudgetMs ?? 20 * 60_000;
    this.sleep = options.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  }

  /**
   * The licensed users, plus the SKUs and a delta link for "now" (`$deltatoken=latest`, so no one is read twice)
   * in one batch sent alongside the first page. The link is taken as the scan starts: a change made during the
   * scan comes back in the next delta, which is harmless. ceil(N/999) + 1 requests for N licensed users.
   */
  async fullScan(onProgress: ScanProgress, options: FullScanOptions = {}): Promise<FullScan> {
    // A refused batch stops the scan at its next page rather than after reading everyone.
    let stopped = false;
    const head = sendBatch(this.client, [
      SKUS_REQUEST,
      { id: 'delta', method: 'GET', url: `/users/delta?$deltatoken=latest&$select=${SEAT_SCAN_FIELDS.join(',')}` },
    ])
      .then((answers) => {
        const deltaLink = this.ok<Page<unknown>>(answers.get('delta'), USERS_DELTA)['@odata.deltaLink'];
        if (!deltaLink) throw new Error(`Graph gave ${this.partnerCode} no delta link for $deltatoken=latest.`);
        return { deltaLink, skus: this.skus(answers.get('skus')) };
      })
      .catch((error: unknown) => {
        stopped = true;
        throw this.failure(error, BATCH);
      });
    const filters = upnRanges(options.splitAt ?? DEFAULT_SPLIT).map(([from, to]) =>
      [
        LICENSED,
        ...(from === null ? [] : [`userPrincipalName ge '${odataString(from)}'`]),
        ...(to === null ? [] : [`userPrincipalName le '${odataString(to)}'`]),
      ].join(' and '),
    );
    const read = filters.map(() => 0);
    const counted = filters.map((): number | null => null);
    const report = () =>
      onProgress(
        read.reduce((sum, n) => sum + n, 0),
        counted.every((n) => n !== null) ? counted.reduce<number>((sum, n) => sum + (n ?? 0), 0) : null,
      );
    const scanRange = async (filter: string, index: number) => {
      const accounts: LicensedAccount[] = [];
      const first = this.client
        .api('/users')
        .header(...EVENTUAL)
        .filter(filter)
        .count(true);
      let pending: Promise<Page<GraphUser>> | null = this.get(first.select([...SEAT_SCAN_FIELDS]).top(999), USERS);
      while (pending && !stopped && !options.signal?.aborted) {
        const page: Page<GraphUser> = await pending;
        counted[index] = page['@odata.count'] ?? counted[index] ?? null;
        const next = page['@odata.nextLink'];
        // The next page is asked for before this one is trimmed, so Graph's time and ours overlap.
        pending = next ? this.get(this.client.api(next).header(...EVENTUAL), USERS) : null;
        pending?.catch(() => undefined);
        for (const user of page.value ?? []) {
          const account = toLicensedAccount(user, this.tenant);
          if (account) accounts.push(account);
        }
        read[index] = (read[index] ?? 0) + (page.value?.length ?? 0);
        report();
      }
      return accounts;
    };

    // A range that fails stops the others at their next page, as a failed batch does.
    const scans = filters.map((filter, index) =>
      scanRange(filter, index).catch((error: unknown) => {
        stopped = true;
        throw error;
      }),
    );
    const [{ deltaLink, skus }, ranges] = await Promise.all([head, Promise.all(scans)]);
    options.signal?.throwIfAborted();
    // A user renamed during the scan can move from one range to the other; each seat is kept once.
    const [accounts = [], ...others] = ranges;
    const seen = new Set(accounts.map((account) => account.id));
    for (const account of others.flat()) if (!seen.has(account.id)) accounts.push(account);
    return { accounts, usersRead: read.reduce((sum, n) => sum + n, 0), deltaLink, skus };
  }

  /**
   * What changed since a delta link: the SKUs and the first page (up to 999 changes) in one batch, then any
   * further pages. A link Graph no longer honours (410), or one for another Graph host, means a full scan.
   */
  async deltaScan(deltaLink: string, onProgress: ScanProgress, options: ReadOptions = {}): Promise<DeltaScan> {
    const first = this.relativeToVersion(deltaLink);
    if (!first) return { kind: 'expired' };
    const answers = await sendBatch(this.client, [
      SKUS_REQUEST,
      { id: 'delta', method: 'GET', url: first, headers: { Prefer: MAX_PAGE } },
    ]).catch((error: unknown) => {
      throw this.failure(error, BATCH);
    });
    const answer = answers.get('delta');
    if (answer?.status === 410) return { kind: 'expired' };
    const skus = this.skus(answers.get('skus'));

    // Graph may send one user more than once in a round; the last is the current state.
    const changes = new Map<string, AccountChange>();
    // Graph may send a changed user with only the properties that changed; those are read again in full.
    const partial = new Set<string>();
    let usersRead = 0;
    let page = this.ok<Page<DeltaUser>>(answer, USERS_DELTA);
    for (;;) {
      for (const user of page.value ?? []) {
        changes.delete(user.id);
        partial.delete(user.id);
        if (!user['@removed'] && !SEAT_SCAN_FIELDS.every((field) => field in user)) partial.add(user.id);
        changes.set(user.id, { id: user.id, account: user['@removed'] ? null : toLicensedAccount(user, this.tenant) });
      }
      usersRead += page.value?.length ?? 0;
      onProgress(usersRead, null);
      const next = page['@odata.nextLink'];
      if (!next) break;
      options.signal?.throwIfAborted();
      try {
        page = await this.client.api(next).header('Prefer', MAX_PAGE).get();
      } catch (error) {
        if (error instanceof GraphError && error.statusCode === 410) return { kind: 'expired' };
        throw this.failure(error, USERS_DELTA);
      }
    }
    const nextLink = page['@odata.deltaLink'];
    if (!nextLink) throw new Error(`Graph ended ${this.partnerCode}'s delta round without a delta link.`);
    for (const [id, user] of await this.reread(partial)) {
      changes.set(id, { id, account: user ? toLicensedAccount(user, this.tenant) : null });
    }
    return { kind: 'changes', changes: [...changes.values()], usersRead, deltaLink: nextLink, skus };
  }

  /** Users read again in full, by id, in batches of 20; a user gone meanwhile (404) is null. */
  private async reread(ids: ReadonlySet<string>): Promise<Map<string, GraphUser | null>> {
    if (ids.size === 0) return new Map();
    const select = SEAT_SCAN_FIELDS.join(',');
    const answers = await sendBatch(
      this.client,
      [...ids].map((id) => ({ id, method: 'GET' as const, url: `/users/${id}?$select=${select}` })),
    ).catch((error: unknown) => {
      throw this.failure(error, USERS_DELTA);
    });
    return new Map(
      [...ids].map((id) => {
        const answer = answers.get(id);
        return [id, answer?.status === 404 ? null : this.ok<GraphUser>(answer, USERS_DELTA)];
      }),
    );
  }

  /**
   * Graph allows far fewer sign-in activity reads than plain reads, so this pass paces itself: the client's own
   * retries are off for it, each throttled page waits for Retry-After and is asked again, and the whole pass is
   * bounded by a time budget rather than by a count of retries.
   */
  async readSignIns(onProgress: ScanProgress, options: ReadOptions = {}): Promise<Map<string, string | null>> {
    const deadline = Date.now() + this.signInBudgetMs;
    const noClientRetries = [new RetryHandlerOptions(0, 0)];
    const signIns = new Map<string, string | null>();
    let expected: number | null = null;
    let next: string | undefined;
    do {
      const link = next;
      const request = () =>
        (link
          ? this.client.api(link)
          : this.client.api('/users').filter(LICENSED).count(true).select(['id', 'signInActivity']).top(500)
        )
          .header(...EVENTUAL)
          .middlewareOptions(noClientRetries);
      const page: Page<SignInUser> = await this.paced(request, deadline, signIns.size, expected);
      expected = page['@odata.count'] ?? expected;
      for (const user of page.value ?? [])
        signIns.set(user.id, user.signInActivity?.lastSuccessfulSignInDateTime ?? null);
      onProgress(signIns.size, expected);
      next = page['@odata.nextLink'];
      options.signal?.throwIfAborted();
    } while (next);
    return signIns;
  }

  async sendMail(from: string, mail: OutgoingMail): Promise<void> {
    const message = {
      subject: mail.subject,
      body: { contentType: 'HTML', content: mail.html },
      toRecipients: mail.to.map((address) => ({ emailAddress: { address } })),
      attachments: (mail.attachments ?? []).map((attachment) => ({
        '@odata.type': '#microsoft.graph.fileAttachment',
        name: attachment.name,
        contentType: attachment.contentType,
        contentBytes: Buffer.from(attachment.content, 'utf8').toString('base64'),
      })),
    };
    const body = { message, saveToSentItems: false };
    if (Buffer.byteLength(JSON.stringify(body)) > MAX_MAIL_BYTES) {
      throw new Error(`The mail "${mail.subject}" is larger than Graph's sendMail takes (3.5 MB): attach less.`);
    }
    try {
      await this.client.api(`/users/${encodeURIComponent(from)}/sendMail`).post(body);
    } catch (error) {
      throw this.failure(error, SEND_MAIL);
    }
  }

  /** One sign-in page, asked again after each throttled answer until it comes or the budget runs out. */
  private async paced<T>(
    request: () => GraphRequest,
    deadline: number,
    read: number,
    expected: number | null,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return (await request().get()) as T;
      } catch (error) {
        if (!(error instanceof GraphError) || !RETRYABLE.has(error.statusCode)) throw this.failure(error, SIGN_INS);
        const waitMs = Math.min(60, retryAfterSeconds(error.headers) ?? 2 ** attempt) * 1000;
        if (Date.now() + waitMs > deadline) {
          throw new Error(
            `The sign-in activity pass for ${this.partnerCode} ran out of its ${Math.round(this.signInBudgetMs / 1000)} s ` +
              `budget while Graph kept answering ${error.statusCode} (read ${read} of ${expected ?? 'an unknown number of'} users).`,
          );
        }
        await this.sleep(waitMs);
      }
    }
  }

  private async get<T>(request: GraphRequest, call: Call): Promise<T> {
    try {
      return (await request.get()) as T;
    } catch (error) {
      throw this.failure(error, call);
    }
  }

  private skus(answer: BatchResponse | undefined): TenantSku[] {
    return (this.ok<Page<GraphSku>>(answer, SKUS).value ?? []).map((sku) => ({
      skuId: sku.skuId,
      skuPartNumber: sku.skuPartNumber,
      enabled: sku.prepaidUnits?.enabled ?? 0,
      consumed: sku.consumedUnits ?? 0,
    }));
  }

  /** The body of a successful batch answer, or a clear error. */
  private ok<T>(answer: BatchResponse | undefined, call: Call): T {
    if (!answer) throw new Error(`Graph's batch answer for ${this.partnerCode} lacks ${call.what}.`);
    if (answer.status >= 200 && answer.status < 300) return (answer.body ?? {}) as T;
    const error = (answer.body as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw this.refusal(answer.status, error?.code, error?.message, call);
  }

  private failure(error: unknown, call: Call): Error {
    if (error instanceof GraphError && error.statusCode > 0) {
      return this.refusal(error.statusCode, error.code ?? undefined, error.message, call);
    }
    return error instanceof Error ? error : new Error(String(error));
  }

  private refusal(status: number, code: string | undefined, message: string | undefined, call: Call): Error {
    const hint =
      status === 403
        ? ` The reconciler's app registration needs the application permission ${call.permission}, with admin ` +
          `consent, in tenant ${this.tenantId}.`
        : '';
    const why = [code, message?.replace(/\.$/, '')].filter(Boolean).join(': ') || 'no reason given';
    return new Error(`Microsoft Graph answered ${status} to ${call.what} for ${this.partnerCode} (${why}).${hint}`);
  }

  /** A delta link as a batch wants it, relative to the version; null when it is not for this tenant's Graph. */
  private relativeToVersion(link: string): string | null {
    const graph = new URL(this.connection.graphBaseUrl);
    const url = new URL(link, graph);
    if (url.origin !== graph.origin) return null;
    return `${url.pathname.replace(/^\/(v1\.0|beta)(?=\/)/, '')}${url.search}`;
  }
}

type UpnRange = [from: string | null, to: string | null];

/** With no earlier seats to balance on, split at "m": roughly halfway through a list of people's names. */
const DEFAULT_SPLIT = ['m'];

/**
 * The userPrincipalName ranges between split points: `le` the first, then `ge` each point and `le` the next.
 * Split points are name prefixes without "@", which no UPN equals, so the ranges neither overlap nor leave a gap.
 */
function upnRanges(splitAt: readonly string[]): UpnRange[] {
  const points = [...new Set(splitAt.map((point) => point.toLowerCase()))].filter((p) => p && !p.includes('@')).sort();
  return [null, ...points].map((from, i) => [from, points[i] ?? null]);
}

/** A string literal inside an OData filter: single quotes doubled. */
const odataString = (value: string) => value.replace(/'/g, "''");

/** A council's seat directory from its connection, reading the credential from the app settings. */
export function createSeatDirectory(
  connection: TenantConnection,
  env: Readonly<Record<string, string | undefined>> = process.env,
  options: GraphClientOptions & SeatDirectoryOptions = {},
): GraphSeatDirectory {
  const client = createGraphClient(connection, readCredentialSetting(connection, env), options);
  return new GraphSeatDirectory({ connection, client, ...options });
}
