/**
 * Fuzzing every route from its DTO (the OpenAPI document the DTOs produce): fast-check builds
 * bodies and query strings from each route's declared fields with hostile values (wrong types,
 * NUL, huge and unicode strings, prototype keys, deep nesting, impossible dates, extreme numbers).
 * 10 000 inputs in all: never a 5xx, each 400 a French list of { champ, raison }, and nothing
 * written by a refused request (path ids are unknown, so no write may succeed either).
 */
import fc from 'fast-check';
import { createHash, randomUUID } from 'crypto';
import type { Account } from '../helpers/app';
import { auth, SecurityApp } from './security-app';

jest.setTimeout(600_000);

const TOTAL = Number(process.env.FUZZ_TOTAL ?? 10_000);

type Schema = { type?: string; properties?: Record<string, Schema>; items?: Schema; $ref?: string; enum?: unknown[] };

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '',
    ' ',
    '﻿',
    '𝕏'.repeat(300),
    'x'.repeat(70_000),
    '2026-02-30',
    '2026-13-01',
    '0000-00-00',
    '9999-12-31',
    '<script>alert(1)</script>',
    "'; DROP TABLE logement; --",
    '../../etc/passwd',
    '%00',
    'NaN',
    'true',
    '-1',
    '1e309',
  ),
  fc.uuid().map((u) => u),
);
const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1e20, -1e20, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, 2 ** 63, 1e-320, -0),
);
const deep = fc.integer({ min: 30, max: 3000 }).map((n) => JSON.parse('['.repeat(n) + ']'.repeat(n)) as unknown);
const protoKeys = fc
  .constantFrom('__proto__', 'constructor', 'prototype')
  .map((k) => JSON.parse(`{"${k}":{"isAdmin":true}}`) as unknown);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  deep,
  protoKeys,
  fc.array(hostileString, { maxLength: 5 }),
  fc.jsonValue({ maxDepth: 4 }),
);

function resolve(doc: any, schema: Schema | undefined): Schema | undefined {
  if (!schema) return undefined;
  if (schema.$ref) return doc.components.schemas[schema.$ref.split('/').pop()!];
  return schema;
}

/** A body built from the DTO's fields: each present or not, with a hostile value, plus maybe an extra key. */
function bodyOf(doc: any, schema: Schema | undefined): fc.Arbitrary<unknown> {
  const s = resolve(doc, schema);
  if (!s?.properties)
    return fc.oneof(
      hostileValue,
      fc.array(fc.dictionary(fc.string({ maxLength: 8 }), hostileValue, { maxKeys: 4 }), { maxLength: 3 }),
    );
  const fields = Object.fromEntries(
    Object.keys(s.properties).map((k) => [k, fc.option(hostileValue, { nil: undefined })]),
  );
  return fc
    .tuple(
      fc.record(fields),
      fc.option(fc.tuple(fc.constantFrom('__proto__', 'constructor', 'inconnu', 'a\u0000'), hostileValue)),
    )
    .map(([body, extra]) => {
      const out: Record<string, unknown> = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
      if (extra) Object.defineProperty(out, extra[0], { value: extra[1], enumerable: true });
      return out;
    });
}

/** A query string from the declared query parameters, with hostile text values. */
function queryOf(params: Array<{ name: string; in: string }>): fc.Arbitrary<string> {
  const names = params.filter((p) => p.in === 'query').map((p) => p.name);
  const pair = fc.tuple(
    fc.constantFrom(...(names.length ? names : ['x']), '__proto__', 'constructor'),
    hostileString.map((v) => v.slice(0, 2000)),
  );
  return fc
    .array(pair, { maxLength: 4 })
    .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));
}

describe('fuzzing every route from its DTO', () => {
  let s: SecurityApp;
  let admin: Account;

  beforeAll(async () => {
    s = await SecurityApp.start();
    admin = await s.account(
      'ADMIN',
      s.demo.bailleurs.map((b) => b.id),
    );
  });

  afterAll(() => s?.close());

  /** Row counts of every table: what a refused request must leave as it was. */
  const fingerprint = async () => {
    const tables: Array<{ t: string }> = await s.db.dataSource.query(
      `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('migrations')`,
    );
    const counts = await Promise.all(
      tables.map(
        async ({ t }) => `${t}:${(await s.db.dataSource.query(`SELECT count(*)::int AS n FROM "${t}"`))[0].n}`,
      ),
    );
    return createHash('sha256').update(counts.sort().join(',')).digest('hex');
  };

  it(`${TOTAL} hostile inputs: 0 × 5xx, each 400 French { champ, raison }, nothing written`, async () => {
    const doc = (await s.http().get('/api/docs/openapi.json')).body;
    const operations: Array<{ method: string; path: string; op: any }> = [];
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        if (path === '/api/auth/login' || path === '/api/health') continue;
        operations.push({ method, path, op });
      }
    }
    expect(operations.length).toBeGreaterThan(40);
    const before = await fingerprint();
    const perRoute = Math.ceil(TOTAL / operations.length);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    let writes = 0;
    for (const { method, path, op } of operations) {
      const schema = op.requestBody?.content?.['application/json']?.schema;
      const samples = fc.sample(fc.tuple(bodyOf(doc, schema), queryOf(op.parameters ?? [])), {
        numRuns: perRoute,
        seed: 10_2026 + sent,
      });
      for (const [body, query] of samples) {
        if (sent >= TOTAL) break;
        sent++;
        const url = path.replace(/\{\w+\}/g, () => randomUUID()) + (query ? `?${query}` : '');
        let req = s.http()[method as 'post'](url).set(auth(admin));
        if (method !== 'get') req = req.set('Content-Type', 'application/json').send(JSON.stringify(body));
        const res = await req;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500)
          failures.push(
            `${method.toUpperCase()} ${url.slice(0, 120)} → ${res.status} ${JSON.stringify(body)?.slice(0, 200)}`,
          );
        if (res.status < 300 && method !== 'get') writes++;
        if (res.status === 400) {
          const erreurs: any[] = Array.isArray(res.body.erreurs) ? res.body.erreurs : [];
          const bad = erreurs.filter(
            (e) =>
              typeof e.champ !== 'string' ||
              typeof e.raison !== 'string' ||
              !/[a-zàâçéèêîôû]{2,}/.test(e.raison) ||
              /\b(must|should|is not|invalid|expected)\b/i.test(e.raison),
          );
          if (erreurs.length === 0 || bad.length > 0)
            failures.push(
              `${method.toUpperCase()} ${path} → 400 sans { champ, raison } en français : ${res.body.message} ${JSON.stringify(bad).slice(0, 300)}`,
            );
        }
      }
    }
    expect(sent).toBe(TOTAL);
    expect(failures.slice(0, 20)).toEqual([]);
    expect(writes).toBe(0);
    expect(await fingerprint()).toBe(before);
    expect([...statuses.keys()].every((code) => code < 500)).toBe(true);
  });
});
