import {
  ActualisationEntity,
  AppUserEntity,
  BailEntity,
  BailleurEntity,
  BilanGenerationEntity,
  BilanSnapshotEntity,
  CalDecisionEntity,
  CandidatEntity,
  CommuneEntity,
  ConventionEntity,
  ConventionVersionEntity,
  ENTITIES,
  EpciEntity,
  EventLogEntity,
  ExclusionUseEntity,
  ExerciceEntity,
  ExerciceObjectifEntity,
  LiberationEntity,
  LogementEntity,
  OrientationDecisionEntity,
  OutboxEntity,
  OverrideRequestEntity,
  OverrideStepEntity,
  PolitiqueDerogationEntity,
  ProfilDemandeEntity,
  ProfilDemandeLigneEntity,
  ProgrammeEntity,
  PropositionEntity,
  QpvEntity,
  RecommendationEntity,
  ReservataireEntity,
  SeuilQuartileEntity,
  SlackCanalEntity,
  SlackCurseurEntity,
  SlackLivraisonEntity,
  SlackMessageEntity,
  SlackOrigineEntity,
  UserBailleurEntity,
} from '@aiguillage/persistence';
import { randomUUID } from 'crypto';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { openIsolatedDatabase, type IsolatedDatabase } from '../helpers/db';

jest.setTimeout(30_000);

const id = () => randomUUID();
const ids = {
  snapshot: id(), generation: id(), actualisation: id(),
  bailleur: id(), reservataire: id(), user: id(), programme: id(), logement: id(), convention: id(), exercice: id(),
  profil: id(), liberation: id(), recommendation: id(), override: id(), step: id(), decision: id(), exclusion: id(),
  proposition: id(), candidat: id(), cal: id(), bail: id(),
};
const at = (iso: string) => new Date(iso);

/** One row per entity, in foreign key order; every column is given a value (checked below). */
const FIXTURES: Array<[EntityTarget<ObjectLiteral>, ObjectLiteral]> = [
  [BailleurEntity, { id: ids.bailleur, nom: 'Habitat Loirette', siren: '123456789' }],
  [ReservataireEntity, {
    id: ids.reservataire, code: 'ETAT-96', nom: 'Préfecture', kind: 'ETAT',
    territoire: { departement: '96', communes: ['96001', '96002'], epcis: [] },
  }],
  [AppUserEntity, {
    id: ids.user, email: 'chargee@bailleur.fr', nom: 'Chargée', passwordHash: '$argon2id$v=19$abc', role: 'CHARGE',
    reservataireId: null, slackUserId: 'U012345', slackUnlinkedAt: at('2026-03-02T10:00:00Z'), active: true,
  }],
  [UserBailleurEntity, { userId: ids.user, bailleurId: ids.bailleur }],
  [EpciEntity, { siren: '200048171', nom: 'CA Chantevière', departement: '96' }],
  [CommuneEntity, { insee: '96001', nom: 'Chantevière', epci: '200048171', departement: '96', tension: 0.723456 }],
  [QpvEntity, { code: 'QN096001', nom: 'Les Tilleuls', departement: '96', communes: ['96001', '96002'] }],
  [ProgrammeEntity, { id: ids.programme, bailleurId: ids.bailleur, code: 'PRG-1', nom: 'Résidence des Tilleuls', commune: '96001', anneeLivraison: 1972 }],
  [LogementEntity, {
    id: ids.logement, rplsId: '96-000001', bailleurId: ids.bailleur, programmeId: ids.programme, commune: '96001', epci: '200048171',
    departement: '96', qpv: true, qpvCode: 'QN096001', typologie: 'T3', financement: 'PLAI', financementCode: '17', anneeConstruction: 1972,
    etage: 4, ascenseur: true, pmr: false, surfaceM2: 63.45, loyerCentimes: 41234, stockDefense: false, horsAssiette: 'VENTE',
    ancienReservataireId: ids.reservataire,
  }],
  [ConventionEntity, {
    id: ids.convention, bailleurId: ids.bailleur, reservataireId: ids.reservataire, departement: '96',
    territoire: { departement: '96', communes: ['96001'] }, reference: 'CONV-96-ETAT', cibleType: 'TAUX', cibleTaux: 0.3, cibleNombre: null,
    cibleAnnees: null, decompteMode: 'MIXTE', poidsProposition: 0.333333, poidsAttribution: 0.333333, poidsBail: 0.333334,
    delegationMode: 'PARTIELLE', delaiJours: 30, candidatsMax: 3, partDeleguee: 0.125, retourCompte: true,
    engagements: { horsQpv: { min: 0.3 }, typologies: { T1: { max: 0.2 } }, q1HorsQpvMin: 0.25, tauxUniformeParCommune: true },
    sousQuotas: [{ code: 'FONCTIONNAIRES', libelle: 'Agents de l’État', taux: 0.05 }], contrepartie: 'AUTRE', actionCorrective: 'ETALEMENT',
    etalementAnnees: 3, deficitReporte: -2, deficitAnnee: 2025, compteMutations: true, comptePremieresLocations: true,
    motifTerritoire: 'territorialisation infra-départementale documentée', dateDebut: '2024-01-01', dateFin: '2026-12-31',
  }],
  [ConventionVersionEntity, {
    conventionId: ids.convention, dateEffet: '2025-06-01',
    termes: { id: ids.convention, reference: 'CONV-96-ETAT', cible: { type: 'TAUX', taux: 0.25 }, decompte: { mode: 'PROPOSITION' }, dateDebut: '2024-01-01' },
  }],
  [ExerciceEntity, {
    id: ids.exercice, bailleurId: ids.bailleur, departement: '96', annee: 2026, logements: 10000, stockDefense: 12, plansVente: 40,
    demolitions: 8, tauxRotation: 0.087, mutations: 120, relogementsNpnru: 30, relogementsOrcod: 2, relogementsLhi: 1, fluxARepartir: 700,
    saisonnalite: [0.075, 0.068, 0.076, 0.077, 0.079, 0.091, 0.1, 0.097, 0.094, 0.084, 0.08, 0.079],
    fluxARepartirMotif: 'Livraison anticipée de deux résidences', clotureAt: at('2027-01-15T09:00:00Z'),
    cloture: { exerciceId: ids.exercice, annee: 2026, clotureLe: '2027-01-15T09:00:00.000Z', conventions: [] },
  }],
  [ExerciceObjectifEntity, { exerciceId: ids.exercice, conventionId: ids.convention, objectif: 210, motif: 'Rattrapage demandé par la préfecture' }],
  [ProfilDemandeEntity, {
    id: ids.profil, reservataireId: ids.reservataire, annee: 2026, quartile1: 0.41, quartile2: 0.29, quartile3: 0.18, quartile4: 0.12,
    prioritaires: 0.62, delaiMoyenJours: 21, tauxRefus: 0.155,
  }],
  [ProfilDemandeLigneEntity, { profilDemandeId: ids.profil, rang: 1, commune: null, typologie: 'T2', demandeurs: 812 }],
  [LiberationEntity, {
    id: ids.liberation, logementId: ids.logement, bailleurId: ids.bailleur, date: '2026-03-14', motif: 'CONGE', kind: 'ROTATION',
    idempotencyKey: 'erp-4711',
  }],
  [RecommendationEntity, {
    id: ids.recommendation, liberationId: ids.liberation, bailleurId: ids.bailleur, inputsVersion: 'v42',
    options: [{
      destination: { kind: 'CONVENTION', conventionId: ids.convention }, score: 1.75, eligible: true,
      satisfies: [{ code: 'RETARD', hard: false, libelle: 'En retard' }], violates: [], raisons: ['Retard de 4,2 logements sur l’objectif à date'],
    }],
  }],
  [OverrideRequestEntity, {
    id: ids.override, liberationId: ids.liberation, bailleurId: ids.bailleur, recommendationId: ids.recommendation, destinationKind: 'EXCLU',
    conventionId: null, sousQuota: null, usage: 'NPNRU', reason: 'RELOGEMENT', comment: 'Relogement ANRU prioritaire', requestedBy: ids.user,
  }],
  [PolitiqueDerogationEntity, { bailleurId: ids.bailleur, toujours: true, ecartCible: false, regleSouple: true, updatedBy: ids.user }],
  [OverrideStepEntity, { id: ids.step, overrideRequestId: ids.override, status: 'PENDING', actorId: ids.user, comment: null }],
  [OrientationDecisionEntity, {
    id: ids.decision, liberationId: ids.liberation, bailleurId: ids.bailleur, destinationKind: 'CONVENTION', conventionId: ids.convention,
    sousQuota: 'FONCTIONNAIRES', usage: null, recommendationId: ids.recommendation, isOverride: true, overrideRequestId: ids.override,
    decidedBy: ids.user, decidedAt: at('2026-03-14T09:30:00.123Z'),
  }],
  [ExclusionUseEntity, {
    id: ids.exclusion, bailleurId: ids.bailleur, logementId: ids.logement, orientationDecisionId: null, usage: 'MUTATION', date: '2026-03-15',
  }],
  [PropositionEntity, {
    id: ids.proposition, decisionId: ids.decision, bailleurId: ids.bailleur, conventionId: ids.convention, sentAt: at('2026-03-14T10:00:00Z'),
    delaiExpireAt: at('2026-04-13T10:00:00Z'), status: 'CANDIDATS_RECUS', declinAt: null, declinMotif: null,
  }],
  [CandidatEntity, {
    id: ids.candidat, propositionId: ids.proposition, numeroSne: '0960326000123456X', rang: 1, tailleMenage: 3, quartile: 1, prioritaire: true,
    typologieSouhaitee: 'T3', refusAt: at('2026-04-01T10:00:00Z'), purgeAt: null,
  }],
  [CalDecisionEntity, {
    id: ids.cal, candidatId: ids.candidat, decision: 'ATTRIBUTION', rang: 1, dateCal: '2026-04-02', reponseCandidat: 'ACCEPTE',
    reponseAt: at('2026-04-05T08:00:00Z'),
  }],
  [BailEntity, { id: ids.bail, propositionId: ids.proposition, candidatId: ids.candidat, logementId: ids.logement, bailleurId: ids.bailleur, signedAt: '2026-04-20' }],
  [OutboxEntity, { topic: 'orientation.decided', payload: { decisionId: ids.decision, n: [1, 2.5] }, jobId: `decision-${ids.decision}`, relayedAt: at('2026-03-14T09:30:01Z') }],
  [EventLogEntity, { type: 'orientation.decided', bailleurId: ids.bailleur, reservataireIds: [ids.reservataire], payload: { decisionId: ids.decision } }],
  [BilanSnapshotEntity, {
    id: ids.snapshot, bailleurId: ids.bailleur, departement: '69', annee: 2026, versionEvenements: '42', hash: 'a'.repeat(64),
    contenu: { bilan: { annee: 2026 }, lignes: [1, 2.5] }, lignes: 2, createdBy: ids.user,
  }],
  [BilanGenerationEntity, {
    id: ids.generation, bailleurId: ids.bailleur, departement: '69', annee: 2026, statut: 'TERMINEE', progression: 100, etape: 'Bilan prêt',
    erreur: null, snapshotId: ids.snapshot, demandePar: ids.user,
  }],
  [ActualisationEntity, {
    id: ids.actualisation, bailleurId: ids.bailleur, departement: '69', annee: 2027, snapshotId: ids.snapshot, statut: 'BROUILLON',
    proposition: { tauxRotation: 0.085 }, exerciceId: ids.exercice, valideePar: ids.user,
  }],
  [SlackCanalEntity, { id: id(), bailleurId: ids.bailleur, territoire: '96001', canal: 'C0123ABCD', updatedBy: ids.user }],
  [SlackMessageEntity, {
    cle: `suggestion-${ids.liberation}`, canal: 'C0123ABCD', kind: 'SUGGESTION', bailleurId: ids.bailleur, liberationId: ids.liberation,
    ref: { recommendationId: ids.recommendation }, ts: '1790000000.000001', sentAt: at('2026-03-14T09:30:02Z'), attempts: 2, lastError: 'ratelimited',
  }],
  [SlackLivraisonEntity, { canal: 'C0123ABCD', leaseUntil: at('2026-03-14T09:31:00Z'), leaseOwner: 'hote-42-abc123', nextAt: at('2026-03-14T09:30:03Z') }],
  [SlackCurseurEntity, { nom: 'slack', lastEventId: '42' }],
  [SlackOrigineEntity, { liberationId: ids.liberation, userId: ids.user }],
  [SeuilQuartileEntity, {
    id: id(), territoire: '200048171', annee: 2026, seuilQ1Centimes: 1044000, seuilQ2Centimes: 1600000, seuilQ3Centimes: 2350000,
    arrete: 'Arrêté préfectoral du 12 février 2026',
  }],
];

describe('entities', () => {
  let db: IsolatedDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await openIsolatedDatabase();
    dataSource = db.dataSource;
    for (const [target, values] of FIXTURES) await dataSource.manager.insert(target, values);
  });

  afterAll(() => db?.drop());

  it('have one fixture each, giving every column a value', () => {
    expect(FIXTURES.map(([target]) => target)).toEqual(expect.arrayContaining(ENTITIES));
    expect(FIXTURES).toHaveLength(ENTITIES.length);
    for (const [target, values] of FIXTURES) {
      const generated = ['createdAt', 'updatedAt'];
      const metadata = dataSource.getMetadata(target);
      const columns = metadata.columns.map((c) => c.propertyName).filter((p) => !generated.includes(p));
      const expected = metadata.columns.some((c) => c.generationStrategy === 'increment') ? columns.filter((c) => c !== 'id') : columns;
      // (insert() writes the generated columns back into the fixture: leave them out)
      const given = Object.keys(values).filter((k) => !generated.includes(k) && !(k === 'id' && expected.length < columns.length));
      expect({ [metadata.tableName]: given.sort() }).toEqual({ [metadata.tableName]: expected.sort() });
    }
  });

  it.each(FIXTURES.map(([target, values]) => [(target as { name: string }).name, target, values] as const))(
    '%s reads back exactly what was written (numerics, dates, jsonb, arrays)',
    async (_name, target, values) => {
      const metadata = dataSource.getMetadata(target);
      const where = Object.fromEntries(
        metadata.primaryColumns.filter((c) => c.propertyName in values).map((c) => [c.propertyName, values[c.propertyName]]),
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

  it('reads rates as numbers and keeps numeric(9,6) exact', async () => {
    const [raw] = await dataSource.query(`SELECT cible_taux::text, poids_bail::text FROM convention WHERE id = $1`, [ids.convention]);
    expect(raw).toEqual({ cible_taux: '0.300000', poids_bail: '0.333334' });
    const sum = await dataSource.query(`SELECT (poids_proposition + poids_attribution + poids_bail)::text AS s FROM convention`);
    expect(sum[0].s).toBe('1.000000');
  });

  it('keeps bigserial ids increasing for the outbox and the event log', async () => {
    await dataSource.manager.insert(EventLogEntity, { type: 'x', bailleurId: null, reservataireIds: [], payload: {} });
    const rows = await dataSource.query(`SELECT id::text FROM event_log ORDER BY created_at, id`);
    expect(rows.map((r: { id: string }) => r.id)).toEqual(['1', '2']);
  });
});
