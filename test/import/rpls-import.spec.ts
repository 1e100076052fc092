import { ImportRefuseError, importRpls, openRpls, isLigneRpls, type LigneRpls } from '@aiguillage/core/imports';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { createBailleur, fixture, FIXTURES, openImportDatabase } from './import-database';

const NOUVEAU = 'rpls/nouveau-utf8-virgule.csv';
const ANCIEN = 'rpls/ancien-latin1-pointvirgule.csv';
const ERREURS = 'rpls/nouveau-erreurs.csv';
const PUBLIC = 'rpls/ancien-public-sans-identifiant.csv';

describe('importRpls (PostgreSQL)', () => {
  let dataSource: DataSource;
  let drop: () => Promise<void>;
  let bailleurId: string;

  const logements = (id = bailleurId) =>
    dataSource.query(`SELECT * FROM "logement" WHERE "bailleur_id" = $1 ORDER BY "rpls_id"`, [id]);
  const logement = async (rplsId: string) =>
    (await dataSource.query(`SELECT * FROM "logement" WHERE "rpls_id" = $1`, [rplsId]))[0];

  beforeAll(async () => {
    ({ dataSource, drop } = await openImportDatabase('import_rpls'));
  }, 60_000);
  afterAll(() => drop());
  beforeEach(async () => {
    await dataSource.query(`TRUNCATE "logement", "commune", "epci" CASCADE`);
    bailleurId = await createBailleur(dataSource, 'Habitat Test');
  });

  it('imports the NOUVEAU layout (comma, UTF-8 with BOM) with exact values', async () => {
    const r = await importRpls({ dataSource, bailleurId, input: fixture(NOUVEAU) });
    expect(r).toMatchObject({ layout: 'NOUVEAU', delimiter: ',', encoding: 'utf-8', colonneIdentifiant: 'RPLS_ID' });
    expect(r).toMatchObject({
      lignes: 30,
      importees: 30,
      inserees: 30,
      misesAJour: 0,
      inchangees: 0,
      lignesEnErreur: 0,
      erreurs: [],
    });
    expect(await logements()).toHaveLength(30);
    expect(await logement('N2023000001')).toMatchObject({
      bailleur_id: bailleurId,
      commune: '69259',
      epci: '200046977',
      departement: '69',
      qpv: true,
      qpv_code: 'QN06912M',
      typologie: 'T4',
      financement: 'PLAI',
      financement_code: '11',
      annee_construction: 2004,
      etage: 0,
      ascenseur: false,
      pmr: true,
      surface_m2: '71.25',
      loyer_centimes: 123456, // "1234.56"
      stock_defense: false,
    });
    expect(await logement('N2023000002')).toMatchObject({
      qpv: false,
      qpv_code: null,
      typologie: 'T6',
      financement: 'AUTRE',
      financement_code: '17',
      loyer_centimes: 90000,
    });
    // Communes and EPCIs named by the file join the référentiel.
    expect(
      await dataSource.query(`SELECT "nom", "epci", "departement" FROM "commune" WHERE "insee" = '69081'`),
    ).toEqual([{ nom: 'Écully', epci: '200046977', departement: '69' }]);
    expect(await dataSource.query(`SELECT "nom" FROM "epci" WHERE "siren" = '200046977'`)).toEqual([
      { nom: 'Métropole de Lyon' },
    ]);
  });

  it('imports the ANCIEN layout (semicolon, Latin-1) with exact rents and accented commune names', async () => {
    const r = await importRpls({ dataSource, bailleurId, input: fixture(ANCIEN) });
    expect(r).toMatchObject({
      layout: 'ANCIEN',
      delimiter: ';',
      encoding: 'windows-1252',
      colonneIdentifiant: 'IDENT_INT',
    });
    expect(r).toMatchObject({ lignes: 30, importees: 30, inserees: 30, lignesEnErreur: 0 });
    expect(await logement('A0000001')).toMatchObject({
      qpv: true,
      qpv_code: 'QN06912M',
      typologie: 'T3',
      financement: 'PLUS',
      financement_code: null,
      loyer_centimes: 41237,
      surface_m2: '64.50',
    });
    expect(await logement('A0000002')).toMatchObject({
      commune: '69202',
      qpv: false,
      financement: 'AUTRE',
      financement_code: '55',
      loyer_centimes: 30001,
      annee_construction: 1961,
    });

    const source = await openRpls(fixture(ANCIEN));
    const noms = new Map<string, string | null>();
    for await (const l of source.lignes()) if (isLigneRpls(l)) noms.set(l.logement.rplsId, l.communeNom);
    expect(noms.get('A0000001')).toBe('Vénissieux');
    expect(noms.get('A0000002')).toBe('Sainte-Foy-lès-Lyon');
  });

  it('reports bad lines with their line and column and imports the rest', async () => {
    const r = await importRpls({ dataSource, bailleurId, input: fixture(ERREURS) });
    expect(r).toMatchObject({ lignes: 24, importees: 16, inserees: 16, lignesEnErreur: 8 });
    expect(r.erreurs.map((e) => [e.ligne, e.colonne])).toEqual([
      [5, 'NBPIECE'],
      [8, 'FINAN_CODE'],
      [11, 'LOYERPRINC'],
      [13, 'CONSTRUCT'],
      [14, 'DEPCOM_CODE'],
      [16, null],
      [19, 'RPLS_ID'],
      [21, 'SURFHAB'],
    ]);
    expect(r.erreurs[0].message).toBe("« abc » n'est pas un nombre de pièces");
    expect(r.erreurs[2].message).toMatch(/plus de deux décimales/);
    expect(r.erreurs[5].message).toMatch(/10 champs au lieu de 22/);
    expect(r.erreurs[6].message).toMatch(/E000000017 en double \(déjà ligne 18\)/);
    const ids = (await logements()).map((l: { rpls_id: string }) => l.rpls_id);
    expect(ids).toHaveLength(16);
    for (const bad of [
      'E000000004',
      'E000000007',
      'E000000010',
      'E000000012',
      'E000000013',
      'E000000015',
      'E000000020',
    ])
      expect(ids).not.toContain(bad);
    expect(await logement('E000000017')).toMatchObject({ commune: '93001' }); // line 18 kept, its duplicate line 19 rejected
  });

  it('gives the same result whatever the batch size, duplicates found across batches', async () => {
    const whole = await importRpls({ dataSource, bailleurId, input: fixture(ERREURS) });
    await dataSource.query(`DELETE FROM "logement"`);
    const single = await importRpls({ dataSource, bailleurId, input: fixture(ERREURS), batchSize: 1 });
    expect(single).toMatchObject({ lignes: 24, importees: 16, inserees: 16, lignesEnErreur: 8 });
    expect(single.erreurs).toEqual(whole.erreurs);
    expect(single.erreurs[6]).toEqual({
      ligne: 19,
      colonne: 'RPLS_ID',
      message: 'identifiant E000000017 en double (déjà ligne 18)',
    });
  });

  it('re-importing the same file changes nothing (counts and row contents)', async () => {
    await importRpls({ dataSource, bailleurId, input: fixture(NOUVEAU) });
    const before = await logements();
    const again = await importRpls({ dataSource, bailleurId, input: fixture(NOUVEAU), batchSize: 7 });
    expect(again).toMatchObject({ lignes: 30, importees: 30, inserees: 0, misesAJour: 0, inchangees: 30 });
    expect(await logements()).toEqual(before); // updated_at included: unchanged rows are not rewritten
  });

  it('updates changed flats only and keeps what the bailleur maintains itself', async () => {
    await importRpls({ dataSource, bailleurId, input: fixture(NOUVEAU) });
    await dataSource.query(
      `UPDATE "logement" SET "stock_defense" = true, "hors_assiette" = 'VENTE' WHERE "rpls_id" = 'N2023000001'`,
    );
    const text = readFileSync(join(FIXTURES, NOUVEAU), 'utf8').replace(',1234.56\n', ',1300.10\n');
    const r = await importRpls({ dataSource, bailleurId, input: Readable.from([Buffer.from(text)]) });
    expect(r).toMatchObject({ inserees: 0, misesAJour: 1, inchangees: 29 });
    expect(await logement('N2023000001')).toMatchObject({
      loyer_centimes: 130010,
      stock_defense: true,
      hors_assiette: 'VENTE',
    });
  });

  it('derives stable identifiers from the address when a public extract has no identifier column (CRLF)', async () => {
    const r = await importRpls({ dataSource, bailleurId, input: fixture(PUBLIC) });
    expect(r).toMatchObject({
      layout: 'ANCIEN',
      colonneIdentifiant: null,
      lignes: 25,
      importees: 25,
      lignesEnErreur: 0,
    });
    const ids = (await logements()).map((l: { rpls_id: string }) => l.rpls_id);
    expect(ids.every((id: string) => /^ADR-[0-9a-f]{24}$/.test(id))).toBe(true);
    const again = await importRpls({ dataSource, bailleurId, input: fixture(PUBLIC) });
    expect(again).toMatchObject({ inserees: 0, misesAJour: 0, inchangees: 25 });
  });

  it('refuses a file whose header matches neither layout, writing nothing', async () => {
    const attempt = importRpls({ dataSource, bailleurId, input: fixture('rpls/inconnu.csv') });
    await expect(attempt).rejects.toBeInstanceOf(ImportRefuseError);
    await expect(importRpls({ dataSource, bailleurId, input: fixture('rpls/inconnu.csv') })).rejects.toThrow(
      /En-tête RPLS non reconnu.*DEPCOM_CODE ou DEPCOM/,
    );
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM "logement"`)).toEqual([{ n: 0 }]);
  });

  it('refuses an unknown bailleur', async () => {
    await expect(
      importRpls({ dataSource, bailleurId: '00000000-0000-4000-8000-000000000000', input: fixture(NOUVEAU) }),
    ).rejects.toThrow(/Bailleur .* inconnu/);
    await expect(importRpls({ dataSource, bailleurId: 'abc', input: fixture(NOUVEAU) })).rejects.toThrow(/bailleurId/);
  });

  it("never takes over another bailleur's flats", async () => {
    await importRpls({ dataSource, bailleurId, input: fixture(NOUVEAU) });
    const before = await logements();
    const other = await createBailleur(dataSource, 'Autre Habitat');
    const r = await importRpls({ dataSource, bailleurId: other, input: fixture(NOUVEAU) });
    expect(r).toMatchObject({ lignes: 30, importees: 0, lignesEnErreur: 30 });
    expect(r.erreurs[0]).toEqual({
      ligne: 2,
      colonne: 'RPLS_ID',
      message: 'le logement N2023000001 appartient à un autre bailleur',
    });
    expect(await logements()).toEqual(before);
    expect(await logements(other)).toEqual([]);
  });

  it('writes each batch atomically: a failing batch leaves nothing half-written', async () => {
    // A constraint that only the 8th flat of the file breaks (batches of 5: it sits in the 2nd batch).
    const ids: string[] = [];
    for await (const l of (await openRpls(fixture(NOUVEAU))).lignes()) ids.push((l as LigneRpls).logement.rplsId);
    await dataSource.query(`ALTER TABLE "logement" ADD CONSTRAINT "chk_test_import" CHECK ("rpls_id" <> '${ids[7]}')`);
    try {
      await expect(importRpls({ dataSource, bailleurId, input: fixture(NOUVEAU), batchSize: 5 })).rejects.toThrow(
        /chk_test_import/,
      );
    } finally {
      await dataSource.query(`ALTER TABLE "logement" DROP CONSTRAINT "chk_test_import"`);
    }
    const written = (await logements()).map((l: { rpls_id: string }) => l.rpls_id);
    expect(written).toEqual(ids.slice(0, 5).sort());
  });
});
