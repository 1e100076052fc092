import { ImportRefuseError, importConventions, importProfils } from '@aiguillage/core/imports';
import { conventionDeTest } from '@aiguillage/engine/testing/convention';
import { ConventionRepository, ConventionVersionRepository, ProfilDemandeRepository } from '@aiguillage/persistence';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createBailleur, fixture, FIXTURES, openImportDatabase } from './import-database';

const RESERVATAIRES = [
  ['PREF69', 'Préfet du Rhône', 'ETAT', { departement: '69' }],
  ['ALS', 'Action Logement Services', 'ALS', { departement: '69' }],
  ['COM69266', 'Ville de Villeurbanne', 'COMMUNE', { departement: '69', communes: ['69266'] }],
  ['EPCI-MDL', 'Métropole de Lyon', 'EPCI', { departement: '69', epcis: ['200046977'] }],
] as const;

/** An element of a JSON conventions file: the engine's test convention without its ids, to Action Logement. */
function element(over: Record<string, unknown>) {
  const { id: _id, bailleurId: _bailleurId, reservataireId: _reservataireId, ...convention } = conventionDeTest();
  return { ...convention, reservataire: 'ALS', departement: '69', ...over };
}

/** Each error of a refused import as `[ligne, colonne, message]`. */
const lignesEnErreur = (e: ImportRefuseError) => e.erreurs.map((x) => [x.ligne, x.colonne, x.message]);

async function refus(promise: Promise<unknown>): Promise<ImportRefuseError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportRefuseError);
  return error as ImportRefuseError;
}

describe('conventions and demand profiles import (PostgreSQL)', () => {
  let dataSource: DataSource;
  let drop: () => Promise<void>;
  let bailleurId: string;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    ({ dataSource, drop } = await openImportDatabase('import_conv'));
    for (const [code, nom, kind, territoire] of RESERVATAIRES) {
      const [{ id }] = await dataSource.query(
        `INSERT INTO "reservataire" ("code", "nom", "kind", "territoire") VALUES ($1, $2, $3, $4) RETURNING "id"`,
        [code, nom, kind, JSON.stringify(territoire)],
      );
      ids.set(code, id);
    }
  }, 60_000);
  afterAll(() => drop());
  beforeEach(async () => {
    await dataSource.query(`TRUNCATE "convention", "profil_demande" CASCADE`);
    bailleurId = await createBailleur(dataSource, 'Habitat Rhône');
  });

  const stored = () => new ConventionRepository(dataSource).findConventions({ bailleurIds: [bailleurId] });

  describe('conventions', () => {
    it('imports the CSV layout with every nested field, defaults applied', async () => {
      const r = await importConventions({ dataSource, bailleurId, input: fixture('conventions/conventions.csv') });
      expect(r).toMatchObject({ format: 'csv', importees: 4, creees: 4, remplacees: 0 });
      const byRef = new Map((await stored()).map((c) => [c.reference, c]));
      expect(byRef.get('CONV-ETAT-69-2024')).toMatchObject({
        reservataireId: ids.get('PREF69'),
        cible: { type: 'TAUX', taux: 0.25 },
        decompte: { mode: 'PROPOSITION' },
        delegation: { mode: 'DELEGUEE', delaiJours: 0, candidatsMax: 3, retourCompte: false },
        engagements: { horsQpv: { min: 0.25 }, q1HorsQpvMin: 0.25, prioritairesMin: 1 },
        sousQuotas: [{ code: 'FONCT', libelle: "Agents publics de l'État", taux: 0.05 }],
        territoire: null,
        dateFin: null,
      });
      expect(byRef.get('CONV-ALS-69-2024')).toMatchObject({
        decompte: { mode: 'ATTRIBUTION' },
        delegation: { mode: 'DIRECTE', delaiJours: 30, retourCompte: true },
        engagements: { typologies: { T1: { max: 0.15 }, T4: { min: 0.2 } }, q1HorsQpvMin: 0.25 },
        actionCorrective: 'ETALEMENT',
        etalementAnnees: 3,
        deficitReporte: 4,
        dateDebut: '2024-01-01',
      });
      expect(byRef.get('CONV-VILLEURBANNE-2024')).toMatchObject({
        territoire: { departement: '69', communes: ['69266'] },
        decompte: { mode: 'MIXTE', poids: { proposition: 0.5, attribution: 0.3, bail: 0.2 } },
        contrepartie: 'GARANTIE_EMPRUNT',
        deficitReporte: -2,
        compteMutations: true,
        dateFin: '2038-12-31',
      });
      expect(byRef.get('CONV-METROPOLE-2024')).toMatchObject({
        territoire: { departement: '69', epcis: ['200046977'] },
        cible: { type: 'DROITS_UNIQUES', nombre: 120, annees: 10 },
        delegation: { mode: 'PARTIELLE', partDeleguee: 0.5, delaiJours: 21, candidatsMax: 2 },
      });
    });

    it('imports JSON to the same conventions as the equivalent CSV lines', async () => {
      await importConventions({ dataSource, bailleurId, input: fixture('conventions/conventions.csv') });
      const fromCsv = new Map((await stored()).map(({ id: _id, ...c }) => [c.reference, c]));
      await dataSource.query(`TRUNCATE "convention" CASCADE`);
      const json = JSON.parse(readFileSync(join(FIXTURES, 'conventions/conventions.json'), 'utf8'));
      const r = await importConventions({ dataSource, bailleurId, input: json });
      expect(r).toMatchObject({ format: 'json', importees: 2, creees: 2 });
      for (const { id: _id, ...c } of await stored()) expect(c).toEqual(fromCsv.get(c.reference));
    });

    it('re-importing replaces by reference instead of duplicating', async () => {
      await importConventions({ dataSource, bailleurId, input: fixture('conventions/conventions.csv') });
      const before = await stored();
      const jourAvant = new Date().toISOString().slice(0, 10);
      const text = readFileSync(join(FIXTURES, 'conventions/conventions.csv'), 'utf8').replace(';0,35;', ';0,30;');
      const r = await importConventions({ dataSource, bailleurId, input: Buffer.from(text) });
      expect(r).toMatchObject({ importees: 4, creees: 0, remplacees: 4 });
      const after = await stored();
      expect(after.map((c) => c.id)).toEqual(before.map((c) => c.id));
      const als = after.find((c) => c.reference === 'CONV-ALS-69-2024')!;
      expect(als.cible).toEqual({ type: 'TAUX', taux: 0.3 });
      // The replaced terms stay in force before today: what was counted stays counted (issue 9, finding 11).
      const versions = (await new ConventionVersionRepository(dataSource).findVersions([als.id]))[als.id];
      expect(versions.map((v) => [v.dateEffet, v.convention.cible])).toEqual([
        ['2024-01-01', { type: 'TAUX', taux: 0.35 }],
        [expect.any(String), { type: 'TAUX', taux: 0.3 }],
      ]);
      expect([jourAvant, new Date().toISOString().slice(0, 10)]).toContain(versions[1].dateEffet);
    });

    it('refuses the whole file, listing every error with its line and column', async () => {
      const e = await refus(
        importConventions({ dataSource, bailleurId, input: fixture('conventions/conventions-erreurs.csv') }),
      );
      expect(e.message).toBe('6 erreur(s) : aucune convention importée.');
      expect(lignesEnErreur(e)).toEqual([
        [3, 'cible_taux', expect.stringMatching(/« 140 % » : un taux doit être compris entre 0 et 1/)],
        [4, 'reservataire', expect.stringMatching(/réservataire « MAIRIE-X » inconnu/)],
        [5, 'decompte_poids', 'la somme des poids doit valoir 1 (reçu 0.9)'],
        [6, 'date_fin', 'doit être postérieure ou égale au début (2024-01-01)'],
        [7, 'reference', 'référence « CONV-OK » en double (déjà ligne 2)'],
        [8, 'delegation_mode', "doit être l'une des valeurs : DIRECTE, DELEGUEE, PARTIELLE"],
      ]);
      expect(await stored()).toEqual([]);
    });

    it('reports JSON errors by element position and field path', async () => {
      const e = await refus(
        importConventions({
          dataSource,
          bailleurId,
          input: JSON.stringify([
            element({ reference: 'A', cible: { type: 'TAUX', taux: '30 %' } }),
            element({ reference: 'B', delegation: { mode: 'PARTIELLE' }, dateDebut: '2024-02-30', couleur: 'bleu' }),
          ]),
        }),
      );
      expect(lignesEnErreur(e)).toEqual([
        [1, 'cible.taux', 'doit être un nombre'],
        [2, 'couleur', "n'est pas un champ autorisé"],
        [2, 'delegation.partDeleguee', 'est obligatoire en délégation PARTIELLE'],
        [2, 'dateDebut', "le 2024-02-30 n'existe pas dans le calendrier"],
      ]);
    });

    it('refuses a CSV header with unknown or missing columns, and an unknown bailleur', async () => {
      await expect(
        importConventions({ dataSource, bailleurId, input: 'reference;reservataire;taux\nX;ALS;0,3\n' }),
      ).rejects.toThrow(
        /colonnes obligatoires manquantes : departement, cible_type, delegation_mode, contrepartie, date_debut ; colonnes inconnues : taux/,
      );
      await expect(importConventions({ dataSource, bailleurId: 'nope', input: '[]' })).rejects.toThrow(
        /Bailleur nope inconnu/,
      );
    });
  });

  describe('demand profiles', () => {
    const storedProfils = () =>
      new ProfilDemandeRepository(dataSource).findProfils({ reservataireIds: [...ids.values()], annee: 2024 });

    it('imports the CSV layout: one row per demand line, profile fields given once or repeated', async () => {
      const r = await importProfils({ dataSource, input: fixture('profils/profils.csv') });
      expect(r).toMatchObject({ format: 'csv', importes: 2, crees: 2, remplaces: 0 });
      const byId = new Map((await storedProfils()).map((p) => [p.reservataireId, p]));
      expect(byId.get(ids.get('PREF69')!)).toEqual({
        reservataireId: ids.get('PREF69'),
        annee: 2024,
        demandes: [
          { commune: null, typologie: 'T1', demandeurs: 420 },
          { commune: null, typologie: 'T2', demandeurs: 610 },
          { commune: null, typologie: 'T3', demandeurs: 380 },
          { commune: '69266', typologie: 'T4', demandeurs: 95 },
        ],
        quartiles: [0.46, 0.28, 0.17, 0.09],
        prioritaires: 1,
        delaiMoyenJours: 12,
        tauxRefus: 0.18,
      });
      expect(byId.get(ids.get('ALS')!)).toMatchObject({
        quartiles: [0.18, 0.31, 0.3, 0.21],
        delaiMoyenJours: 24,
        demandes: expect.arrayContaining([{ commune: '69123', typologie: 'T3', demandeurs: 210 }]),
      });
    });

    it('imports JSON and replaces a profile of the same réservataire and year', async () => {
      const json = readFileSync(join(FIXTURES, 'profils/profils.json'));
      expect(await importProfils({ dataSource, input: json })).toMatchObject({ format: 'json', importes: 1, crees: 1 });
      const changed = JSON.parse(json.toString());
      changed[0].demandes = [{ commune: null, typologie: 'T5', demandeurs: 12 }];
      expect(await importProfils({ dataSource, input: changed })).toMatchObject({
        importes: 1,
        crees: 0,
        remplaces: 1,
      });
      expect((await storedProfils()).map((p) => p.demandes)).toEqual([
        [{ commune: null, typologie: 'T5', demandeurs: 12 }],
      ]);
    });

    it('refuses the whole file, errors at the line of each demand row', async () => {
      const e = await refus(importProfils({ dataSource, input: fixture('profils/profils-erreurs.csv') }));
      expect(lignesEnErreur(e)).toEqual([
        [2, 'quartile1', 'la somme des quartiles doit valoir 1 (reçu 1.1)'],
        [3, 'typologie', '« T7 » : valeur attendue parmi T1, T2, T3, T4, T5, T6'],
        [4, 'typologie', 'T1 sur tout le territoire en double (déjà ligne 2)'],
        [5, 'demandeurs', "« beaucoup » n'est pas un nombre de demandeurs"],
        [6, 'prioritaires', '« 0,5 » diffère de la valeur donnée ligne 5 (« 0,12 ») pour ce profil'],
        [6, 'commune', "« 6912 » n'est pas un code INSEE de commune"],
      ]);
      expect(await storedProfils()).toEqual([]);
    });
  });
});
