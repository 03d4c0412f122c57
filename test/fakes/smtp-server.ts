import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string | undefined;
  to: string[];
  raw: Buffer;
}

/**
 * A real SMTP server on loopback (smtp-server) that requires a made-up login, records each message
 * it accepts, and can be taken down and brought back on the same port (an outage) or told to refuse
 * the next messages with a temporary 451.
 */
export class TestSmtpServer {
  readonly user = 'alerts';
  readonly password = 'smtp-pass-not-real-41c7';
  readonly received: ReceivedMail[] = [];
  /** Message attempts that reached DATA, accepted or not. */
  attempts = 0;
  private refusals = 0;
  private server: SMTPServer | undefined;
  private port = 0;

  async start(port = this.port): Promise<this> {
    this.server = new SMTPServer({
      logger: false,
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      authMethods: ['PLAIN', 'LOGIN'],
      onAuth: (auth, _session, callback) => {
        if (auth.username === this.user && auth.password === this.password) callback(null, { user: auth.username });
        else callback(new Error('invalid login'));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          this.attempts++;
          if (this.refusals > 0) {
            this.refusals--;
            const error = new Error('try again later') as Error & { responseCode: number };
            error.responseCode = 451;
            callback(error);
            return;
          }
          this.received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  /** Stops listening: connections are refused until `start()` again (same port). */
  async stop(): Promise<void> {
    if (!this.server) return;
    const server = this.server;
    this.server = undefined;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get url(): string {
    return `smtp://${this.user}:${this.password}@127.0.0.1:${this.port}`;
  }

  /** The next `times` messages are refused with 451 (temporary failure). */
  refuseNext(times: number): this {
    this.refusals += times;
    return this;
  }

  parse(index: number): Promise<ParsedMail> {
    const mail = this.received[index];
    if (!mail) throw new Error(`no message ${index} (received ${this.received.length})`);
    return simpleParser(mail.raw);
  }
}
