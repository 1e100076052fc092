/**
 * The OpenAPI document (`/api/docs/openapi.json`, built by `setupApp`) documents every operation: a
 * French summary, a 2xx answer with its schema and at least one 4xx answer.
 */
import { createTestApi, type TestApi } from './api-test-app';

interface Operation {
  summary?: string;
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
}
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
};

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);
/** Words that give an English summary away (a French summary uses none of them as a word). */
const ENGLISH = /\b(the|get|list|create|update|delete|returns?|of|by|and|with)\b/i;
/** Answers without a body: 204, a redirect, a file download. */
const NO_BODY = new Set(['204']);

let api: TestApi;
let operations: { name: string; operation: Operation }[];
let schemas: Document['components']['schemas'];

beforeAll(async () => {
  api = await createTestApi();
  const response = await api.http.get('/api/docs/openapi.json');
  expect(response.status).toBe(200);
  const document = response.body as Document;
  schemas = document.components.schemas;
  operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
  );
}, 120_000);
afterAll(() => api?.close());

describe('OpenAPI document', () => {
  it('lists the API routes', () => {
    expect(operations.length).toBeGreaterThan(50);
    expect(operations.map((o) => o.name)).toEqual(
      expect.arrayContaining(['POST /api/liberations', 'GET /api/health', 'POST /api/auth/login']),
    );
  });

  it('gives every operation a French summary', () => {
    const missing = operations.filter(({ operation }) => !operation.summary?.trim()).map((o) => o.name);
    const english = operations
      .filter(({ operation }) => operation.summary && ENGLISH.test(operation.summary))
      .map((o) => `${o.name}: ${operation(o)}`);
    expect(missing).toEqual([]);
    expect(english).toEqual([]);
  });

  it('gives every operation a 2xx answer with its schema (or an answer without body)', () => {
    const missing = operations
      .filter(({ operation }) => {
        const ok = Object.entries(operation.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
        return !ok.some(
          ([status, answer]) =>
            NO_BODY.has(status) || Object.values(answer.content ?? {}).some((c) => c.schema !== undefined),
        );
      })
      .map((o) => o.name);
    expect(missing).toEqual([]);
  });

  it('gives every operation at least one 4xx answer (the health check, public and without input, its 503)', () => {
    const missing = operations
      .filter(({ name, operation }) => {
        const expected = name === 'GET /api/health' ? /^503$/ : /^4\d\d$/;
        return !Object.keys(operation.responses ?? {}).some((status) => expected.test(status));
      })
      .map((o) => o.name);
    expect(missing).toEqual([]);
  });

  it('documents a convention’s body whole: the fields it shares with an import line (ConventionSaisie) and its own', () => {
    const convention = schemas.EnregistrerConvention;
    expect(Object.keys(convention.properties ?? {})).toEqual(
      expect.arrayContaining([
        'bailleurId',
        'reservataireId',
        'dateEffet',
        'reference',
        'cible',
        'sousQuotas',
        'dateDebut',
      ]),
    );
    expect(convention.required).toEqual(expect.arrayContaining(['bailleurId', 'cible', 'delegation', 'dateDebut']));
  });

  it('documents the one error body on the error answers', () => {
    const errors = operations.flatMap(({ name, operation }) =>
      Object.entries(operation.responses ?? {})
        .filter(([status]) => /^4\d\d$/.test(status))
        .map(([status, answer]) => ({
          name: `${name} ${status}`,
          schema: answer.content?.['application/json']?.schema as { properties?: object } | undefined,
        })),
    );
    expect(
      errors.filter((e) => !e.schema?.properties || !('message' in e.schema.properties)).map((e) => e.name),
    ).toEqual([]);
  });
});

const operation = (o: { operation: Operation }) => o.operation.summary;
