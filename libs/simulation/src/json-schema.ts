/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument -- a JSON Schema is untyped data, walked generically by keyword */
/**
 * A small JSON Schema (draft 2020-12) interpreter for the keywords the scenario schema uses:
 * type, const, enum, properties, required, additionalProperties: false, items, minItems, maxItems,
 * minLength, pattern, minimum, maximum, oneOf, $ref to "#/$defs/...". Errors are French and name
 * the field by its JSON path (`logements[3].typologie`).
 */
type Schema = Record<string, any>;

export interface SchemaError {
  path: string;
  message: string;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'une chaîne',
  number: 'un nombre',
  integer: 'un entier',
  boolean: 'un booléen',
  object: 'un objet',
  array: 'un tableau',
  null: 'null',
};

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

export function validateSchema(root: Schema, value: unknown, maxErrors = 20): SchemaError[] {
  const errors: SchemaError[] = [];

  const resolve = (schema: Schema): Schema => {
    if (typeof schema.$ref !== 'string') return schema;
    const name = schema.$ref.replace(/^#\/\$defs\//, '');
    const target = root.$defs?.[name];
    if (!target) throw new Error(`Schéma invalide : référence inconnue ${schema.$ref}`);
    return resolve(target);
  };

  const visit = (schemaIn: Schema, v: unknown, path: string, out: SchemaError[]): void => {
    const schema = resolve(schemaIn);
    const at = path || '(racine)';
    const fail = (message: string): void => {
      out.push({ path: at, message });
    };

    if (schema.oneOf) {
      const branches = (schema.oneOf as Schema[]).map((branch) => {
        const branchErrors: SchemaError[] = [];
        visit(branch, v, path, branchErrors);
        return branchErrors;
      });
      const matching = branches.filter((b) => b.length === 0).length;
      if (matching === 1) return;
      if (matching > 1) return fail('correspond à plusieurs variantes possibles');
      // Report the branch that went deepest (fewest errors): the most likely intended variant.
      out.push(...branches.reduce((best, b) => (b.length < best.length ? b : best)));
      return;
    }
    if ('const' in schema && v !== schema.const) return fail(`doit valoir ${JSON.stringify(schema.const)}`);
    if (schema.enum && !(schema.enum as unknown[]).includes(v)) {
      return fail(
        `valeur ${JSON.stringify(v)} invalide, attendu l'une de : ${(schema.enum as unknown[]).map((e) => JSON.stringify(e)).join(', ')}`,
      );
    }
    if (schema.type) {
      const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
      if (!types.some((t) => matchesType(v, t))) {
        return fail(
          `doit être ${types.map((t) => TYPE_NAMES[t] ?? t).join(' ou ')} (reçu : ${v === undefined ? 'rien' : typeOf(v)})`,
        );
      }
    }
    if (typeof v === 'number') {
      if (schema.minimum !== undefined && v < schema.minimum) fail(`doit être ≥ ${schema.minimum} (reçu : ${v})`);
      if (schema.maximum !== undefined && v > schema.maximum) fail(`doit être ≤ ${schema.maximum} (reçu : ${v})`);
    }
    if (typeof v === 'string') {
      if (schema.minLength !== undefined && v.length < schema.minLength) fail('ne doit pas être vide');
      if (schema.pattern && !new RegExp(schema.pattern).test(v)) fail(`format invalide (reçu : ${JSON.stringify(v)})`);
    }
    if (Array.isArray(v)) {
      if (schema.minItems !== undefined && v.length < schema.minItems)
        fail(`doit contenir au moins ${schema.minItems} éléments (reçu : ${v.length})`);
      if (schema.maxItems !== undefined && v.length > schema.maxItems)
        fail(`doit contenir au plus ${schema.maxItems} éléments (reçu : ${v.length})`);
      if (schema.items) v.forEach((item, i) => visit(schema.items, item, join(path, i), out));
    }
    if (typeOf(v) === 'object') {
      const obj = v as Record<string, unknown>;
      for (const key of (schema.required as string[] | undefined) ?? []) {
        if (obj[key] === undefined) out.push({ path: join(path, key), message: 'champ obligatoire manquant' });
      }
      const properties = (schema.properties as Record<string, Schema> | undefined) ?? {};
      for (const [key, child] of Object.entries(obj)) {
        if (child === undefined) continue;
        if (properties[key]) visit(properties[key], child, join(path, key), out);
        else if (schema.additionalProperties === false) out.push({ path: join(path, key), message: 'champ inconnu' });
      }
    }
  };

  visit(root, value, '', errors);
  return errors.slice(0, maxErrors);
}
