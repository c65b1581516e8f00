import type { HttpHandler, HttpRequest, HttpResponseInit } from '@azure/functions';
import { getRuntime } from '../runtime';

/** Teams and the Microsoft 365 hosts that frame a Teams tab, whose pages call the API. */
export const TEAMS_ORIGINS = [
  'https://teams.microsoft.com',
  'https://teams.cloud.microsoft',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://www.office.com',
  'https://m365.cloud.microsoft',
];

const ALLOWED_HEADERS = 'Authorization, Content-Type, If-Match';
const PREFLIGHT_MAX_AGE_SECONDS = '600';

/**
 * Lets browsers call the API only from the app's own origins and Teams. Answers preflight requests itself
 * (they carry no token) and adds the CORS headers to every answer for an allowed origin; any other origin
 * gets no CORS headers, so the browser blocks it.
 */
export function withCors(methods: string[], handler: HttpHandler): HttpHandler {
  return async (request, context) => {
    const origin = allowedOrigin(request);
    if (request.method === 'OPTIONS') {
      const headers: Record<string, string> = { vary: 'Origin' };
      if (origin) {
        Object.assign(headers, {
          'access-control-allow-origin': origin,
          'access-control-allow-methods': methods.join(', '),
          'access-control-allow-headers': ALLOWED_HEADERS,
          'access-control-max-age': PREFLIGHT_MAX_AGE_SECONDS,
        });
      }
      return { status: 204, headers };
    }
    const response = (await handler(request, context)) as HttpResponseInit;
    const headers: Record<string, string> = {
      ...(response.headers as Record<string, string> | undefined),
      vary: 'Origin',
    };
    if (origin) {
      headers['access-control-allow-origin'] = origin;
      headers['access-control-expose-headers'] = 'ETag';
    }
    return { ...response, headers };
  };
}

function allowedOrigin(request: HttpRequest): string | null {
  const origin = request.headers.get('origin');
  if (!origin) return null;
  const allowed = [...getRuntime().settings.allowedOrigins, ...TEAMS_ORIGINS];
  return allowed.includes(origin) ? origin : null;
}
