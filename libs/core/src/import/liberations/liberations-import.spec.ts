import { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import type { AccessScope } from '../../auth/access-scope';
import { NonTraitableError } from '../../flow/flow.errors';
import type { LiberationDeclaration } from '../../flow/liberation-flow.service';
import { ImportRefuseError } from '../csv/errors';
import { importLiberations, type DeclarerLiberation } from './liberations-import.service';

const BAILLEUR = '11111111-1111-4111-8111-111111111111';
const scope: AccessScope = { userId: 'u', email: 'c@x', role: 'CHARGE', bailleurIds: [BAILLEUR, '22222222-2222-4222-8222-222222222222'], reservataireId: null };
const uuidOf = (rpls: string) => `00000000-0000-4000-8000-${rpls.replace(/\D/g, '').padStart(12, '0')}`;

function fakes() {
  const queries: unknown[][] = [];
  const dataSource = {
    query: async (_sql: string, params: unknown[]) => {
      queries.push(params);
      return (params[1] as string[]).filter((r) => r.startsWith('R')).map((rplsId) => ({ id: uuidOf(rplsId), rplsId }));
    },
  } as unknown as DataSource;
  const declared: Array<{ scope: AccessScope; input: LiberationDeclaration; champ: string }> = [];
  const seen = new Set<string>();
  const declare: DeclarerLiberation = async (s, input, _key, champ) => {
    declared.push({ scope: s, input, champ });
    if (input.date.startsWith('2031')) throw new NonTraitableError('date', "aucun exercice 2031 n'est défini");
    const k = `${input.logementId}@${input.date}`;
    const created = !seen.has(k);
    seen.add(k);
    return { created, liberation: { id: k, logementId: input.logementId, bailleurId: BAILLEUR, date: input.date, motif: input.motif, kind: input.kind ?? 'ROTATION' }, recommendation: null };
  };
  return { dataSource, declare, declared, queries };
}

describe('importLiberations', () => {
  it('declares the good lines in file order with the bailleur-narrowed scope, resolving RPLS ids by batches', async () => {
    const f = fakes();
    const csv = ['RPLS;Date;Motif', 'R1;2026-01-02;conge', 'R2;03/01/2026;DECES', 'X9;2026-01-04;CONGE', 'R1;2026-01-02;CONGE', 'R3;2031-01-01;CONGE', 'R4;2026-01-05;CONGE'].join('\n');
    const r = await importLiberations({ dataSource: f.dataSource, scope, bailleurId: BAILLEUR, input: csv, declare: f.declare, batchSize: 2 });
    expect(r).toMatchObject({ lignes: 6, creees: 3, existantes: 1, lignesEnErreur: 2, delimiter: ';' });
    expect(r.erreurs).toEqual([
      { ligne: 4, colonne: 'RPLS', message: 'logement RPLS « X9 » inconnu pour ce bailleur' },
      { ligne: 6, colonne: 'Date', message: "aucun exercice 2031 n'est défini" },
    ]);
    expect(f.declared.map((d) => d.champ)).toEqual(['ligne 2', 'ligne 3', 'ligne 5', 'ligne 6', 'ligne 7']);
    expect(f.declared[1].input).toEqual({ logementId: uuidOf('R2'), date: '2026-01-03', motif: 'DECES', kind: 'ROTATION' });
    expect(f.declared.every((d) => d.scope.bailleurIds.length === 1 && d.scope.bailleurIds[0] === BAILLEUR)).toBe(true);
    expect(f.queries).toHaveLength(3); // one per batch of 2 valid lines
    expect(f.queries.every((p) => p[0] === BAILLEUR)).toBe(true);
  });

  it('processes at most maxLignes lines and reports the following ones', async () => {
    const f = fakes();
    const lines = Array.from({ length: 5 }, (_, i) => `R${i + 1},2026-02-0${i + 1},CONGE`);
    const r = await importLiberations({ dataSource: f.dataSource, scope, bailleurId: BAILLEUR, input: Readable.from([Buffer.from(['rpls,date,motif', ...lines].join('\n'))]), declare: f.declare, maxLignes: 3 });
    expect(r).toMatchObject({ lignes: 5, creees: 3, lignesEnErreur: 2 });
    expect(r.erreurs.map((e) => [e.ligne, e.message])).toEqual([
      [5, 'au plus 3 lignes par fichier : ligne non traitée'],
      [6, 'au plus 3 lignes par fichier : ligne non traitée'],
    ]);
  });

  it('refuses a header without an identifier, date or motif column before declaring anything', async () => {
    const f = fakes();
    await expect(importLiberations({ dataSource: f.dataSource, scope, bailleurId: BAILLEUR, input: 'rpls;motif\nR1;CONGE\n', declare: f.declare })).rejects.toThrow(
      new ImportRefuseError('En-tête inutilisable : colonne « date » introuvable (en-tête lu : rpls;motif).'),
    );
    await expect(importLiberations({ dataSource: f.dataSource, scope, bailleurId: BAILLEUR, input: 'numero;jour\n1;2\n', declare: f.declare })).rejects.toThrow(
      /colonnes « rpls » ou « logementId », « date », « motif » introuvables/,
    );
    expect(f.declared).toHaveLength(0);
  });
});
