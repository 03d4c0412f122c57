import type { FetchFunction, IncomingWebhookSendArguments } from '@slack/webhook';
import { renderSlack } from '../render/slack.js';
import { DeliveryError, parseRetryAfter, type Channel } from './channel.js';

export interface SlackChannelOptions {
  webhookUrl: string;
  /** Per-request timeout. Default 10 s. */
  timeoutMs?: number;
}

/** When Slack says 429 without saying how long to wait. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 30_000;

/**
 * Posts Block Kit messages to a Slack incoming webhook with `@slack/webhook` (its own retries off:
 * the outbox retries). A 429 carries Slack's `Retry-After`, which the worker honours.
 */
export function slackChannel(options: SlackChannelOptions): Channel {
  return {
    name: 'slack',
    async send(message, context) {
      let retryAfter: string | null = null;
      const fetchWithSignal: FetchFunction = async (url, init) => {
        const signals = [init?.signal, context.signal].filter((s): s is AbortSignal => s !== undefined);
        const response = await fetch(url, { ...init, signal: signals.length > 0 ? AbortSignal.any(signals) : null });
        retryAfter = response.headers.get('retry-after');
        return response;
      };
      const { IncomingWebhook } = await import('@slack/webhook');
      const webhook = new IncomingWebhook(options.webhookUrl, { timeout: options.timeoutMs ?? 10_000, fetch: fetchWithSignal });
      try {
        await webhook.send(renderSlack(message) as unknown as IncomingWebhookSendArguments);
      } catch (error) {
        const status = (error as { statusCode?: unknown }).statusCode;
        if (typeof status === 'number') {
          const body = String((error as { body?: unknown }).body ?? '').slice(0, 200);
          const retryAfterMs = status === 429 ? (parseRetryAfter(retryAfter, context.now.getTime()) ?? DEFAULT_RATE_LIMIT_WAIT_MS) : undefined;
          throw new DeliveryError(`Slack answered HTTP ${status}${body ? `: ${body}` : ''}`, { status, retryAfterMs, cause: error });
        }
        const cause = (error as { original?: unknown }).original ?? error;
        throw new DeliveryError(`could not reach Slack: ${cause instanceof Error ? describeNetworkError(cause) : String(cause)}`, { cause: error });
      }
    },
  };
}

function describeNetworkError(error: Error): string {
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? `${error.message} (${code})` : error.message;
}
