/**
 * Reasons a chargé can read: each option names its réservataire and its convention, each reason
 * carries its sign and its figure as data, the deciding terms come first, and one line says why
 * the runner-up came second. No score in any text.
 */
import { convention, etat, option, profil, demandes, recommande, reservataire } from './fixtures';

const reservataires = [
  { ...reservataire('als', 'ALS'), nom: 'Action Logement' },
  { ...reservataire('dep', 'DEPARTEMENT'), nom: 'Département de Paris' },
];
const conventions = [
  convention('x', 'als', 0.284, { reference: 'CONV-ALS-2026' }),
  convention('y', 'dep', 0.3, {
    reference: 'CONV-DEP-2026',
    delegation: { mode: 'DIRECTE', delaiJours: 30, candidatsMax: 3, retourCompte: false },
  }),
];

describe('motifs lisibles par un chargé', () => {
  const rec = recommande(etat({ conventions, reservataires }, { x: { propositions: 10 }, y: { propositions: 18 } }));

  it('chaque option nomme le réservataire et la convention', () => {
    expect(rec.options[0].libelle).toBe('Action Logement — convention CONV-ALS-2026');
    expect(option(rec, 'CONVENTION:y').libelle).toBe('Département de Paris — convention CONV-DEP-2026');
    expect(option(rec, 'BAILLEUR').libelle).toBe('Part non réservée du bailleur');
  });

  it('chaque motif porte son sens (pour / contre), son chiffre et son unité ; le terme décisif vient en premier', () => {
    expect(rec.options[0].motifs![0]).toEqual({
      sens: 'pour',
      texte:
        "Action Logement — convention CONV-ALS-2026 : retard de 4,2 logements sur l'objectif à date, au-delà de la marge de 1 logement (rythme régulier)",
      terme: 'RYTHME',
      valeur: 4.2,
      unite: 'logement',
    });
    const y = option(rec, 'CONVENTION:y');
    expect(y.motifs).toEqual(
      expect.arrayContaining([
        {
          sens: 'contre',
          texte:
            "Département de Paris — convention CONV-DEP-2026 : avance de 3 logements sur l'objectif à date, 4 logements d'avance avec ce logement, au-delà de la marge de 1 logement (rythme régulier)",
          terme: 'RYTHME',
          valeur: 3,
          unite: 'logement',
        },
        {
          sens: 'contre',
          texte: 'Gestion directe (Département de Paris) : attente des candidats (≈ 15 jours)',
          terme: 'VACANCE',
          valeur: 15,
          unite: 'jour',
        },
      ]),
    );
    // The sentences are the same, in the same order.
    for (const o of rec.options) expect(o.motifs!.map((m) => m.texte)).toEqual(o.raisons);
  });

  it('la deuxième option dit en une ligne pourquoi elle vient en second, en nommant les deux', () => {
    expect(rec.options[1].libelle).toBe('Part non réservée du bailleur');
    expect(rec.second).toBe(
      "Part non réservée du bailleur vient en second : part non réservée en avance de 29,2 logements à date (50 sur 42 logements prévus pour l'année), quand Action Logement — convention CONV-ALS-2026 a « retard de 4,2 logements sur l'objectif à date »",
    );
    // Two conventions behind: the runner-up's figure on the deciding term, against the winner's.
    const deux = recommande(
      etat(
        { conventions, reservataires },
        { x: { propositions: 10 }, y: { propositions: 13 } },
        { bailleurPropositions: 60 },
      ),
    );
    expect(deux.second).toBe(
      "Département de Paris — convention CONV-DEP-2026 vient en second : retard de 2 logements sur l'objectif à date, contre « retard de 4,2 logements sur l'objectif à date » pour Action Logement — convention CONV-ALS-2026",
    );
  });

  it('aucun score brut dans ce qu’une personne lit', () => {
    const lu = [
      rec.second!,
      ...rec.options.flatMap((o) => [
        o.libelle!,
        ...o.raisons,
        ...o.violates.map((v) => v.libelle),
        ...o.satisfies.map((v) => v.libelle),
      ]),
    ].join('\n');
    for (const o of rec.options) expect(lu).not.toContain(String(o.score));
    expect(lu).not.toMatch(/score/i);
  });

  it('un motif de profil chiffré en part (0–1) : la demande faible parle contre', () => {
    const profils = [profil('als', { demandes: demandes({ T5: 50 }) })];
    const r = recommande(
      etat({ conventions, reservataires, profils }, { x: { propositions: 10 }, y: { propositions: 18 } }),
    );
    expect(option(r, 'CONVENTION:x').motifs).toContainEqual({
      sens: 'contre',
      texte: 'Aucune demande T3 chez Action Logement : risque de refus et de vacance',
      terme: 'ADEQUATION',
      valeur: 0,
      unite: 'pourcent',
    });
  });
});
