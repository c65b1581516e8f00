import type { SimulatedTenant } from '../demo-users';

/** The bot's app registration in the simulated tenants: a fixed, public, local-only app id. */
export const LOCAL_BOT_APP_ID = '5b07c0de-7e11-4a5b-9c3d-2e4f6a8b0c1d';

/** The app setting holding the bot's client secret, made afresh on each start. */
export const LOCAL_BOT_SECRET_SETTING = 'BOT_CLIENT_SECRET';

/**
 * The tenant the bot is registered in: the product's own (the SaaS provider's), which belongs to no partnership
 * and has no users. Azure Bot now creates single-tenant bots, whose tokens come from their own tenant.
 */
export const LOCAL_BOT_TENANT: SimulatedTenant = {
  tenantId: 'b07b07b0-0000-4000-8000-000000000001',
  displayName: 'ICT Partnership Hub (the bot registration)',
  domain: 'partnership-hub.example',
  partnershipId: 'provider',
  partnerCode: 'HUB',
  users: [],
};

/** The bot as a confidential client of its tenant, for the simulator's client credentials grant. */
export function botClient(clientSecret: string) {
  return { tenantId: LOCAL_BOT_TENANT.tenantId, clientId: LOCAL_BOT_APP_ID, clientSecret, applicationRoles: [] };
}
