import { interceptors, type Dispatcher } from 'undici';

type Headers = Dispatcher.DispatchOptions['headers'];

function originOf(value: unknown): string {
  try {
    return new URL(String(value)).origin;
  } catch {
    return '';
  }
}

function withoutHeaders(headers: Headers, drop: ReadonlySet<string>): Headers {
  if (headers == null) return headers;
  if (Array.isArray(headers)) {
    const out: string[] = [];
    if (headers.length > 0 && Array.isArray(headers[0])) {
      for (const [name, value] of headers as unknown as [string, string][]) if (!drop.has(String(name).toLowerCase())) out.push(name, value);
    } else {
      for (let i = 0; i < headers.length; i += 2) if (!drop.has(String(headers[i]).toLowerCase())) out.push(String(headers[i]), String(headers[i + 1]));
    }
    return out;
  }
  if (typeof headers === 'object' && !(Symbol.iterator in headers)) {
    const out: Record<string, string | string[] | undefined> = {};
    for (const [name, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) if (!drop.has(name.toLowerCase())) out[name] = value;
    return out;
  }
  return headers;
}

/**
 * An interceptor that drops credential-bearing headers from any request of a redirect chain that
 * leaves `origin`. undici's redirect handler drops only Authorization, Cookie and
 * Proxy-Authorization; an API key in a header of its own (X-API-Key) would otherwise follow a
 * redirect to any host.
 */
export function credentialScope(origin: string, headerNames: readonly string[]): Dispatcher.DispatcherComposeInterceptor {
  const home = originOf(origin);
  const drop = new Set(headerNames.map((n) => n.toLowerCase()));
  return (dispatch) => (opts, handler) => {
    if (drop.size === 0 || originOf(opts.origin) === home) return dispatch(opts, handler);
    return dispatch({ ...opts, headers: withoutHeaders(opts.headers, drop) }, handler);
  };
}

/**
 * The dispatcher one request goes through: `base` (a pooled Agent), with credentials scoped to the
 * request's origin, and undici's redirect interceptor following at most `maxRedirects` hops (none
 * when 0; the last 3xx is then the answer).
 */
export function redirectingDispatcher(base: Dispatcher, origin: string, credentialHeaders: readonly string[], maxRedirects: number): Dispatcher {
  if (maxRedirects === 0) return base;
  return base.compose(credentialScope(origin, credentialHeaders), interceptors.redirect({ maxRedirections: maxRedirects }));
}
