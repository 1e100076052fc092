/**
 * The patrimoine of each bailleur: its flats spread over the communes of its territory, split into
 * QPV and hors-QPV segments filled with programmes of plausible period and form, plus the year's new
 * programmes. The sale plans, demolitions and DEFENSE stock are marked afterwards (`marquage.ts`).
 */
import type { Logement, Programme } from '@aiguillage/engine';
import type { Rng } from './random';
import type { BailleurDef } from './referentiel';
import type { CommuneInfo } from './geographie';
import { EPOQUES, EPOQUE_POIDS, PART_NEUF, TAILLE_PROGRAMME, type Epoque } from './parametres';
import { genererProgramme, tailleProgramme, type Forme, type PatrimoineContext } from './programme';
import { allocate } from './util';

export interface PatrimoineBailleur {
  programmes: Programme[];
  logements: Logement[];
  /** Ids of the programmes delivered during the year (first letting "pour un tour"). */
  programmesNeufs: Set<string>;
}

/** Mean size of a programme of this form (the size law is min + (max − min) u², E[u²] = 1/3). */
function tailleMoyenne(forme: Forme): number {
  const [min, max] = TAILLE_PROGRAMME[forme];
  return min + (max - min) / 3;
}

function formeCollective(epoque: Epoque, qpv: boolean): Forme {
  if (qpv)
    return epoque === '1960_1979' ? 'grandEnsemble' : epoque === 'DEPUIS_2000' ? 'collectifRecent' : 'collectifAncien';
  return epoque === 'DEPUIS_2000' || epoque === '1980_1999' ? 'collectifRecent' : 'collectifAncien';
}

/**
 * Period and form of the next programme of a segment. The weights are shares of *flats*, so each
 * (period, form) is drawn in inverse proportion to its mean programme size: a 1960s estate of 200
 * flats must not be drawn as often as a 15-house lotissement.
 */
function formeEtEpoque(rng: Rng, commune: CommuneInfo, qpv: boolean): { forme: Forme; epoque: Epoque } {
  const options: Array<{ forme: Forme; epoque: Epoque; poids: number }> = [];
  EPOQUES.forEach((epoque, i) => {
    const partEpoque = (qpv ? EPOQUE_POIDS.qpv : EPOQUE_POIDS.horsQpv)[i];
    const partIndividuel = qpv ? 0 : commune.def.partIndividuel;
    const collective = formeCollective(epoque, qpv);
    options.push({ forme: collective, epoque, poids: (partEpoque * (1 - partIndividuel)) / tailleMoyenne(collective) });
    if (partIndividuel > 0)
      options.push({ forme: 'individuel', epoque, poids: (partEpoque * partIndividuel) / tailleMoyenne('individuel') });
  });
  const { forme, epoque } = options[rng.weightedIndex(options.map((o) => o.poids))];
  return { forme, epoque };
}

/** Fills `count` flats of one bailleur × commune × QPV segment with programmes. */
function remplirSegment(
  ctx: PatrimoineContext,
  bailleurId: string,
  commune: CommuneInfo,
  qpv: boolean,
  count: number,
  out: PatrimoineBailleur,
) {
  let reste = count;
  while (reste > 0) {
    const { forme, epoque } = formeEtEpoque(ctx.rng, commune, qpv);
    let taille = Math.min(reste, tailleProgramme(ctx.rng, forme, ctx.scale));
    if (reste - taille > 0 && reste - taille < 3) taille = reste;
    const { programme, logements } = genererProgramme(ctx, bailleurId, {
      commune,
      qpv,
      forme,
      epoque,
      taille,
      neuf: false,
    });
    out.programmes.push(programme);
    out.logements.push(...logements);
    reste -= taille;
  }
}

export function genererPatrimoine(
  ctx: PatrimoineContext,
  bailleur: BailleurDef,
  bailleurId: string,
): PatrimoineBailleur {
  const out: PatrimoineBailleur = { programmes: [], logements: [], programmesNeufs: new Set() };
  const communes = ctx.geo.communes;
  const total = Math.max(10, Math.round(bailleur.logements * ctx.scale));
  const poids = communes.map((c) => c.def.poidsParc * (bailleur.affinites[c.epciKey] ?? 0));
  // A bailleur holds no scattered handful of flats: communes below a minimum presence are dropped.
  const sommePoids = poids.reduce((a, b) => a + b, 0);
  const minimum = Math.max(4, 30 * Math.sqrt(ctx.scale));
  const retenus = poids.map((w) => ((total * w) / sommePoids >= minimum ? w : 0));
  const parCommune = allocate(total, retenus.some((w) => w > 0) ? retenus : poids);

  communes.forEach((commune, i) => {
    const n = parCommune[i];
    if (n === 0) return;
    const nQpv = commune.qpvs.length ? Math.round(n * commune.partQpv) : 0;
    remplirSegment(ctx, bailleurId, commune, true, nQpv, out);
    remplirSegment(ctx, bailleurId, commune, false, n - nQpv, out);
  });

  // New programmes delivered this year, hors QPV, where the market is tense (SRU catch-up).
  let neufs = Math.round(total * PART_NEUF);
  const poidsNeuf = communes.map((c, i) => (parCommune[i] > 0 ? c.def.poidsParc * (0.3 + c.def.tension) : 0));
  while (neufs > 0) {
    const commune = communes[ctx.rng.weightedIndex(poidsNeuf)];
    const taille = Math.min(neufs, tailleProgramme(ctx.rng, 'neuf', ctx.scale));
    const { programme, logements } = genererProgramme(ctx, bailleurId, {
      commune,
      qpv: false,
      forme: 'neuf',
      epoque: 'DEPUIS_2000',
      taille,
      neuf: true,
    });
    out.programmes.push(programme);
    out.logements.push(...logements);
    out.programmesNeufs.add(programme.id);
    neufs -= taille;
  }
  return out;
}
