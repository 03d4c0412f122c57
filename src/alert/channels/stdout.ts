import { renderText } from '../render/text.js';
import type { Channel } from './channel.js';

/** Writes alerts as text blocks: the channel for the CLI, container logs, and users without Slack or SMTP. */
export function stdoutChannel(write: (text: string) => void | Promise<void>): Channel {
  return {
    name: 'stdout',
    async send(message) {
      const body = renderText(message, { stub: 'not-shown', maxChanges: 10 });
      await write(`\n${'='.repeat(8)} driftwatch alert ${'='.repeat(8)}\n${body}`);
    },
  };
}

/** A writer for a Node stream that resolves once the text is handed to the OS. */
export function streamWriter(stream: NodeJS.WritableStream): (text: string) => Promise<void> {
  return (text) => new Promise((resolve, reject) => stream.write(text, (error) => (error ? reject(error) : resolve())));
}
