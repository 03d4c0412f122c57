import { createHash } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import type { EmailSettings } from '../settings.js';
import { renderEmail } from '../render/email.js';
import { DeliveryError, type Channel } from './channel.js';

export interface EmailChannelOptions extends EmailSettings {
  /** Connection, greeting and socket timeouts. Default 20 s. */
  timeoutMs?: number;
}

/**
 * Sends alerts through an SMTP server with nodemailer: HTML and plain-text parts of the same content
 * and the adapter stub attached. The Message-ID is derived from the outbox row's dedupe key, so a
 * delivery repeated after a crash is recognised as the same message by mail clients that dedupe.
 */
export function emailChannel(options: EmailChannelOptions): Channel {
  const timeout = options.timeoutMs ?? 20_000;
  // nodemailer takes a noticeable time to load: only a process that sends mail pays for it.
  let transport: Promise<Transporter> | undefined;
  const connect = () =>
    (transport ??= import('nodemailer').then(({ createTransport }) =>
      createTransport({ url: options.smtpUrl, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout * 3 }),
    ));
  return {
    name: 'email',
    async send(message, context) {
      const content = renderEmail(message);
      try {
        await (await connect()).sendMail({
          from: options.from,
          to: options.to,
          subject: content.subject,
          text: content.text,
          html: content.html,
          attachments: content.attachments,
          date: context.now,
          messageId: `<${createHash('sha256').update(context.dedupeKey).digest('hex').slice(0, 32)}@driftwatch>`,
          headers: { 'X-Driftwatch-Monitor': message.monitor, 'X-Driftwatch-Alert': message.type },
        });
      } catch (error) {
        const e = error as { message?: string; code?: string; responseCode?: number };
        const detail = [e.code, e.responseCode].filter((x) => x !== undefined).join(' ');
        throw new DeliveryError(`SMTP: ${e.message ?? String(error)}${detail ? ` (${detail})` : ''}`, { status: e.responseCode, cause: error });
      }
    },
    async close() {
      if (transport) (await transport).close();
    },
  };
}
