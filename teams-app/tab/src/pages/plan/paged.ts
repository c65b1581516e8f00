import { useCallback, useEffect, useState } from 'react';
import { type Loadable, useApiClient } from '../../api/api';

type Page<T> = { items: T[]; continuationToken: string | null };

/** Every item of a paged list (`{items, continuationToken}`), read 200 at a time; reloads like `useApi`. */
export function useAllPages<T>(path: string): Loadable<T[]> & { reload(): void } {
  const client = useApiClient();
  const [result, setResult] = useState<Loadable<T[]>>({ state: 'loading' });
  const [version, setVersion] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version is the reload trigger
  useEffect(() => {
    let current = true;
    setResult({ state: 'loading' });
    const readAll = async () => {
      const items: T[] = [];
      let token: string | null = null;
      const join = path.includes('?') ? '&' : '?';
      do {
        const next: string = `${path}${join}pageSize=200${token ? `&continuationToken=${encodeURIComponent(token)}` : ''}`;
        const page: Page<T> = await client.get<Page<T>>(next);
        items.push(...page.items);
        token = page.continuationToken ?? null;
      } while (token && current);
      return items;
    };
    readAll().then(
      (data) => current && setResult({ state: 'ready', data }),
      (error: Error) => current && setResult({ state: 'error', error }),
    );
    return () => {
      current = false;
    };
  }, [client, path, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { ...result, reload };
}
