import { createHash } from 'crypto';
import { DefaultNamingStrategy, type NamingStrategyInterface, type Table, type View } from 'typeorm';

/** PostgreSQL truncates identifiers to 63 bytes; longer names get a short hash suffix instead. */
const MAX_IDENTIFIER = 63;

export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

function tableNameOf(table: Table | View | string): string {
  const name = typeof table === 'string' ? table : table.name;
  return name.split('.').pop()!;
}

function identifier(prefix: string, table: Table | View | string, parts: string[], salt = ''): string {
  const name = [prefix, tableNameOf(table), ...parts].join('_');
  if (!salt && name.length <= MAX_IDENTIFIER) return name;
  const hash = createHash('sha1')
    .update(name + salt)
    .digest('hex')
    .slice(0, 8);
  return `${name.slice(0, MAX_IDENTIFIER - hash.length - 1)}_${hash}`;
}

/**
 * snake_case tables and columns, and readable constraint names (`uq_logement_rpls_id`,
 * `fk_convention_bailleur_id`...) so that callers can map a constraint violation to a clear error.
 */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override tableName(targetName: string, userSpecifiedName: string | undefined): string {
    return userSpecifiedName ?? snakeCase(targetName.replace(/Entity$/, ''));
  }

  override columnName(propertyName: string, customName: string | undefined, embeddedPrefixes: string[]): string {
    return customName ?? snakeCase([...embeddedPrefixes, propertyName].join('_'));
  }

  override relationName(propertyName: string): string {
    return snakeCase(propertyName);
  }

  override joinColumnName(relationName: string, referencedColumnName: string): string {
    return snakeCase(`${relationName}_${referencedColumnName}`);
  }

  override primaryKeyName(table: Table | string): string {
    return identifier('pk', table, []);
  }

  override uniqueConstraintName(table: Table | string, columnNames: string[]): string {
    return identifier('uq', table, columnNames);
  }

  override relationConstraintName(table: Table | string, columnNames: string[], where?: string): string {
    return identifier('rel', table, columnNames, where ?? '');
  }

  override foreignKeyName(table: Table | string, columnNames: string[]): string {
    return identifier('fk', table, columnNames);
  }

  override indexName(table: Table | View | string, columnNames: string[], where?: string): string {
    return identifier('idx', table, columnNames, where ?? '');
  }

  override checkConstraintName(table: Table | string, expression: string, isEnum?: boolean): string {
    return identifier(isEnum ? 'enum' : 'chk', table, [], expression);
  }

  override defaultConstraintName(table: Table | string, columnName: string): string {
    return identifier('df', table, [columnName]);
  }

  override exclusionConstraintName(table: Table | string, expression: string): string {
    return identifier('xcl', table, [], expression);
  }
}
