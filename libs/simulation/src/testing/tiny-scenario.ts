/**
 * Small hand-made scenarios for the simulator's tests: one bailleur, two communes of one EPCI,
 * the préfet (DELEGUEE), Action Logement (DIRECTE) and commune A (DIRECTE, its own territory).
 */
import type { Convention, Liberation, Logement, ProfilDemande, Reservataire, Typologie } from '@aiguillage/engine';
import type { Scenario } from '../scenario';
import { conventionAuTaux } from '@aiguillage/engine/testing/convention';
import { logementDeTest } from '@aiguillage/engine/testing/logement';
import { exerciceDeTest } from '@aiguillage/engine/testing/exercice';

const DEP = '38';
export const COMMUNE_A = '38001';
export const COMMUNE_C = '38002';

export function convention(
  id: string,
  reservataireId: string,
  taux: number,
  over: Partial<Convention> = {},
): Convention {
  return conventionAuTaux(id, reservataireId, taux, {
    bailleurId: 'B1',
    departement: DEP,
    delegation: { mode: 'DIRECTE', delaiJours: 30, candidatsMax: 3, retourCompte: true },
    dateDebut: '2020-01-01',
    ...over,
  });
}

export function logement(
  id: string,
  commune: string,
  qpv: boolean,
  typologie: Typologie,
  over: Partial<Logement> = {},
): Logement {
  return logementDeTest(id, commune, { bailleurId: 'B1', departement: DEP, qpv, typologie, ...over });
}

function profil(reservataireId: string, wanted: Typologie[], over: Partial<ProfilDemande> = {}): ProfilDemande {
  return {
    reservataireId,
    annee: 2026,
    demandes: wanted.map((t, i) => ({ commune: null, typologie: t, demandeurs: 100 - 30 * i })),
    quartiles: [0.4, 0.3, 0.2, 0.1],
    prioritaires: 0.5,
    delaiMoyenJours: 12,
    tauxRefus: 0.2,
    ...over,
  };
}

const TYPOLOGIES_CYCLE: Typologie[] = ['T2', 'T3', 'T4', 'T1', 'T3', 'T5'];

/** `n` flats freed evenly through 2026, alternating communes and QPV. */
export function tinyScenario(n = 20, over: Partial<Scenario> = {}): Scenario {
  const logements: Logement[] = [];
  const liberations: Liberation[] = [];
  for (let i = 0; i < n; i++) {
    const id = `L${String(i + 1).padStart(3, '0')}`;
    logements.push(
      logement(id, i % 2 === 0 ? COMMUNE_A : COMMUNE_C, i % 3 === 0, TYPOLOGIES_CYCLE[i % TYPOLOGIES_CYCLE.length]),
    );
    const day = Math.floor((i * 360) / n);
    const date = new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);
    liberations.push({ id: `LIB${i + 1}`, logementId: id, date, motif: 'CONGE', kind: 'ROTATION' });
  }
  const reservataires: Reservataire[] = [
    { id: 'ETAT', code: 'ETAT-38', nom: 'Préfet', kind: 'ETAT', territoire: { departement: DEP } },
    { id: 'ALS', code: 'ALS', nom: 'Action Logement', kind: 'ALS', territoire: { departement: DEP } },
    {
      id: 'COMA',
      code: 'COM-A',
      nom: 'Commune A',
      kind: 'COMMUNE',
      territoire: { departement: DEP, communes: [COMMUNE_A] },
    },
  ];
  return {
    version: 1,
    nom: 'mini',
    seed: 7,
    bailleurs: [{ id: 'B1', nom: 'Bailleur Un', siren: '000000001' }],
    communes: [
      { insee: COMMUNE_A, nom: 'A', epci: 'E1', departement: DEP },
      { insee: COMMUNE_C, nom: 'C', epci: 'E1', departement: DEP },
    ],
    epcis: [{ siren: 'E1', nom: 'Agglo', departement: DEP }],
    logements,
    reservataires,
    conventions: [
      convention('C-ETAT', 'ETAT', 0.3, {
        delegation: { mode: 'DELEGUEE', delaiJours: 30, candidatsMax: 3, retourCompte: true },
        engagements: { tauxUniformeParCommune: false },
      }),
      convention('C-ALS', 'ALS', 0.2),
      convention('C-COMA', 'COMA', 0.1),
    ],
    profils: [
      profil('ETAT', ['T3', 'T2', 'T4']),
      profil('ALS', ['T2', 'T1', 'T3']),
      profil('COMA', ['T3', 'T4', 'T2']),
    ],
    exercices: [
      exerciceDeTest({
        id: 'EX2026',
        bailleurId: 'B1',
        departement: DEP,
        assiette: { logements: n * 10 },
        fluxARepartir: n,
      }),
    ],
    liberations,
    ...over,
  };
}
