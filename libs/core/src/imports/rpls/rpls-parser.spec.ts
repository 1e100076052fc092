import fc from 'fast-check';
import { Readable } from 'node:stream';
import { isErreur } from '../csv/csv-reader';
import type { ErreurLigne } from '../csv/errors';
import { resolveLayout } from './rpls-layout';
import { isLigneRpls, openRpls } from './rpls-parser';
import type { LigneRpls } from './rpls-row';
import { rplsCsvChunks, RplsCsvWriter } from './rpls-writer';
import { sampleRplsLignes } from './rpls-sample';
import { versLogementRpls } from './rpls-row';
import { generateDepartement } from '@aiguillage/demo';

async function parse(text: string | Buffer) {
  const source = await openRpls(Readable.from([Buffer.isBuffer(text) ? text : Buffer.from(text)]));
  const out: (LigneRpls | ErreurLigne)[] = [];
  for await (const l of source.lignes()) out.push(l);
  return { source, out };
}

const ANCIEN = 'IDENT_INT;DEPCOM;LIBCOM;QPV;NBPIECE;SURFHAB;CONSTRUCT;FINAN;ETAGE;LOYERPRINC\n';
const NOUVEAU = 'RPLS_ID,DEPCOM_CODE,EPCI_CODE,QPV_CODE,NBPIECE,SURFHAB,CONSTRUCT,FINAN_CODE,PMR_CODE,LOYERPRINC\n';

describe('RPLS layouts', () => {
  it('detects each layout from its header, case-insensitively', () => {
    expect(resolveLayout(ANCIEN.trim().split(';'))).toMatchObject({ layout: 'ANCIEN', idColumn: 'IDENT_INT' });
    expect(resolveLayout(NOUVEAU.trim().toLowerCase().split(','))).toMatchObject({
      layout: 'NOUVEAU',
      idColumn: 'rpls_id',
    });
  });

  it('names the missing columns of the closest layout when it refuses a header', () => {
    const r = resolveLayout(['RPLS_ID', 'DEPCOM_CODE', 'NBPIECE']);
    expect(r).toEqual({ refus: expect.stringMatching(/disposition nouveau : QPV_CODE, FINAN_CODE\.$/) });
  });
});

describe('RPLS line mapping', () => {
  it('maps the ANCIEN layout: QPV flag, NBPIECE → typologie, FINAN → financement, rent in exact cents', async () => {
    const { source, out } = await parse(
      ANCIEN + 'L1;69259;Vénissieux;1;7;64,5;1972;11;RDC;412,37\nL2;1053;Bourg-en-Bresse;2;1;;;55;;\n',
    );
    expect(source.layout).toBe('ANCIEN');
    expect(out).toEqual([
      {
        ligne: 2,
        communeNom: 'Vénissieux',
        epciNom: null,
        logement: {
          rplsId: 'L1',
          commune: '69259',
          epci: null,
          departement: '69',
          qpv: true,
          qpvCode: null,
          typologie: 'T6',
          financement: 'PLAI',
          financementCode: '11',
          anneeConstruction: 1972,
          etage: 0,
          ascenseur: null,
          pmr: null,
          surfaceM2: 64.5,
          loyerCentimes: 41237,
        },
      },
      expect.objectContaining({
        logement: expect.objectContaining({
          rplsId: 'L2',
          commune: '01053',
          departement: '01',
          qpv: false,
          typologie: 'T1',
          financement: 'AUTRE',
          financementCode: '55',
          surfaceM2: null,
          loyerCentimes: null,
        }),
      }),
    ]);
  });

  it('maps the NOUVEAU layout: in QPV when QPV_CODE holds a code, overseas and Corsican départements', async () => {
    const { out } = await parse(
      NOUVEAU +
        'N1,97411,249740119,QN97401M,3,60,2001,13,1,500\nN2,2A004,200066389,HQPV,2,45,1990,16,0,450.5\nN3,93066,200054781,,4,80,1970,10,,380\n',
    );
    expect(out.map((l) => (l as LigneRpls).logement)).toEqual([
      expect.objectContaining({
        departement: '974',
        qpv: true,
        qpvCode: 'QN97401M',
        financement: 'PLUS',
        financementCode: null,
        pmr: true,
      }),
      expect.objectContaining({
        departement: '2A',
        qpv: false,
        qpvCode: null,
        financement: 'PLI',
        loyerCentimes: 45050,
        pmr: false,
      }),
      expect.objectContaining({ departement: '93', qpv: false, financement: 'PLAI', pmr: null }),
    ]);
  });

  it.each([
    ['L1;69259;X;1;abc;64;1972;13;1;400', 'NBPIECE', "« abc » n'est pas un nombre de pièces"],
    ['L1;69259;X;1;0;64;1972;13;1;400', 'NBPIECE', '« 0 » : un nombre de pièces doit être entre 1 et 99'],
    ['L1;69259;X;1;3;64;1972;42;1;400', 'FINAN', "« 42 » n'est pas un code de financement RPLS (10 à 17, 49 à 55, 99)"],
    ['L1;69259;X;1;3;64;1972;;1;400', 'FINAN', 'code de financement manquant'],
    ['L1;6925X;X;1;3;64;1972;13;1;400', 'DEPCOM', "« 6925X » n'est pas un code INSEE de commune"],
    ['L1;69259;X;peut-être;3;64;1972;13;1;400', 'QPV', expect.stringMatching(/n'est pas une valeur oui\/non pour QPV/)],
    ['L1;69259;X;1;3;0;1972;13;1;400', 'SURFHAB', expect.stringMatching(/surface habitable doit être comprise/)],
    [
      'L1;69259;X;1;3;64;3020;13;1;400',
      'CONSTRUCT',
      expect.stringMatching(/année de construction doit être entre 1700 et/),
    ],
    ['L1;69259;X;1;3;64;1972;13;1;-4', 'LOYERPRINC', '« -4 » : le loyer doit être positif'],
    [
      'L1;69259;X;1;3;64;1972;13;1;412000',
      'LOYERPRINC',
      '« 412000 » : loyer mensuel invraisemblable (plus de 100 000 €)',
    ],
    [';69259;X;1;3;64;1972;13;1;400', 'IDENT_INT', 'identifiant du logement manquant'],
  ])('reports %s at its column', async (line, colonne, message) => {
    const { out } = await parse(ANCIEN + line + '\n');
    expect(out).toEqual([{ ligne: 2, colonne, message }]);
  });

  it('writer → parser round-trips any generated flat, in both layouts and delimiters', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('ANCIEN' as const, 'NOUVEAU' as const),
        fc.constantFrom(';' as const, ',' as const),
        fc.integer({ min: 1, max: 1_000_000 }),
        async (layout, delimiter, seed) => {
          const lignes = [...sampleRplsLignes({ count: 20, seed })];
          const text = [...rplsCsvChunks(new RplsCsvWriter({ layout, delimiter }), lignes, 7)].join('');
          const { source, out } = await parse(Buffer.from(text, layout === 'ANCIEN' ? 'latin1' : 'utf8'));
          expect(source.layout).toBe(layout);
          expect(source.delimiter).toBe(delimiter);
          expect(out.filter(isErreur as (x: unknown) => x is ErreurLigne)).toEqual([]);
          // The ANCIEN layout has no PMR column.
          const expected = lignes.map((l) => (layout === 'ANCIEN' ? { ...l.logement, pmr: null } : l.logement));
          expect(out.filter(isLigneRpls).map((l) => l.logement)).toEqual(expected);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('reads back the demo patrimoine written as an RPLS file, field for field', async () => {
    const demo = generateDepartement({ seed: 3, scale: 0.1 });
    const lignes = demo.logements.map((l) => ({ logement: versLogementRpls(l) }));
    const text = [...rplsCsvChunks(new RplsCsvWriter({ layout: 'NOUVEAU' }), lignes, 500)].join('');
    const { out } = await parse(text);
    expect(out.filter(isErreur as (x: unknown) => x is ErreurLigne)).toEqual([]);
    expect(out.filter(isLigneRpls).map((l) => l.logement)).toEqual(lignes.map((l) => l.logement));
  });
});
