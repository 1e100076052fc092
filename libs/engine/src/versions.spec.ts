import { A, convention, exercice, logement, reservataire } from '../scenarios/fixtures';
import type { Logement } from './domain';
import { createState, realise } from './progress';
import { rejouer, type Transition } from './transition';
import { periodesVersions, termesAuJour, type VersionConvention } from './versions';

const reservataires = [reservataire('als', 'ALS')];
const v1 = convention('d', 'als', 0.2, {
  dateDebut: '2026-01-01',
  delegation: { mode: 'DIRECTE', delaiJours: 30, candidatsMax: 3, retourCompte: false },
});
const v2 = {
  ...v1,
  cible: { type: 'TAUX' as const, taux: 0.3 },
  decompte: { mode: 'BAIL' as const },
  delegation: { ...v1.delegation, delaiJours: 60, retourCompte: true },
};
const versions: VersionConvention[] = [
  { dateEffet: '2026-01-01', convention: v1 },
  { dateEffet: '2026-07-01', convention: v2 },
];
const vers = { kind: 'CONVENTION' as const, conventionId: 'd' };

describe('conventions versionnées (constat 11)', () => {
  it('donne les termes en vigueur à une date, les premiers pour un pas non daté', () => {
    expect(termesAuJour(v2, versions, '2026-03-01')).toBe(v1);
    expect(termesAuJour(v2, versions, '2026-07-01')).toBe(v2);
    expect(termesAuJour(v2, versions, '2025-12-01')).toBe(v1);
    expect(termesAuJour(v2, versions, undefined)).toBe(v1);
    expect(termesAuJour(v2, undefined, '2026-03-01')).toBe(v2);
    expect(periodesVersions(versions).map((c) => [c.dateDebut, c.dateFin])).toEqual([
      ['2026-01-01', '2026-06-30'],
      ['2026-07-01', null],
    ]);
  });

  it('compte chaque vacance sous les termes de sa date ; l’objectif somme chaque période', () => {
    const s0 = createState({ exercice: exercice(), conventions: [v2], reservataires, versions: { d: versions } });
    // 20 % for 181 days, 30 % for 184 days, of 100.
    expect(s0.progress.d.objectif).toBeCloseTo(20 * (181 / 365) + 30 * (184 / 365), 4);
    const a = logement('a', A);
    const b = logement('b', A);
    const c = logement('c', A);
    /** Convention d's candidates received, one attributed the flat and its lease signed, that day. */
    const loue = (l: Logement, date: string): Transition[] => [
      { kind: 'candidatsRecus', conventionId: 'd', date },
      { kind: 'attribution', logement: l, conventionId: 'd', candidat: { quartile: 2, prioritaire: false }, date },
      { kind: 'bail', conventionId: 'd', date },
    ];
    const annee: Transition[] = [
      // a: freed in March, returned (not counted under v1); b: proposed in March (counted at the proposition), let in August.
      { kind: 'orientation', logement: a, destination: vers, attenteCandidats: true, date: '2026-03-02' },
      { kind: 'expiration', logement: a, conventionId: 'd', date: '2026-03-02' },
      { kind: 'orientation', logement: b, destination: vers, attenteCandidats: true, date: '2026-03-03' },
      ...loue(b, '2026-03-03'),
      // c: freed in July, under v2: counted at the lease only.
      { kind: 'orientation', logement: c, destination: vers, attenteCandidats: true, date: '2026-07-02' },
    ];
    const s1 = rejouer(s0, annee);
    expect(realise(s1.progress.d, v2)).toBe(1);
    const s2 = rejouer(s1, loue(c, '2026-07-02'));
    expect(realise(s2.progress.d, v2)).toBe(2);
    // Without versions, the year replayed under the current terms: a counted as returned, b and c at their leases.
    const sansVersions = rejouer(createState({ exercice: exercice(), conventions: [v2], reservataires }), [...annee]);
    expect(realise(sansVersions.progress.d, v2)).toBe(1);
    expect(sansVersions.progress.d.propositions).toBe(3);
  });
});
