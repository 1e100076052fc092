import { avecErreurDePrevision } from './erreur-prevision';
import { simulate } from './simulator';
import { createStrategy } from './strategies';
import { tinyScenario } from './testing/tiny-scenario';

describe('forecast error families', () => {
  const s = tinyScenario(60);

  it('thins or completes the real libérations, the forecast unchanged, deterministically per seed', () => {
    expect(avecErreurDePrevision(s, -0.1, 1).liberations).toHaveLength(54);
    expect(avecErreurDePrevision(s, 0.1, 1).liberations).toHaveLength(66);
    expect(avecErreurDePrevision(s, 0, 1).liberations).toHaveLength(60);
    expect(avecErreurDePrevision(s, -0.1, 1)).toEqual(avecErreurDePrevision(s, -0.1, 1));
    expect(avecErreurDePrevision(s, -0.1, 1).liberations).not.toEqual(avecErreurDePrevision(s, -0.1, 2).liberations);
    const long = avecErreurDePrevision(s, 0.1, 3);
    expect(long.exercices).toEqual(s.exercices);
    expect(long.liberations.every((l) => l.date >= '2026-01-01' && l.date <= '2026-12-31')).toBe(true);
    expect(long.nom).toBe('mini (flux réel +10 % de la prévision)');
  });

  it('a shorter real year: the real-year targets are lower than the forecast ones', async () => {
    const court = avecErreurDePrevision(s, -0.1, 5);
    const r = simulate(court, await createStrategy('engine', court));
    const etat = r.conventions.find((c) => c.reference === 'CONV-C-ETAT')!;
    expect(etat.objectifPrevision).toBe(18);
    expect(etat.objectif).toBeCloseTo(0.3 * 54, 6);
    expect(r.metrics.hardViolations).toBe(0);
  });
});
