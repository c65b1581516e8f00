import { BlobServiceClient } from '@azure/storage-blob';
import type { Settings } from '../../config/settings';

/** One Blob service client per process, from the storage connection string. */
export function createBlobServiceClient(storage: Settings['storage']): BlobServiceClient {
  return BlobServiceClient.fromConnectionString(storage.connectionString);
}
