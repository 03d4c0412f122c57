import { makeChange } from '../change.js';
import type { Change } from '../types.js';
import { rule, type SpecDiffContext, type SpecRule } from './spec-rule.js';

function compareServers(before: string[], after: string[], ctx: Pick<SpecDiffContext, 'path' | 'operation'>): Change[] {
  const path = `${ctx.path}/servers`;
  const where = ctx.operation ?? 'the API';
  const removed = before.filter((url) => !after.includes(url));
  const added = after.filter((url) => !before.includes(url));
  if (removed.length === 1 && added.length === 1) {
    return [makeChange('request-server-changed', ctx, { path, before: removed[0], after: added[0], params: { where, before: removed[0]!, after: added[0]! } })];
  }
  return [
    ...removed.map((url) => makeChange('request-server-removed', ctx, { path, before: url, after: undefined, params: { where, url } })),
    ...added.map((url) => makeChange('request-server-added', ctx, { path, before: undefined, after: url, params: { where, url } })),
  ];
}

export const servers: SpecRule = {
  definitions: [
    rule('request-server-removed', 'breaking', 'A server URL the consumer may send requests to is no longer listed.', 'server {url} was removed from {where}'),
    rule('request-server-added', 'info', 'A new server URL is listed.', 'server {url} was added to {where}'),
    rule('request-server-changed', 'breaking', 'The server URL moved: requests to the old one may fail.', 'server of {where} changed from {before} to {after}'),
  ],
  checkDocument(before, after) {
    return compareServers(before.servers, after.servers, { path: '' });
  },
  checkOperation(before, after, ctx) {
    if (before.servers === undefined && after.servers === undefined) return [];
    return compareServers(before.servers ?? ctx.before.servers, after.servers ?? ctx.after.servers, ctx);
  },
};
