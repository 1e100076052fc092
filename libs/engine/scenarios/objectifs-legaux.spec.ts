/**
 * The legal allocation targets (CCH L.441-1) as the engine weighs them: the households a convention's
 * attribution is expected to bring (its profile, the bailleur's designation under délégation) and
 * the convention's own progress toward each target.
 */
import { partsDesignees, partsDuLogement } from '../src/recommend/regles/designation';
import { poidsProgression } from '../src/recommend/regles/profil';
import { choisi, convention, etat, option, profil, recommande, reservataire } from './fixtures';

/** The bailleur's choice enumerated: three demandes, the first with the most criteria met. */
function enumere(g: number, p: number): { critere: number; prioritaires: number } {
  const types = [
    [1, 1, g * p],
    [1, 0, g * (1 - p)],
    [0, 1, (1 - g) * p],
    [0, 0, (1 - g) * (1 - p)],
  ];
  let critere = 0;
  let prioritaires = 0;
  for (const a of types)
    for (const b of types)
      for (const c of types) {
        const pool = [a, b, c];
        const best = pool.reduce((x, y) => (y[0] + y[1] > x[0] + x[1] ? y : x));
        const proba = a[2] * b[2] * c[2];
        critere += proba * best[0];
        prioritaires += proba * best[1];
      }
  return { critere, prioritaires };
}

describe('la désignation par le bailleur parmi trois demandes (CCH R.441-3)', () => {
  it.each([
    [0.3, 0.3],
    [0.58, 0.85],
    [0.1, 0.05],
    [0.7, 0.32],
  ])('critère %p, prioritaires %p : la forme close égale l’énumération des 64 tirages', (g, p) => {
    const close = partsDesignees(g, p);
    const brute = enumere(g, p);
    expect(close.critere).toBeCloseTo(brute.critere, 10);
    expect(close.prioritaires).toBeCloseTo(brute.prioritaires, 10);
    expect(close.prioritaires).toBeGreaterThan(p);
  });

  it('en gestion directe, les parts sont celles du profil', () => {
    const c = convention('c1', 'r1', 0.3, {
      delegation: { mode: 'DIRECTE', delaiJours: 30, candidatsMax: 3, retourCompte: true },
    });
    expect(partsDuLogement(c, 0.3, 0.2, false)).toEqual({ critere: 0.3, prioritaires: 0.2 });
    expect(partsDuLogement(c, 0.3, 0.2, true)).toEqual({ critere: 0.7, prioritaires: 0.2 });
  });

  it('en délégation, seul l’écart entre logements QPV et hors QPV oriente : le gain moyen de la désignation ne compte pas', () => {
    const c = convention('c1', 'r1', 0.3);
    const hors = partsDuLogement(c, 0.3, 0.3, false);
    const qpv = partsDuLogement(c, 0.3, 0.3, true);
    expect((hors.critere - 0.3 + (qpv.critere - 0.7)) / 2).toBeCloseTo(0, 10);
    expect((hors.prioritaires + qpv.prioritaires) / 2).toBeCloseTo(0.3, 10);
  });
});

describe('le poids de la progression de la convention vers l’objectif', () => {
  it('de 0,5 (bien en avance) à 2 (aucun ménage du groupe jusqu’ici), 1 avant 4 attributions', () => {
    expect(poidsProgression(null, 0.25)).toBe(1);
    expect(poidsProgression(0, 0.25)).toBe(2);
    expect(poidsProgression(0.25, 0.25)).toBe(1);
    expect(poidsProgression(0.9, 0.25)).toBe(0.5);
  });

  const reservataires = [reservataire('r1', 'COMMUNE'), reservataire('r2', 'COMMUNE')];
  const conventions = [convention('c1', 'r1', 0.3), convention('c2', 'r2', 0.3)];
  const profils = [profil('r1', { prioritaires: 0.5 }), profil('r2', { prioritaires: 0.5 })];

  it('à rythme et profil égaux, le logement va à la convention en retard sur les ménages prioritaires', () => {
    const state = etat(
      { conventions, reservataires, profils },
      {
        c1: { propositions: 15, attributions: 8, attributionsPrioritaires: 6 },
        c2: { propositions: 15, attributions: 8, attributionsPrioritaires: 0 },
      },
    );
    const rec = recommande(state);
    expect(choisi(rec)).toBe('CONVENTION:c2');
    expect(option(rec, 'CONVENTION:c2').raisons).toContainEqual(
      expect.stringMatching(
        /^Ménages prioritaires : [\d,]+ % attendus chez Réservataire r2 \(convention CONV-c2, désignation par le bailleur ; objectif 25 %, 0 % jusqu'ici\)$/,
      ),
    );
    expect(option(rec, 'CONVENTION:c1').raisons).toContainEqual(expect.stringContaining("75 % jusqu'ici"));
  });

  it('la convention en retard dont les demandeurs sont peu prioritaires passe après l’autre, raison « contre » chiffrée', () => {
    const faibles = [profil('r1', { prioritaires: 0.05 }), profil('r2', { prioritaires: 0.05 })];
    const direct = conventions.map((c) => ({
      ...c,
      delegation: { mode: 'DIRECTE' as const, delaiJours: 30, candidatsMax: 3, retourCompte: true },
    }));
    const state = etat(
      { conventions: direct, reservataires, profils: faibles },
      {
        c1: { propositions: 15, attributions: 8, attributionsPrioritaires: 0 },
        c2: { propositions: 15, attributions: 8, attributionsPrioritaires: 2 },
      },
    );
    const rec = recommande(state);
    const rang = (id: string) => rec.options.indexOf(option(rec, id));
    expect(rang('CONVENTION:c2')).toBeLessThan(rang('CONVENTION:c1'));
    expect(option(rec, 'CONVENTION:c1').raisons).toContain(
      "Peu de ménages prioritaires chez Réservataire r1 (convention CONV-c1 ; 5 % attendus, objectif 25 %, 0 % jusqu'ici)",
    );
  });
});
