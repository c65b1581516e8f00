/** A compiled Azure Functions route template such as `risks/{id}` or `files/{*path}`. */
export type RouteMatcher = (path: string) => Record<string, string> | null;

/**
 * Compiles a route template the way the Functions host reads it: `{name}` matches one segment, `{name?}` an
 * optional one, `{*name}` the rest of the path; a constraint after a colon (`{id:int}`) is honoured for int
 * and alpha and otherwise ignored. Matching ignores case, as the host does.
 */
export function compileRoute(template: string): RouteMatcher {
  const names: string[] = [];
  const pattern = template
    .replace(/^\/+|\/+$/g, '')
    .split('/')
    .map((segment, index) => {
      const slash = index === 0 ? '' : '/';
      const parameter = /^\{(\*)?([A-Za-z_][A-Za-z0-9_]*)(?::(\w+))?(\?)?\}$/.exec(segment);
      if (!parameter) return slash + escapeRegExp(segment);
      const [, catchAll, name = '', constraint, optional] = parameter;
      names.push(name);
      const body = catchAll
        ? '(.*)'
        : `(${constraint === 'int' ? '-?\\d+' : constraint === 'alpha' ? '[A-Za-z]+' : '[^/]+'})`;
      return optional || catchAll ? `(?:${slash}${body})?` : `${slash}${body}`;
    })
    .join('');
  const regex = new RegExp(`^${pattern}/?$`, 'i');
  return (path) => {
    const match = regex.exec(path.replace(/^\/+/, ''));
    if (!match) return null;
    const params: Record<string, string> = {};
    for (const [i, name] of names.entries()) {
      const value = match[i + 1];
      if (value === undefined) continue;
      try {
        params[name] = decodeURIComponent(value);
      } catch {
        return null; // a malformed escape names no resource: 404, not a crash
      }
    }
    return params;
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
