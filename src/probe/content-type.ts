const JSON_MEDIA_TYPE = /^application\/([\w.+-]+\+)?json$|^application\/x-ndjson$|^text\/json$/i;

/** The media type of a Content-Type header without parameters, lower-cased; '' when absent. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Whether a response may be parsed as JSON: a JSON media type (`application/json`, `application/*+json`, `text/json`), or none declared. */
export function isJsonContentType(contentType: string | undefined): boolean {
  const type = mediaType(contentType);
  return type === '' || JSON_MEDIA_TYPE.test(type);
}

/** What a non-JSON answer was, in words: an HTML page is named as such (a proxy's or the vendor's error page, usually). */
export function describeNonJson(contentType: string | undefined): string {
  const type = mediaType(contentType);
  const html = type === 'text/html' || type === 'application/xhtml+xml';
  return `${type}, not JSON${html ? ' (an HTML page, likely an error page)' : ''}`;
}
