import {
  ActualisationEntity,
  BailEntity,
  BilanGenerationEntity,
  BilanSnapshotEntity,
  CalDecisionEntity,
  CandidatEntity,
  EventLogEntity,
  ExclusionUseEntity,
  LiberationEntity,
  OrientationDecisionEntity,
  OutboxEntity,
  OverrideRequestEntity,
  OverrideStepEntity,
  PolitiqueDerogationEntity,
  PropositionEntity,
  RecommendationEntity,
  SeuilQuartileEntity,
  SlackCanalEntity,
  SlackCurseurEntity,
  SlackLivraisonEntity,
  SlackMessageEntity,
  SlackOrigineEntity,
} from '@aiguillage/persistence';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { openIsolatedDatabase, type IsolatedDatabase } from '../helpers/db';
import { at, id, ids, REFERENTIEL_FIXTURES } from './entity-fixtures-referentiel';

export { ids };

/** One row per entity, in foreign key order; every column is given a value (checked by entities.spec.ts). */
export const FIXTURES: Array<[EntityTarget<ObjectLiteral>, ObjectLiteral]> = [
  ...REFERENTIEL_FIXTURES,
  // The live flow: libérations to leases, overrides, events, Slack, bilans.
  [
    LiberationEntity,
    {
      id: ids.liberation,
      logementId: ids.logement,
      bailleurId: ids.bailleur,
      date: '2026-03-14',
      motif: 'CONGE',
      kind: 'ROTATION',
      idempotencyKey: 'erp-4711',
    },
  ],
  [
    RecommendationEntity,
    {
      id: ids.recommendation,
      liberationId: ids.liberation,
      bailleurId: ids.bailleur,
      inputsVersion: 'v42',
      options: [
        {
          destination: { kind: 'CONVENTION', conventionId: ids.convention },
          score: 1.75,
          eligible: true,
          satisfies: [{ code: 'RETARD', hard: false, libelle: 'En retard' }],
          violates: [],
          raisons: ['Retard de 4,2 logements sur l’objectif à date'],
        },
      ],
    },
  ],
  [
    OverrideRequestEntity,
    {
      id: ids.override,
      liberationId: ids.liberation,
      bailleurId: ids.bailleur,
      recommendationId: ids.recommendation,
      destinationKind: 'EXCLU',
      conventionId: null,
      sousQuota: null,
      usage: 'NPNRU',
      reason: 'RELOGEMENT',
      comment: 'Relogement ANRU prioritaire',
      requestedBy: ids.user,
    },
  ],
  [
    PolitiqueDerogationEntity,
    { bailleurId: ids.bailleur, toujours: true, ecartCible: false, regleSouple: true, updatedBy: ids.user },
  ],
  [
    OverrideStepEntity,
    { id: ids.step, overrideRequestId: ids.override, status: 'PENDING', actorId: ids.user, comment: null },
  ],
  [
    OrientationDecisionEntity,
    {
      id: ids.decision,
      liberationId: ids.liberation,
      bailleurId: ids.bailleur,
      destinationKind: 'CONVENTION',
      conventionId: ids.convention,
      sousQuota: 'FONCTIONNAIRES',
      usage: null,
      recommendationId: ids.recommendation,
      isOverride: true,
      overrideRequestId: ids.override,
      decidedBy: ids.user,
      decidedAt: at('2026-03-14T09:30:00.123Z'),
    },
  ],
  [
    ExclusionUseEntity,
    {
      id: ids.exclusion,
      bailleurId: ids.bailleur,
      logementId: ids.logement,
      orientationDecisionId: null,
      usage: 'MUTATION',
      date: '2026-03-15',
    },
  ],
  [
    PropositionEntity,
    {
      id: ids.proposition,
      decisionId: ids.decision,
      bailleurId: ids.bailleur,
      conventionId: ids.convention,
      sentAt: at('2026-03-14T10:00:00Z'),
      delaiExpireAt: at('2026-04-13T10:00:00Z'),
      status: 'CANDIDATS_RECUS',
      declinAt: null,
      declinMotif: null,
    },
  ],
  [
    CandidatEntity,
    {
      id: ids.candidat,
      propositionId: ids.proposition,
      numeroSne: '0960326000123456X',
      rang: 1,
      tailleMenage: 3,
      quartile: 1,
      prioritaire: true,
      typologieSouhaitee: 'T3',
      refusAt: at('2026-04-01T10:00:00Z'),
      purgeAt: null,
    },
  ],
  [
    CalDecisionEntity,
    {
      id: ids.cal,
      candidatId: ids.candidat,
      decision: 'ATTRIBUTION',
      rang: 1,
      dateCal: '2026-04-02',
      reponseCandidat: 'ACCEPTE',
      reponseAt: at('2026-04-05T08:00:00Z'),
    },
  ],
  [
    BailEntity,
    {
      id: ids.bail,
      propositionId: ids.proposition,
      candidatId: ids.candidat,
      logementId: ids.logement,
      bailleurId: ids.bailleur,
      signedAt: '2026-04-20',
    },
  ],
  [
    OutboxEntity,
    {
      topic: 'orientation.decided',
      payload: { decisionId: ids.decision, n: [1, 2.5] },
      jobId: `decision-${ids.decision}`,
      relayedAt: at('2026-03-14T09:30:01Z'),
    },
  ],
  [
    EventLogEntity,
    {
      type: 'orientation.decided',
      bailleurId: ids.bailleur,
      reservataireIds: [ids.reservataire],
      payload: { decisionId: ids.decision },
    },
  ],
  [
    BilanSnapshotEntity,
    {
      id: ids.snapshot,
      bailleurId: ids.bailleur,
      departement: '69',
      annee: 2026,
      versionEvenements: '42',
      hash: 'a'.repeat(64),
      contenu: { bilan: { annee: 2026 }, lignes: [1, 2.5] },
      lignes: 2,
      createdBy: ids.user,
    },
  ],
  [
    BilanGenerationEntity,
    {
      id: ids.generation,
      bailleurId: ids.bailleur,
      departement: '69',
      annee: 2026,
      statut: 'TERMINEE',
      progression: 100,
      etape: 'Bilan prêt',
      erreur: null,
      snapshotId: ids.snapshot,
      demandePar: ids.user,
    },
  ],
  [
    ActualisationEntity,
    {
      id: ids.actualisation,
      bailleurId: ids.bailleur,
      departement: '69',
      annee: 2027,
      snapshotId: ids.snapshot,
      statut: 'BROUILLON',
      proposition: { tauxRotation: 0.085 },
      exerciceId: ids.exercice,
      valideePar: ids.user,
    },
  ],
  [
    SlackCanalEntity,
    { id: id(), bailleurId: ids.bailleur, territoire: '96001', canal: 'C0123ABCD', updatedBy: ids.user },
  ],
  [
    SlackMessageEntity,
    {
      cle: `suggestion-${ids.liberation}`,
      canal: 'C0123ABCD',
      kind: 'SUGGESTION',
      bailleurId: ids.bailleur,
      liberationId: ids.liberation,
      ref: { recommendationId: ids.recommendation },
      ts: '1790000000.000001',
      sentAt: at('2026-03-14T09:30:02Z'),
      attempts: 2,
      lastError: 'ratelimited',
    },
  ],
  [
    SlackLivraisonEntity,
    {
      canal: 'C0123ABCD',
      leaseUntil: at('2026-03-14T09:31:00Z'),
      leaseOwner: 'hote-42-abc123',
      nextAt: at('2026-03-14T09:30:03Z'),
    },
  ],
  [SlackCurseurEntity, { nom: 'slack', lastEventId: '42' }],
  [SlackOrigineEntity, { liberationId: ids.liberation, userId: ids.user }],
  [
    SeuilQuartileEntity,
    {
      id: id(),
      territoire: '200048171',
      annee: 2026,
      seuilQ1Centimes: 1044000,
      seuilQ2Centimes: 1600000,
      seuilQ3Centimes: 2350000,
      arrete: 'Arrêté préfectoral du 12 février 2026',
    },
  ],
];

/**
 * An isolated database holding one row of every entity (FIXTURES). Registers its beforeAll/afterAll;
 * the fields are set once beforeAll has run.
 */
export function databaseWithEveryEntity() {
  const suite = {} as { db: IsolatedDatabase; dataSource: DataSource };
  beforeAll(async () => {
    suite.db = await openIsolatedDatabase();
    suite.dataSource = suite.db.dataSource;
    for (const [target, values] of FIXTURES) await suite.dataSource.manager.insert(target, values);
  });
  afterAll(() => suite.db?.drop());
  return suite;
}
