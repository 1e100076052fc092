import type { Convention, Exercice, Logement, ProfilDemande, Reservataire } from '@aiguillage/engine/domain';
import { BailleurRepository, ReservataireRepository } from '@aiguillage/persistence';
import { randomUUID } from 'crypto';
import type { DataSource } from 'typeorm';
import { openIsolatedDatabase, type IsolatedDatabase } from '../helpers/db';

let serial = 0;
/** A distinct 9-digit SIREN per call (suites share nothing, but stay readable). */
export const nextSiren = () => String(100000000 + ++serial * 7919 + Math.floor(Math.random() * 1000)).slice(0, 9);

export async function aBailleur(ds: DataSource, nom = 'Bailleur', id?: string) {
  return new BailleurRepository(ds).saveBailleur({ id, nom, siren: nextSiren() });
}

export async function aReservataire(ds: DataSource, overrides: Partial<Reservataire> = {}): Promise<Reservataire> {
  const [r] = await new ReservataireRepository(ds).upsertReservataires([
    {
      code: `R-${randomUUID().slice(0, 8)}`,
      nom: 'Action Logement Services',
      kind: 'ALS',
      territoire: { departement: '96' },
      ...overrides,
    },
  ]);
  return r;
}

export function aLogement(bailleurId: string, overrides: Partial<Logement> = {}): Logement {
  return {
    id: randomUUID(),
    rplsId: `96-${randomUUID().slice(0, 12)}`,
    bailleurId,
    programmeId: null,
    commune: '96001',
    epci: '200048171',
    departement: '96',
    qpv: false,
    qpvCode: null,
    typologie: 'T3',
    financement: 'PLUS',
    financementCode: null,
    anneeConstruction: 1985,
    etage: 2,
    ascenseur: false,
    pmr: false,
    surfaceM2: 66.5,
    loyerCentimes: 45210,
    stockDefense: false,
    horsAssiette: null,
    ancienReservataireId: null,
    ...overrides,
  };
}

export function aConvention(
  bailleurId: string,
  reservataireId: string,
  overrides: Partial<Convention> = {},
): Convention {
  return {
    id: randomUUID(),
    bailleurId,
    reservataireId,
    departement: '96',
    territoire: null,
    reference: `CONV-${randomUUID().slice(0, 8)}`,
    cible: { type: 'TAUX', taux: 0.225 },
    decompte: { mode: 'PROPOSITION' },
    delegation: { mode: 'DIRECTE', delaiJours: 30, candidatsMax: 3, retourCompte: true },
    engagements: { qpv: { max: 0.4 }, q1HorsQpvMin: 0.25, prioritairesMin: 0.25 },
    sousQuotas: [],
    contrepartie: 'FINANCEMENT',
    actionCorrective: 'REPORT',
    etalementAnnees: null,
    deficitReporte: 3,
    compteMutations: false,
    dateDebut: '2024-01-01',
    dateFin: null,
    ...overrides,
  };
}

export function anExercice(
  bailleurId: string,
  objectifs: Exercice['objectifs'],
  overrides: Partial<Exercice> = {},
): Exercice {
  return {
    id: randomUUID(),
    bailleurId,
    departement: '96',
    annee: 2026,
    assiette: {
      logements: 10000,
      stockDefense: 20,
      plansVente: 30,
      demolitions: 10,
      tauxRotation: 0.087,
      mutations: 100,
      relogements: { npnru: 20, orcod: 3, lhi: 2 },
    },
    fluxARepartir: 716,
    saisonnalite: [0.075, 0.068, 0.076, 0.077, 0.079, 0.091, 0.1, 0.097, 0.094, 0.084, 0.08, 0.079],
    objectifs,
    ...overrides,
  };
}

export function aProfil(reservataireId: string, overrides: Partial<ProfilDemande> = {}): ProfilDemande {
  return {
    reservataireId,
    annee: 2026,
    demandes: [
      { commune: null, typologie: 'T2', demandeurs: 410 },
      { commune: '96001', typologie: 'T1', demandeurs: 120 },
      { commune: '96001', typologie: 'T4', demandeurs: 35 },
    ],
    quartiles: [0.38, 0.27, 0.2, 0.15],
    prioritaires: 0.31,
    delaiMoyenJours: 24,
    tauxRefus: 0.175,
    ...overrides,
  };
}

/**
 * An isolated database for a suite, with two bailleurs (« Habitat Loirette » and « Autre Habitat »)
 * whose ids are known at once. Registers its beforeAll/afterAll; `ds` is set once beforeAll has run.
 */
export function databaseWithTwoBailleurs() {
  const suite = { bailleurId: randomUUID(), autreBailleurId: randomUUID() } as {
    db: IsolatedDatabase;
    ds: DataSource;
    bailleurId: string;
    autreBailleurId: string;
  };
  beforeAll(async () => {
    suite.db = await openIsolatedDatabase();
    suite.ds = suite.db.dataSource;
    await aBailleur(suite.ds, 'Habitat Loirette', suite.bailleurId);
    await aBailleur(suite.ds, 'Autre Habitat', suite.autreBailleurId);
  });
  afterAll(() => suite.db?.drop());
  return suite;
}
