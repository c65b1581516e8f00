/** A request as the simulator's endpoints see it: the URL, the form body of a POST, and the headers. */
export type SimulatorRequest = {
  method: string;
  url: URL;
  /** The urlencoded body of a POST; empty for a GET. */
  form: URLSearchParams;
  header(name: string): string | undefined;
};

/** What an endpoint answers; the server adds the headers every answer carries. */
export type Reply = { status: number; headers: Record<string, string | string[]>; body?: string };

export const json = (body: unknown, status = 200): Reply => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(body),
});

export const html = (body: string, status: number, headers: Record<string, string | string[]> = {}): Reply => ({
  status,
  headers: { 'content-type': 'text/html; charset=utf-8', ...headers },
  body,
});

export const redirect = (location: string, headers: Record<string, string | string[]> = {}): Reply => ({
  status: 302,
  headers: { location, ...headers },
});
