import { BlobServiceClient } from '@azure/storage-blob';
import type { Settings } from '../../config/settings';
import { azureCredential } from '../azure-credential';

/** One Blob service client per process: from the connection string, or the service URI with the app's identity. */
export function createBlobServiceClient(settings: Pick<Settings, 'storage' | 'environment' | 'azureIdentity'>) {
  const { storage } = settings;
  if (storage.kind === 'connection-string') return BlobServiceClient.fromConnectionString(storage.connectionString);
  return new BlobServiceClient(storage.blobServiceUri, azureCredential(settings));
}
