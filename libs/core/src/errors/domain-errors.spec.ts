import { DEFAULT_POLICY, EngineInputError, recommend, type Logement } from '@aiguillage/engine';
import { enErreurAiguillage, RequeteInvalideError, sansErreurMoteur } from './domain-errors';

/** Engine input errors are the request's (400 `{champ, raison}`), in the flow as on every other route. */
describe('sansErreurMoteur', () => {
  const refus = (calcul: () => unknown, prefixe?: string): unknown => {
    try {
      sansErreurMoteur(calcul, prefixe);
    } catch (error) {
      return error;
    }
    throw new Error('aucune erreur levée');
  };

  it('returns the computation’s value', () => {
    expect(sansErreurMoteur(() => 42, 'liberation')).toBe(42);
  });

  it('turns an engine input error into an invalid request naming the field under its prefix', () => {
    const error = refus(() => {
      throw new EngineInputError('logement.qpv', 'doit être vrai ou faux');
    }, 'liberation');
    expect(error).toBeInstanceOf(RequeteInvalideError);
    expect((error as RequeteInvalideError).kind).toBe('INVALIDE');
    expect((error as RequeteInvalideError).erreurs).toEqual([
      { champ: 'liberation.logement.qpv', raison: 'doit être vrai ou faux' },
    ]);
  });

  it('answers as enErreurAiguillage does without a prefix, on a real engine refusal', () => {
    const logement = { id: 'l1' } as unknown as Logement;
    const calcul = () => recommend(logement, undefined as never, DEFAULT_POLICY, '2026-06-01');
    const error = refus(calcul) as RequeteInvalideError;
    let brute: unknown;
    try {
      calcul();
    } catch (e) {
      brute = e;
    }
    expect(brute).toBeInstanceOf(EngineInputError);
    expect(error.erreurs).toEqual((enErreurAiguillage(brute) as RequeteInvalideError).erreurs);
  });

  it('lets any other error through unchanged', () => {
    const autre = new Error('panne');
    expect(
      refus(() => {
        throw autre;
      }),
    ).toBe(autre);
  });
});
