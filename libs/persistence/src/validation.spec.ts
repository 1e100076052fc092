import { InvalidInputError } from './errors';
import { check } from './validation';

describe('check', () => {
  const error = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      return e as InvalidInputError;
    }
    throw new Error('accepted');
  };

  it('names the field and says why in French', () => {
    expect(error(() => check.integer(2.5, 'logements[3].etage')).message).toBe(
      'logements[3].etage : entier attendu, reçu « 2.5 »',
    );
    expect(error(() => check.rate(1.2, 'cible.taux')).message).toBe(
      'cible.taux : taux entre 0 et 1 attendu, reçu « 1.2 »',
    );
    expect(error(() => check.day('2026-02-30', 'date')).message).toBe(
      'date : date AAAA-MM-JJ attendue, reçu « 2026-02-30 »',
    );
    expect(error(() => check.day('2026-2-3', 'date')).field).toBe('date');
    expect(error(() => check.uuid('42', 'bailleurId')).reason).toBe('identifiant UUID attendu, reçu « 42 »');
    expect(error(() => check.text('', 'nom', 10)).message).toBe('nom : texte obligatoire');
    expect(error(() => check.text('x'.repeat(11), 'nom', 10)).message).toBe('nom : 10 caractères au plus');
  });

  it('accepts valid values and absent optional ones', () => {
    expect(check.rate(0, 'r')).toBe(0);
    expect(check.day('2028-02-29', 'd')).toBe('2028-02-29');
    expect(check.optionalInteger(undefined, 'i')).toBeNull();
    expect(check.optionalUuid(null, 'u')).toBeNull();
    expect(check.oneOf('T6', ['T1', 'T6'] as const, 't')).toBe('T6');
  });
});
