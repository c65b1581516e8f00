/**
 * Makes each simulated tenant do its one-off work before the benchmark starts: the tenant simulator makes a
 * tenant's signing key on its first token, and the Graph simulator fetches that tenant's keys on its first call.
 * Entra and Graph have both long done so; left in, they would be counted as the reconciler's first page.
 */
export async function warmSimulators(options: {
  authorityHost: string;
  graphBaseUrl: string;
  clientId: string;
  secret: string;
  tenantIds: readonly string[];
}): Promise<void> {
  await Promise.all(
    options.tenantIds.map(async (tenantId) => {
      const token = await fetch(`${options.authorityHost}/${tenantId}/oauth2/v2.0/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: options.clientId,
          client_secret: options.secret,
          scope: `${options.graphBaseUrl}/.default`,
        }),
      });
      const { access_token: accessToken } = (await token.json()) as { access_token?: string };
      if (!token.ok || !accessToken) throw new Error(`No token for ${tenantId} from the tenant simulator`);
      const skus = await fetch(`${options.graphBaseUrl}/v1.0/subscribedSkus`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      await skus.arrayBuffer();
      if (!skus.ok) throw new Error(`The Graph simulator answered ${skus.status} for ${tenantId}`);
    }),
  );
}
