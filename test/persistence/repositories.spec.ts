import type { Commune, Epci } from '@aiguillage/engine/domain';
import {
  BailleurRepository,
  ConventionRepository,
  GeoRepository,
  InvalidInputError,
  LogementRepository,
  ProgrammeRepository,
  ReservataireRepository,
} from '@aiguillage/persistence';
import { randomUUID } from 'crypto';
import { aConvention, aLogement, aReservataire, nextSiren, databaseWithTwoBailleurs } from './fixtures';

jest.setTimeout(30_000);

describe('repositories map entities to domain types: the referential (bailleurs, territory, flats, réservataires)', () => {
  const suite = databaseWithTwoBailleurs();
  const { bailleurId, autreBailleurId } = suite;

  describe('Bailleur', () => {
    it('round-trips, keeps a given id, and updates by SIREN', async () => {
      const repo = new BailleurRepository(suite.ds);
      const input = { id: randomUUID(), nom: 'Val Habitat', siren: nextSiren() };
      expect(await repo.saveBailleur(input)).toEqual(input);
      expect(await repo.findBailleurs([input.id])).toEqual([input]);
      expect(await repo.saveBailleur({ nom: 'Val Habitat OPH', siren: input.siren })).toEqual({
        ...input,
        nom: 'Val Habitat OPH',
      });
      expect(await repo.findBailleurs([])).toEqual([]);
    });

    it('rejects a malformed SIREN, naming the field', async () => {
      await expect(new BailleurRepository(suite.ds).saveBailleur({ nom: 'X', siren: '12' })).rejects.toThrow(
        'bailleur.siren : SIREN à 9 chiffres attendu',
      );
    });
  });

  describe('Epci, Commune', () => {
    it('round-trip (tension optional)', async () => {
      const geo = new GeoRepository(suite.ds);
      const epcis: Epci[] = [{ siren: '200048171', nom: 'CA Chantevière', departement: '96' }];
      const communes: Commune[] = [
        { insee: '96001', nom: 'Chantevière', epci: '200048171', departement: '96', tension: 0.7 },
        { insee: '96002', nom: 'Montargel', epci: '200048171', departement: '96' },
      ];
      await geo.upsertEpcis(epcis);
      await geo.upsertCommunes(communes);
      await geo.upsertQpvs([{ code: 'QN096001', nom: 'Les Tilleuls', departement: '96', communes: ['96001'] }]);
      expect(await geo.findEpcis('96')).toEqual(epcis);
      expect(await geo.findCommunes('96')).toEqual(communes);
      expect(await geo.findQpvs('96')).toEqual([
        { code: 'QN096001', nom: 'Les Tilleuls', departement: '96', communes: ['96001'] },
      ]);
      expect(await geo.findCommunes('97')).toEqual([]);
    });
  });

  describe('Programme', () => {
    it('round-trips, upserts on (bailleur, code) keeping the id, in input order', async () => {
      const repo = new ProgrammeRepository(suite.ds);
      const a = {
        id: randomUUID(),
        bailleurId,
        nom: 'Les Tilleuls',
        commune: '96001',
        anneeLivraison: 1972,
        code: 'P-1',
      };
      const b = { id: randomUUID(), bailleurId, nom: 'Le Clos', commune: '96002', code: null };
      expect(await repo.upsertProgrammes([a, b])).toEqual([a, b]);
      const renamed = await repo.upsertProgrammes([
        { bailleurId, nom: 'Les Tilleuls (réhabilités)', commune: '96001', code: 'P-1' },
      ]);
      expect(renamed).toEqual([
        { id: a.id, bailleurId, nom: 'Les Tilleuls (réhabilités)', commune: '96001', code: 'P-1' },
      ]);
      expect((await repo.findProgrammes({ bailleurIds: [bailleurId] })).map((p) => p.id).sort()).toEqual(
        [a.id, b.id].sort(),
      );
      expect(await repo.findProgrammes({ bailleurIds: [autreBailleurId] })).toEqual([]);
    });
  });

  describe('Logement', () => {
    it('round-trips every field and filters within the visible bailleurs', async () => {
      const repo = new LogementRepository(suite.ds);
      const reservataire = await aReservataire(suite.ds);
      const qpv = aLogement(bailleurId, {
        qpv: true,
        qpvCode: 'QN096001',
        typologie: 'T5',
        financement: 'PLAI',
        financementCode: '17',
        surfaceM2: 92.25,
        horsAssiette: 'DEMOLITION',
        stockDefense: true,
        ancienReservataireId: reservataire.id,
        commune: '96002',
      });
      const sparse = aLogement(bailleurId, {
        epci: null,
        anneeConstruction: null,
        etage: null,
        ascenseur: null,
        pmr: null,
        surfaceM2: null,
        loyerCentimes: null,
      });
      const other = aLogement(autreBailleurId);
      expect(await repo.upsertLogements([qpv, sparse, other])).toEqual({ inserted: 3, updated: 0, unchanged: 0 });

      expect(await repo.findLogementById([bailleurId], qpv.id)).toEqual(qpv);
      expect(await repo.findLogementById([bailleurId], sparse.id)).toEqual(sparse);
      expect(await repo.findLogementById([bailleurId], other.id)).toBeNull();

      const mine = await repo.findLogements({ bailleurIds: [bailleurId], limit: 10 });
      expect(mine.total).toBe(2);
      expect(mine.items.map((l) => l.id).sort()).toEqual([qpv.id, sparse.id].sort());
      expect((await repo.findLogements({ bailleurIds: [bailleurId], qpv: true })).items).toEqual([qpv]);
      expect((await repo.findLogements({ bailleurIds: [bailleurId], commune: '96002' })).items).toEqual([qpv]);
      expect((await repo.findLogements({ bailleurIds: [bailleurId], typologie: 'T3' })).items).toEqual([sparse]);
      expect(await repo.findLogements({ bailleurIds: [] })).toEqual({ items: [], total: 0 });
      const both = await repo.findLogements({ bailleurIds: [bailleurId, autreBailleurId], limit: 2, offset: 2 });
      expect(both).toEqual({ items: [expect.any(Object)], total: 3 });
    });

    it('rejects bad rows with the index and field, before writing anything', async () => {
      const repo = new LogementRepository(suite.ds);
      const ok = aLogement(bailleurId);
      const bad = { ...aLogement(bailleurId), typologie: 'T7' } as never;
      await expect(repo.upsertLogements([ok, bad])).rejects.toThrow(
        new InvalidInputError('logements[1].typologie', 'valeur « T7 » invalide (attendu : T1, T2, T3, T4, T5, T6)'),
      );
      await expect(repo.upsertLogements([{ ...ok, qpv: false, qpvCode: 'QN1' }])).rejects.toThrow(
        'logements[0].qpvCode',
      );
      await expect(repo.upsertLogements([{ ...ok, loyerCentimes: 12.5 }])).rejects.toThrow(
        'logements[0].loyerCentimes : entier attendu',
      );
      expect(await repo.findLogementById([bailleurId], ok.id)).toBeNull();
      await expect(repo.findLogements({ bailleurIds: [bailleurId], limit: 5000 })).rejects.toThrow('limit');
    });
  });

  describe('Reservataire', () => {
    it('round-trips, upserts by code, and is visible to the bailleurs holding a convention with it', async () => {
      const repo = new ReservataireRepository(suite.ds);
      const r = {
        id: randomUUID(),
        code: `COM-${randomUUID().slice(0, 6)}`,
        nom: 'Ville de Chantevière',
        kind: 'COMMUNE' as const,
        territoire: { departement: '96', communes: ['96001'], epcis: [] },
      };
      expect(await repo.upsertReservataires([r])).toEqual([r]);
      expect(await repo.upsertReservataires([{ ...r, id: undefined, nom: 'Commune de Chantevière' }])).toEqual([
        { ...r, nom: 'Commune de Chantevière' },
      ]);
      expect(await repo.findReservataireById(r.id)).toEqual({ ...r, nom: 'Commune de Chantevière' });
      expect((await repo.findReservataires({ bailleurIds: [autreBailleurId] })).map((x) => x.id)).not.toContain(r.id);
      await new ConventionRepository(suite.ds).saveConventions([aConvention(autreBailleurId, r.id)]);
      expect((await repo.findReservataires({ bailleurIds: [autreBailleurId] })).map((x) => x.id)).toContain(r.id);
    });
  });
});
