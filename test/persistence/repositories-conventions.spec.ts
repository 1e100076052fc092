import {
  ConventionRepository,
  ExerciceRepository,
  LiberationRepository,
  LogementRepository,
  ProfilDemandeRepository,
  UserRepository,
  ConflictError,
} from '@aiguillage/persistence';
import { randomUUID } from 'crypto';
import { aConvention, aLogement, anExercice, aProfil, aReservataire, databaseWithTwoBailleurs } from './fixtures';

jest.setTimeout(30_000);

describe('repositories map entities to domain types: conventions, exercices, profils, libérations, users', () => {
  const suite = databaseWithTwoBailleurs();
  const { bailleurId, autreBailleurId } = suite;

  describe('Convention', () => {
    it('round-trips both kinds of target, MIXTE weights, partial delegation, territory, jsonb commitments', async () => {
      const repo = new ConventionRepository(suite.ds);
      const reservataire = await aReservataire(suite.ds, { kind: 'ETAT' });
      const taux = aConvention(bailleurId, reservataire.id, {
        territoire: { departement: '96', epcis: ['200048171'] },
        decompte: { mode: 'MIXTE', poids: { proposition: 0.5, attribution: 0.3, bail: 0.2 } },
        delegation: { mode: 'PARTIELLE', delaiJours: 15, candidatsMax: 2, partDeleguee: 0.4, retourCompte: false },
        engagements: {
          horsQpv: { min: 0.3 },
          typologies: { T1: { max: 0.15 }, T5: { min: 0.05 } },
          financements: { PLAI: { min: 0.2 } },
          tauxUniformeParCommune: true,
        },
        sousQuotas: [{ code: 'FONCTIONNAIRES', libelle: 'Agents publics', taux: 0.05 }],
        actionCorrective: 'ETALEMENT',
        etalementAnnees: 3,
        deficitReporte: -4,
        compteMutations: true,
        dateFin: '2027-12-31',
      });
      const droits = aConvention(bailleurId, reservataire.id, {
        cible: { type: 'DROITS_UNIQUES', nombre: 600, annees: 20 },
        contrepartie: 'GARANTIE_EMPRUNT',
      });
      const zero = aConvention(bailleurId, reservataire.id, { cible: { type: 'TAUX', taux: 0 } });
      expect(await repo.saveConventions([taux, droits, zero])).toEqual([taux, droits, zero]);
      expect(await repo.findConventionById([bailleurId], taux.id)).toEqual(taux);
      expect(await repo.findConventionById([bailleurId], droits.id)).toEqual(droits);
      expect(await repo.findConventionById([autreBailleurId], taux.id)).toBeNull();
      const list = await repo.findConventions({ bailleurIds: [bailleurId], reservataireId: reservataire.id });
      expect(list.map((c) => c.id).sort()).toEqual([taux.id, droits.id, zero.id].sort());
      expect(
        (
          await repo.findConventions({
            bailleurIds: [bailleurId],
            valideLe: '2028-01-01',
            reservataireId: reservataire.id,
          })
        )
          .map((c) => c.id)
          .sort(),
      ).toEqual([droits.id, zero.id].sort());
      expect(await repo.saveConventions([{ ...taux, deficitReporte: 0 }])).toEqual([{ ...taux, deficitReporte: 0 }]);
      expect((await repo.findConventionById([bailleurId], taux.id))!.deficitReporte).toBe(0);
    });

    it('rejects inconsistent conventions in French, naming the field', async () => {
      const repo = new ConventionRepository(suite.ds);
      const r = await aReservataire(suite.ds);
      const base = aConvention(bailleurId, r.id);
      await expect(repo.saveConventions([{ ...base, decompte: { mode: 'MIXTE' } }])).rejects.toThrow(
        'conventions[0].decompte.poids : poids obligatoires en décompte MIXTE',
      );
      await expect(
        repo.saveConventions([
          { ...base, decompte: { mode: 'MIXTE', poids: { proposition: 0.5, attribution: 0.5, bail: 0.5 } } },
        ]),
      ).rejects.toThrow('conventions[0].decompte.poids : la somme des poids doit valoir 1');
      await expect(repo.saveConventions([{ ...base, cible: { type: 'TAUX', taux: 1.5 } }])).rejects.toThrow(
        'conventions[0].cible.taux',
      );
      await expect(repo.saveConventions([{ ...base, dateFin: '2023-01-01' }])).rejects.toThrow(
        'conventions[0].dateFin : doit être postérieure à dateDebut',
      );
    });
  });

  describe('Exercice', () => {
    it('round-trips the assiette, the seasonality and the objectifs; saving again replaces the objectifs', async () => {
      const r = await aReservataire(suite.ds);
      const [c1, c2] = await new ConventionRepository(suite.ds).saveConventions([
        aConvention(bailleurId, r.id),
        aConvention(bailleurId, r.id),
      ]);
      const repo = new ExerciceRepository(suite.ds);
      const exercice = anExercice(
        bailleurId,
        [
          { conventionId: c1.id, objectif: 161 },
          { conventionId: c2.id, objectif: 40 },
        ].sort((a, b) => a.conventionId.localeCompare(b.conventionId)),
      );
      expect(await repo.saveExercices([exercice])).toEqual([exercice]);
      expect(
        await repo.findExercice({ bailleurIds: [bailleurId], bailleurId, departement: '96', annee: 2026 }),
      ).toEqual(exercice);
      expect(
        await repo.findExercice({ bailleurIds: [autreBailleurId], bailleurId, departement: '96', annee: 2026 }),
      ).toBeNull();

      const { id: _ignored, ...sansId } = exercice;
      const revised = { ...sansId, fluxARepartir: 650, objectifs: [{ conventionId: c1.id, objectif: 150 }] };
      await repo.saveExercices([revised]);
      expect(await repo.findExercices({ bailleurIds: [bailleurId], annee: 2026 })).toEqual([
        { ...revised, id: exercice.id },
      ]);
    });

    it('rejects a seasonality without 12 months', async () => {
      await expect(
        new ExerciceRepository(suite.ds).saveExercices([anExercice(bailleurId, [], { saisonnalite: [1] })]),
      ).rejects.toThrow('exercices[0].saisonnalite : 12 parts mensuelles attendues');
    });
  });

  describe('ProfilDemande', () => {
    it('round-trips with its lines in order; saving again replaces it', async () => {
      const r = await aReservataire(suite.ds);
      await new ConventionRepository(suite.ds).saveConventions([aConvention(bailleurId, r.id)]);
      const repo = new ProfilDemandeRepository(suite.ds);
      const profil = aProfil(r.id);
      await repo.saveProfils([profil]);
      expect(await repo.findProfils({ reservataireIds: [r.id], annee: 2026 })).toEqual([profil]);
      const revised = { ...profil, demandes: [profil.demandes[2]], tauxRefus: 0.2 };
      await repo.saveProfils([revised]);
      expect(await repo.findProfils({ reservataireIds: [r.id], annee: 2026 })).toEqual([revised]);
      expect(await repo.findProfilsForBailleurs({ bailleurIds: [bailleurId], annee: 2026 })).toContainEqual(revised);
      expect(await repo.findProfilsForBailleurs({ bailleurIds: [autreBailleurId], annee: 2026 })).not.toContainEqual(
        revised,
      );
    });
  });

  describe('Liberation', () => {
    it('round-trips, takes the bailleur from the flat, and is idempotent on its key', async () => {
      const logement = aLogement(bailleurId);
      await new LogementRepository(suite.ds).upsertLogements([logement]);
      const repo = new LiberationRepository(suite.ds);
      const liberation = {
        id: randomUUID(),
        logementId: logement.id,
        date: '2026-05-02',
        motif: 'DECES' as const,
        kind: 'ROTATION' as const,
      };
      const first = await repo.declareLiberation(liberation, { bailleurIds: [bailleurId], idempotencyKey: 'k-1' });
      expect(first).toEqual({ liberation: { ...liberation, bailleurId }, created: true });
      const again = await repo.declareLiberation(
        { ...liberation, id: undefined },
        { bailleurIds: [bailleurId], idempotencyKey: 'k-1' },
      );
      expect(again).toEqual({ liberation: { ...liberation, bailleurId }, created: false });
      await expect(
        repo.declareLiberation({ ...liberation, id: undefined }, { bailleurIds: [bailleurId] }),
      ).rejects.toThrow(new ConflictError('une libération est déjà déclarée pour ce logement le 02/05/2026'));
      await expect(
        repo.declareLiberation(
          { ...liberation, id: undefined, date: '2026-06-01' },
          { bailleurIds: [autreBailleurId] },
        ),
      ).rejects.toThrow(`logement ${logement.id} introuvable`);
      expect(await repo.findLiberationById([bailleurId], liberation.id)).toEqual({ ...liberation, bailleurId });
      expect(await repo.findLiberations({ bailleurIds: [bailleurId], from: '2026-05-01', to: '2026-05-31' })).toEqual({
        items: [{ ...liberation, bailleurId }],
        total: 1,
      });
      expect((await repo.findLiberations({ bailleurIds: [bailleurId], from: '2026-05-03' })).total).toBe(0);
    });
  });

  describe('User', () => {
    it('creates users with their bailleurs, finds them by e-mail whatever the case', async () => {
      const repo = new UserRepository(suite.ds);
      const user = await repo.createUser({
        email: 'Manager@Bailleur.FR',
        nom: 'Manon',
        passwordHash: 'hash',
        role: 'MANAGER',
        bailleurIds: [bailleurId, autreBailleurId],
      });
      expect(user).toEqual({
        id: expect.any(String),
        email: 'manager@bailleur.fr',
        nom: 'Manon',
        passwordHash: 'hash',
        role: 'MANAGER',
        reservataireId: null,
        slackUserId: null,
        active: true,
        bailleurIds: [bailleurId, autreBailleurId].sort(),
      });
      expect(await repo.findUserByEmail(' MANAGER@bailleur.fr ')).toEqual(user);
      expect(await repo.findUserById(user.id)).toEqual(user);
      await expect(
        repo.createUser({
          email: 'manager@bailleur.fr',
          nom: 'Bis',
          passwordHash: 'h',
          role: 'CHARGE',
          bailleurIds: [],
        }),
      ).rejects.toThrow(new ConflictError("l'adresse manager@bailleur.fr est déjà utilisée"));
      await repo.setUserBailleurs(user.id, [bailleurId]);
      await repo.setUserActive(user.id, false);
      expect(await repo.findUserById(user.id)).toEqual({ ...user, bailleurIds: [bailleurId], active: false });
      expect((await repo.findUsers({ bailleurIds: [autreBailleurId] })).map((u) => u.id)).not.toContain(user.id);
    });

    it('requires a réservataire for RESERVATAIRE users only', async () => {
      const repo = new UserRepository(suite.ds);
      const r = await aReservataire(suite.ds);
      await expect(
        repo.createUser({ email: 'r@x.fr', nom: 'R', passwordHash: 'h', role: 'RESERVATAIRE', bailleurIds: [] }),
      ).rejects.toThrow('user.reservataireId');
      const u = await repo.createUser({
        email: 'r@x.fr',
        nom: 'R',
        passwordHash: 'h',
        role: 'RESERVATAIRE',
        reservataireId: r.id,
        slackUserId: 'U1',
        bailleurIds: [],
      });
      expect(await repo.findUserBySlackId('U1')).toEqual(u);
      await expect(
        repo.createUser({
          email: 'c@x.fr',
          nom: 'C',
          passwordHash: 'h',
          role: 'CHARGE',
          reservataireId: r.id,
          bailleurIds: [],
        }),
      ).rejects.toThrow('user.reservataireId : obligatoire pour le rôle RESERVATAIRE, interdit pour les autres rôles');
    });
  });
});
