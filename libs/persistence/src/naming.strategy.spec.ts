import { snakeCase, SnakeNamingStrategy } from './naming.strategy';

describe('SnakeNamingStrategy', () => {
  const naming = new SnakeNamingStrategy();

  it('turns properties and classes into snake_case', () => {
    expect(snakeCase('loyerCentimes')).toBe('loyer_centimes');
    expect(snakeCase('surfaceM2')).toBe('surface_m2');
    expect(snakeCase('quartile1')).toBe('quartile1');
    expect(snakeCase('rplsID')).toBe('rpls_id');
    expect(naming.columnName('fluxARepartir', undefined, [])).toBe('flux_a_repartir');
    expect(naming.columnName('x', 'custom', [])).toBe('custom');
    expect(naming.tableName('ExerciceObjectifEntity', undefined)).toBe('exercice_objectif');
  });

  it('names constraints readably, under PostgreSQL’s 63-byte limit', () => {
    expect(naming.uniqueConstraintName('liberation', ['logement_id', 'date'])).toBe('uq_liberation_logement_id_date');
    expect(naming.foreignKeyName('public.convention', ['bailleur_id'])).toBe('fk_convention_bailleur_id');
    const long = naming.foreignKeyName('orientation_decision', [
      'override_request_id',
      'recommendation_id',
      'convention_id',
    ]);
    expect(long.length).toBe(63);
    expect(long).toMatch(/^fk_orientation_decision_override_request_id_.*_[0-9a-f]{8}$/);
    expect(naming.indexName('outbox', ['id'], '"relayed_at" IS NULL')).not.toBe(naming.indexName('outbox', ['id']));
  });
});
