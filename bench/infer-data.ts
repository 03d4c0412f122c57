/**
 * Workloads for `npm run bench:infer`, built deterministically from the Stripe example objects in the
 * shared corpus:
 *
 * - `fixtures`: the fixture documents as they are (one per date), learned together; held out:
 *   variants of each (same keys and types, other values);
 * - `list-50mb`: one list response (`/v1/events`-like, `{object, url, has_more, data: [...]}`) of at
 *   least 50 MB whose events wrap variants of every fixture resource; held out: smaller list
 *   responses from the same generator with another seed.
 *
 * A variant keeps every key and every type and changes values the way responses differ: new IDs
 * with the same prefix, other numbers and timestamps, other free text, other booleans, arrays of
 * other lengths. Short tokens (statuses, types, currencies) are kept, as a vendor's would be.
 */
import { corpusFiles, readCorpusJson, readCorpusText } from '../test/helpers/corpus.js';

export interface Workload {
  name: string;
  description: string;
  /** The documents a tool learns from, as JSON text. */
  training: string[];
  /** Documents from the same source the learned schema should accept, as JSON text. */
  heldOut: string[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** mulberry32: a small seeded generator, so every run builds the same bytes. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALNUM = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'];
const WORDS = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua'.split(' ');
const PREFIXED_ID = /^([a-z]+(?:_[a-z]+)*_)([A-Za-z0-9]{8,})$/;

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function variantString(value: string, random: () => number): string {
  const id = PREFIXED_ID.exec(value);
  if (id) {
    let suffix = '';
    for (let i = 0; i < id[2]!.length; i++) suffix += pick(random, ALNUM);
    return id[1] + suffix;
  }
  if (/\s/.test(value)) {
    const words = Math.max(1, Math.round(value.split(/\s+/).length * (0.5 + random())));
    return Array.from({ length: words }, () => pick(random, WORDS)).join(' ');
  }
  return value;
}

function variantNumber(value: number, random: () => number): number {
  if (!Number.isInteger(value)) {
    const n = Math.round(value * (0.5 + random()) * 1000) / 1000;
    return Number.isInteger(n) ? n + 0.25 : n;
  }
  if (value >= 1_000_000_000 && value < 2_000_000_000) return 1_600_000_000 + Math.floor(random() * 200_000_000);
  const span = Math.max(10, Math.abs(value) * 2);
  const n = Math.floor(random() * span);
  return value < 0 ? -n : n;
}

/** A value with the same keys and types as `value` and other contents. */
export function variant(value: Json, random: () => number): Json {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
      return variantString(value, random);
    case 'number':
      return variantNumber(value, random);
    case 'boolean':
      return random() < 0.5;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return [];
    const length = 1 + Math.floor(random() * (value.length + 2));
    return Array.from({ length }, () => variant(pick(random, value), random));
  }
  const out: { [key: string]: Json } = {};
  for (const key of Object.keys(value)) out[key] = variant(value[key]!, random);
  return out;
}

interface Fixture {
  date: string;
  document: { resources: Record<string, Json> };
}

export function loadFixtures(): Fixture[] {
  return corpusFiles('stripe-fixtures').map((path) => ({
    date: /(\d{4}-\d{2}-\d{2})/.exec(path)?.[1] ?? path,
    document: readCorpusJson(path) as Fixture['document'],
  }));
}

export function fixturesWorkload(): Workload {
  const files = corpusFiles('stripe-fixtures');
  const fixtures = loadFixtures();
  const random = rng(3);
  const heldOut: string[] = [];
  for (let round = 0; round < 3; round++) {
    for (const fixture of fixtures) heldOut.push(JSON.stringify(variant(fixture.document as unknown as Json, random)));
  }
  return {
    name: 'fixtures',
    description: `Stripe fixtures: ${files.length} documents (one per date), learned together`,
    training: files.map(readCorpusText),
    heldOut,
  };
}

function resourcePool(fixtures: readonly Fixture[]): { name: string; object: Json }[] {
  const pool: { name: string; object: Json }[] = [];
  for (const fixture of fixtures) {
    for (const [name, object] of Object.entries(fixture.document.resources)) {
      if (object !== null && typeof object === 'object' && !Array.isArray(object)) pool.push({ name, object });
    }
  }
  return pool;
}

function event(resource: { name: string; object: Json }, random: () => number): Json {
  let id = 'evt_';
  for (let i = 0; i < 24; i++) id += pick(random, ALNUM);
  return {
    id,
    object: 'event',
    api_version: '2022-11-15',
    created: 1_600_000_000 + Math.floor(random() * 200_000_000),
    data: { object: variant(resource.object, random) },
    livemode: random() < 0.5,
    pending_webhooks: Math.floor(random() * 3),
    request: { id: random() < 0.5 ? null : `req_${Math.floor(random() * 1e9)}`, idempotency_key: null },
    type: `${resource.name}.updated`,
  };
}

/** `{object: 'list', url, has_more, data}` of events, as text of at least `minBytes` bytes (or exactly `count` events). */
export function eventList(pool: readonly { name: string; object: Json }[], random: () => number, size: { minBytes?: number; count?: number }): string {
  const parts: string[] = [];
  let bytes = 0;
  while (size.count !== undefined ? parts.length < size.count : bytes < (size.minBytes ?? 0)) {
    const text = JSON.stringify(event(pick(random, pool), random));
    parts.push(text);
    bytes += text.length + 1;
  }
  return `{"object":"list","url":"/v1/events","has_more":false,"data":[${parts.join(',')}]}`;
}

export function listWorkload(minBytes = 50 * 1024 * 1024): Workload {
  const pool = resourcePool(loadFixtures());
  const training = eventList(pool, rng(1), { minBytes });
  const random = rng(2);
  const heldOut = Array.from({ length: 40 }, () => eventList(pool, random, { count: 25 }));
  return {
    name: 'list-50mb',
    description: `one list response of ${(Buffer.byteLength(training) / 1e6).toFixed(1)} MB (events wrapping variants of ${pool.length} fixture objects)`,
    training: [training],
    heldOut,
  };
}
