import { ENTITIES } from '@aiguillage/persistence';
import { databaseWithEveryEntity, FIXTURES } from './entity-fixtures';
import type { DataSource } from 'typeorm';

jest.setTimeout(30_000);

describe('entities', () => {
  const suite = databaseWithEveryEntity();
  let dataSource: DataSource;

  beforeAll(() => {
    dataSource = suite.dataSource;
  });

  it('have one fixture each, giving every column a value', () => {
    expect(FIXTURES.map(([target]) => target)).toEqual(expect.arrayContaining(ENTITIES));
    expect(FIXTURES).toHaveLength(ENTITIES.length);
    for (const [target, values] of FIXTURES) {
      const generated = ['createdAt', 'updatedAt'];
      const metadata = dataSource.getMetadata(target);
      const columns = metadata.columns.map((c) => c.propertyName).filter((p) => !generated.includes(p));
      const expected = metadata.columns.some((c) => c.generationStrategy === 'increment')
        ? columns.filter((c) => c !== 'id')
        : columns;
      // (insert() writes the generated columns back into the fixture: leave them out)
      const given = Object.keys(values).filter(
        (k) => !generated.includes(k) && !(k === 'id' && expected.length < columns.length),
      );
      expect({ [metadata.tableName]: given.sort() }).toEqual({ [metadata.tableName]: expected.sort() });
    }
  });

  it.each(FIXTURES.map(([target, values]) => [(target as { name: string }).name, target, values] as const))(
    '%s reads back exactly what was written (numerics, dates, jsonb, arrays)',
    async (_name, target, values) => {
      const metadata = dataSource.getMetadata(target);
      const where = Object.fromEntries(
        metadata.primaryColumns
          .filter((c) => c.propertyName in values)
          .map((c) => [c.propertyName, values[c.propertyName]]),
      );
      const [row] = await dataSource.manager.find(target, Object.keys(where).length > 0 ? { where } : {});
      expect(row).toBeDefined();
      const read = Object.fromEntries(Object.keys(values).map((k) => [k, row[k]]));
      expect(read).toStrictEqual(values);
      for (const column of ['createdAt', 'updatedAt'].filter((c) => metadata.findColumnWithPropertyName(c))) {
        expect(row[column]).toBeInstanceOf(Date);
      }
    },
  );
});
