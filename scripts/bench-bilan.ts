/**
 * bench:bilan — a generated year of 100 000 decisions (one bailleur, 40 communes in 4 EPCIs, 30
 * conventions of 24 réservataires) → the bilan computed, then every réservataire's XLSX and the
 * consolidated one written with the streamed workbook writer. Prints the timings, then as its last
 * line one JSON object `{"decisions","seconds","peakRssMb","files"}`.
 *
 *   npm run bench:bilan [-- --decisions 100000 --seed 7 --out <dir>]
 */
import type { Convention, Reservataire } from '@aiguillage/engine';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { calculerBilan, type BilanInput, type LigneBilan } from '../libs/core/src/bilan/compute';
import { ecrireXlsx } from '../libs/core/src/bilan/export/xlsx';
import { Rng } from '../libs/demo/src/random';

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : def;
}

function generer(decisions: number, seed: number): BilanInput {
  const rng = new Rng(seed);
  const uuid = (p: string, n: number) => `00000000-0000-4000-8000-${p}${String(n).padStart(12 - p.length, '0')}`;
  const epcis = ['200000001', '200000002', '200000003', '200000004'];
  const communes = Array.from({ length: 40 }, (_, i) => ({
    insee: `93${String(i + 1).padStart(3, '0')}`,
    epci: epcis[i % 4],
  }));
  const kinds: Reservataire['kind'][] = ['ETAT', 'ALS', 'COMMUNE', 'EPCI', 'DEPARTEMENT', 'EMPLOYEUR', 'ORGANISME'];
  const reservataires: Reservataire[] = Array.from({ length: 24 }, (_, i) => {
    const kind = i === 0 ? 'ETAT' : i === 1 ? 'ALS' : kinds[2 + (i % 5)];
    const territoire =
      kind === 'COMMUNE'
        ? { departement: '93', communes: [communes[i].insee] }
        : kind === 'EPCI'
          ? { departement: '93', epcis: [epcis[i % 4]] }
          : { departement: '93' };
    return {
      id: uuid('a', i + 1),
      code: `R${i + 1}`,
      nom: `Réservataire n° ${i + 1} (${kind.toLowerCase()})`,
      kind,
      territoire,
    };
  });
  const conventions: Convention[] = Array.from({ length: 30 }, (_, i) => {
    const r = reservataires[i % 24];
    return {
      id: uuid('c', i + 1),
      bailleurId: uuid('b', 1),
      reservataireId: r.id,
      departement: '93',
      territoire: null,
      reference: `CONV-${String(i + 1).padStart(3, '0')}`,
      cible:
        i % 5 === 4
          ? { type: 'DROITS_UNIQUES', nombre: 900, annees: 3 }
          : { type: 'TAUX', taux: r.kind === 'ETAT' ? 0.3 : 0.02 },
      decompte: {
        mode: (['PROPOSITION', 'ATTRIBUTION', 'BAIL', 'MIXTE'] as const)[i % 4],
        ...(i % 4 === 3 ? { poids: { proposition: 0.5, attribution: 0.25, bail: 0.25 } } : {}),
      },
      delegation: { mode: i % 2 ? 'DIRECTE' : 'DELEGUEE', delaiJours: 30, candidatsMax: 3, retourCompte: i % 3 === 0 },
      engagements: {},
      sousQuotas: [],
      contrepartie: 'AUTRE',
      actionCorrective: (['REPORT', 'ETALEMENT', 'REMBOURSEMENT'] as const)[i % 3],
      etalementAnnees: 3,
      deficitReporte: i % 7,
      compteMutations: false,
      dateDebut: '2020-01-01',
      dateFin: null,
    };
  });
  const lignes: LigneBilan[] = [];
  for (let n = 1; n <= decisions; n++) {
    const c = rng.pick(communes);
    const jour = `2025-${String(1 + Math.floor(rng.next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rng.next() * 28)).padStart(2, '0')}`;
    const u = rng.next();
    const conv = u < 0.72 ? rng.pick(conventions) : null;
    const destination = conv ? 'CONVENTION' : u < 0.8 ? 'EXCLU' : 'BAILLEUR';
    const attribue = conv && rng.next() < 0.8;
    const bail = attribue && rng.next() < 0.85;
    const expire = conv && !attribue && rng.next() < 0.3;
    lignes.push({
      liberationId: uuid('1', n),
      date: jour,
      kind: rng.next() < 0.03 ? 'NEUF' : 'ROTATION',
      motif: 'CONGE',
      logement: {
        id: uuid('2', n),
        rplsId: `RPLS-${String(n).padStart(7, '0')}`,
        commune: c.insee,
        epci: c.epci,
        departement: '93',
        qpv: rng.next() < 0.3,
        typologie: rng.pick(['T1', 'T2', 'T3', 'T3', 'T4', 'T5', 'T6'] as const),
        financement: rng.pick(['PLAI', 'PLUS', 'PLUS', 'PLS', 'PLI'] as const),
        anneeConstruction: rng.next() < 0.05 ? null : 1930 + Math.floor(rng.next() * 95),
        stockDefense: rng.next() < 0.01,
        horsAssiette: rng.next() < 0.01 ? 'VENTE' : null,
      },
      decision: {
        id: uuid('3', n),
        destination,
        conventionId: conv?.id ?? null,
        sousQuota: null,
        usage: destination === 'EXCLU' ? rng.pick(['MUTATION', 'NPNRU', 'ORCOD', 'LHI'] as const) : null,
        derogation: rng.next() < 0.05,
        decideeLe: jour,
        detailDerogation: null,
      },
      proposition: conv
        ? {
            id: uuid('4', n),
            statut: attribue ? 'ATTRIBUEE' : expire ? 'EXPIREE' : 'CANDIDATS_RECUS',
            envoyeeLe: jour,
            delaiExpireLe: null,
          }
        : null,
      candidats: conv ? 1 + Math.floor(rng.next() * 3) : 0,
      refus: conv && rng.next() < 0.2 ? 1 : 0,
      attribution: attribue
        ? { dateCal: jour, quartile: (1 + Math.floor(rng.next() * 4)) as 1 | 2 | 3 | 4, prioritaire: rng.next() < 0.3 }
        : null,
      bail: bail ? { signeLe: jour } : null,
    });
  }
  return {
    bailleur: { id: uuid('b', 1), nom: 'Bailleur du banc d’essai' },
    departement: '93',
    annee: 2025,
    exercice: null,
    conventions,
    reservataires,
    communes: Object.fromEntries(communes.map((c) => [c.insee, `Commune ${c.insee}`])),
    epcis: Object.fromEntries(epcis.map((e) => [e, `EPCI ${e}`])),
    periodes: [],
    lignes,
  };
}

async function main(): Promise<void> {
  const decisions = Number(arg('decisions', '100000'));
  const seed = Number(arg('seed', '7'));
  const out = arg('out', '') || mkdtempSync(join(tmpdir(), 'bench-bilan-'));
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const input = generer(decisions, seed);
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const bilan = calculerBilan(input);
  const t1 = process.hrtime.bigint();
  const date = new Date('2026-02-01T00:00:00Z');
  const fichiers: string[] = [];
  for (const r of bilan.reservataires) {
    const f = join(out, `bilan-${r.id.slice(-4)}.xlsx`);
    await ecrireXlsx(input, bilan, { type: 'reservataire', id: r.id }, f, { date });
    fichiers.push(f);
  }
  const consolide = join(out, 'bilan-consolide.xlsx');
  await ecrireXlsx(input, bilan, { type: 'consolide' }, consolide, { date });
  fichiers.push(consolide);
  const t2 = process.hrtime.bigint();
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  const s = (a: bigint, b: bigint) => Number(b - a) / 1e9;
  const taille = readdirSync(out).reduce((sum, f) => sum + statSync(join(out, f)).size, 0);
  console.log(
    `calcul du bilan : ${s(t0, t1).toFixed(2)} s ; ${fichiers.length} classeurs XLSX (${(taille / 1e6).toFixed(1)} Mo) : ${s(t1, t2).toFixed(2)} s`,
  );
  // CPU time of the measured part: what the wall-clock figure would be on an idle core
  console.log(`temps processeur du calcul et des classeurs : ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s`);
  if (!arg('out', '')) rmSync(out, { recursive: true, force: true });
  console.log(
    JSON.stringify({
      decisions,
      seconds: Math.round(s(t0, t2) * 100) / 100,
      peakRssMb: Math.round(peak / 1e6),
      files: fichiers.length,
    }),
  );
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
