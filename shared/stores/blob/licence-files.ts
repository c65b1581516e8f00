import { pipeline, Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import type { BlobServiceClient, ContainerClient } from '@azure/storage-blob';
import type { LicenceFiles } from '../../licences/gateways';
import type { LicensedAccount } from '../../licences/licensed-account';

const CONTAINER = 'licence-reports';
const LINES_PER_CHUNK = 500;
const UPLOAD_BUFFER_BYTES = 4 * 1024 * 1024;
const UPLOAD_CONCURRENCY = 4;

/**
 * A run's reports (CSV) and seat snapshots (gzip-compressed JSON Lines, one account a line) in a private
 * container: reports name people, so the container is created without public access and never changed.
 * Snapshots are streamed both ways so a tenant of 100,000 accounts never sits in memory as one JSON string.
 */
export class BlobLicenceFiles implements LicenceFiles {
  private readonly container: ContainerClient;
  private ready: Promise<unknown> | undefined;

  constructor(blobService: BlobServiceClient) {
    this.container = blobService.getContainerClient(CONTAINER);
  }

  async writeReport(name: string, csv: string): Promise<void> {
    await this.ensureContainer();
    await this.container.getBlockBlobClient(name).upload(csv, Buffer.byteLength(csv), {
      blobHTTPHeaders: { blobContentType: 'text/csv; charset=utf-8' },
    });
  }

  async readReport(name: string): Promise<string | null> {
    return nullWhenMissing(async () => {
      const buffer = await this.container.getBlockBlobClient(name).downloadToBuffer();
      return buffer.toString('utf8');
    });
  }

  async writeSnapshot(name: string, accounts: readonly LicensedAccount[]): Promise<void> {
    await this.ensureContainer();
    // pipeline destroys the gzip stream with any error of the source, so the upload fails rather than hangs.
    const body = pipeline(Readable.from(jsonLines(accounts)), createGzip(), () => {});
    await this.container.getBlockBlobClient(name).uploadStream(body, UPLOAD_BUFFER_BYTES, UPLOAD_CONCURRENCY, {
      blobHTTPHeaders: { blobContentType: 'application/gzip' },
    });
  }

  async readSnapshot(name: string): Promise<LicensedAccount[] | null> {
    return nullWhenMissing(async () => {
      const response = await this.container.getBlockBlobClient(name).download();
      if (!response.readableStreamBody) throw new Error(`Snapshot ${name} came back without a body`);
      return parseJsonLines(pipeline(response.readableStreamBody, createGunzip(), () => {}));
    });
  }

  /** Created once per instance; a failed attempt is forgotten so the next write tries again. */
  private async ensureContainer(): Promise<void> {
    this.ready ??= this.container.createIfNotExists().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    await this.ready;
  }
}

/** The accounts as JSON Lines, a few hundred lines a chunk so the stream is neither one string nor 100,000. */
function* jsonLines(accounts: readonly LicensedAccount[]): Generator<string> {
  for (let start = 0; start < accounts.length; start += LINES_PER_CHUNK) {
    const lines = accounts.slice(start, start + LINES_PER_CHUNK).map((account) => `${JSON.stringify(account)}\n`);
    yield lines.join('');
  }
}

async function parseJsonLines(text: Readable): Promise<LicensedAccount[]> {
  text.setEncoding('utf8');
  const accounts: LicensedAccount[] = [];
  let partial = '';
  for await (const chunk of text) {
    const lines = (partial + String(chunk)).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line) accounts.push(JSON.parse(line) as LicensedAccount);
  }
  if (partial) accounts.push(JSON.parse(partial) as LicensedAccount);
  return accounts;
}

async function nullWhenMissing<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return null;
    throw error;
  }
}
