/** The body was longer than the cap; the stream has been destroyed. */
export class BodyTooLarge extends Error {
  constructor(readonly capBytes: number) {
    super(`body over the ${capBytes}-byte cap`);
    this.name = 'BodyTooLarge';
  }
}

interface ReadableBody extends AsyncIterable<unknown> {
  destroy(error?: Error): unknown;
}

/**
 * Reads a response body into memory, refusing it as soon as it is known to pass `capBytes`: at once
 * when Content-Length says so, else when the bytes read so far do. The socket is released either way.
 */
export async function readCapped(body: ReadableBody, declaredLength: string | undefined, capBytes: number): Promise<Buffer> {
  const declared = Number(declaredLength);
  if (declaredLength !== undefined && Number.isFinite(declared) && declared > capBytes) {
    body.destroy();
    throw new BodyTooLarge(capBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > capBytes) {
      body.destroy();
      throw new BodyTooLarge(capBytes);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
