/**
 * `generateDepartement`: the deterministic demo département (Val-de-Loirette, 96). Same options →
 * deep-equal output. Each part draws from its own named stream of the seed, so ids stay stable
 * when another part changes.
 */
import {
  verifierPlafonds,
  verifierTerritoires,
  type Bailleur,
  type Convention,
  type Logement,
  type Reservataire,
} from '@aiguillage/engine';
import { Rng } from './random';
import { BAILLEURS, DEPARTEMENT, EPCIS, siren, type BailleurDef } from './referentiel';
import { buildGeographie, type Geographie } from './geographie';
import { genererPatrimoine, type PatrimoineBailleur } from './patrimoine';
import { rplsSequence } from './programme';
import { marquerHorsAssiette, marquerStockDefense } from './marquage';
import { genererConventions, genererReservataires, type PrevisionBailleur } from './reservations';
import { attribuerAncienStock } from './ancien-stock';
import { genererExercice, genererLiberations, genererProfils } from './annee';
import { estDansAssiette, estRelouable, probabiliteRotation, rotationRelative } from './rotation';
import { SAISONNALITE_BRUTE, TAUX_ROTATION_CIBLE } from './parametres';
import { normalise } from './util';
import type { DemoDepartement, GenerateOptions } from './types';

export const DEFAULT_SEED = 1;
export const DEFAULT_ANNEE = 2026;

function validerOptions(options: GenerateOptions): Required<GenerateOptions> {
  const seed = options.seed ?? DEFAULT_SEED;
  const scale = options.scale ?? 1;
  const annee = options.annee ?? DEFAULT_ANNEE;
  const prudence = options.prudence ?? 1;
  if (typeof seed !== 'number' || !Number.isFinite(seed)) {
    throw new Error(`seed : « ${String(seed)} » doit être un nombre fini`);
  }
  if (typeof scale !== 'number' || !Number.isFinite(scale) || scale <= 0 || scale > 4) {
    throw new Error(`scale : « ${String(scale)} » doit être un nombre strictement positif et au plus 4`);
  }
  if (typeof annee !== 'number' || !Number.isInteger(annee) || annee < 2021 || annee > 2100) {
    throw new Error(`annee : « ${String(annee)} » doit être une année entière entre 2021 et 2100`);
  }
  if (typeof prudence !== 'number' || !Number.isFinite(prudence) || prudence < 0.5 || prudence > 1.5) {
    throw new Error(`prudence : « ${String(prudence)} » doit être un nombre entre 0,5 et 1,5`);
  }
  return { seed, scale, annee, prudence };
}

/** What the bailleur's assiette is expected to free in the year (sums of turnover probabilities). */
function prevoir(
  def: BailleurDef,
  bailleurId: string,
  logements: Logement[],
  neufs: ReadonlySet<string>,
  proba: (l: Logement) => number,
): PrevisionBailleur {
  const p: PrevisionBailleur = {
    bailleurId,
    def,
    attendu: 0,
    attenduHorsQpv: 0,
    attenduParCommune: new Map(),
    assietteParCommune: new Map(),
    rotation: 0,
    attenduDefense: 0,
  };
  let n = 0;
  for (const l of logements) {
    if (l.stockDefense && estRelouable(l, neufs)) p.attenduDefense += proba(l);
    if (!estDansAssiette(l, neufs)) continue;
    const x = proba(l);
    n++;
    p.attendu += x;
    if (!l.qpv) p.attenduHorsQpv += x;
    p.attenduParCommune.set(l.commune, (p.attenduParCommune.get(l.commune) ?? 0) + x);
    p.assietteParCommune.set(l.commune, (p.assietteParCommune.get(l.commune) ?? 0) + 1);
  }
  p.rotation = n ? p.attendu / n : 0;
  return p;
}

/**
 * The décret's caps and the one-convention-per-territory rules, with the same pure checks as the
 * API, the import and the scenario loader: a demo breaking them is a generator bug, refused here.
 */
function verifierConventions(conventions: Convention[], reservataires: Reservataire[], geo: Geographie): void {
  const contexte = {
    reservataires,
    epciDe: new Map(geo.communes.map((c) => [c.commune.insee, c.commune.epci])),
    nomDe: new Map(geo.communes.map((c) => [c.commune.insee, c.commune.nom])),
  };
  const depassements = [
    ...verifierTerritoires(conventions, conventions, contexte),
    ...verifierPlafonds(conventions, conventions, contexte),
  ];
  if (depassements.length > 0)
    throw new Error(
      `Démo incohérente, plafonds du décret dépassés :\n${depassements.map((d) => `  - ${d.message}`).join('\n')}`,
    );
}

export function generateDepartement(options: GenerateOptions = {}): DemoDepartement {
  const { seed, scale, annee, prudence } = validerOptions(options);
  const root = new Rng(seed);
  const dep = DEPARTEMENT.code;
  const geo = buildGeographie();
  const tension = new Map(geo.communes.map((c) => [c.commune.insee, c.def.tension]));
  const garnisons = new Set(geo.communes.filter((c) => c.def.garnison).map((c) => c.commune.insee));

  const bailleurIds = root.fork('ids:bailleurs');
  const bailleurs: Bailleur[] = BAILLEURS.map((b) => ({
    id: bailleurIds.uuid(),
    nom: b.nom,
    siren: siren(b.sirenBase),
  }));

  // Patrimoine, bailleur by bailleur.
  const rpls = rplsSequence(root.fork('rpls'), dep);
  const programmeIds = root.fork('ids:programmes');
  const logementIds = root.fork('ids:logements');
  const patrimoines: PatrimoineBailleur[] = BAILLEURS.map((def, i) => {
    const rng = root.fork(`patrimoine:${def.key}`);
    const pat = genererPatrimoine(
      { rng, programmeIds, logementIds, rpls, scale, annee, departement: dep, geo },
      def,
      bailleurs[i].id,
    );
    marquerHorsAssiette(rng, pat, scale);
    marquerStockDefense(rng, pat, Math.round(def.stockDefense * scale), garnisons);
    return pat;
  });
  const programmes = patrimoines.flatMap((p) => p.programmes);
  const logements: Logement[] = patrimoines.flatMap((p) => p.logements);
  const neufs = new Set(patrimoines.flatMap((p) => [...p.programmesNeufs]));

  // Turnover calibrated so that the re-let stock turns over at the target rate on average.
  const relouables = logements.filter((l) => estRelouable(l, neufs));
  const moyenneRelative =
    relouables.reduce((a, l) => a + rotationRelative(l, tension.get(l.commune)!), 0) / relouables.length;
  const rotationBase = TAUX_ROTATION_CIBLE / moyenneRelative;
  const proba = (l: Logement) => probabiliteRotation(l, tension.get(l.commune)!, rotationBase);

  const previsions = BAILLEURS.map((def, i) => prevoir(def, bailleurs[i].id, patrimoines[i].logements, neufs, proba));

  const reservataires = genererReservataires(root.fork('ids:reservataires'), geo, dep, DEPARTEMENT.nom);
  const conventions = genererConventions(
    {
      rng: root.fork('conventions'),
      ids: root.fork('ids:conventions'),
      annee,
      scale,
      departement: dep,
      geo,
      reservataires,
    },
    previsions,
  );
  verifierConventions(conventions, reservataires.liste, geo);
  attribuerAncienStock(root.fork('ancien-stock'), logements, conventions, reservataires, previsions, neufs);

  const saisonnalite = normalise(SAISONNALITE_BRUTE);
  const reservatairesParId = new Map(reservataires.liste.map((r) => [r.id, r]));
  const exerciceIds = root.fork('ids:exercices');
  const epciDe = new Map(geo.communes.map((c) => [c.commune.insee, c.commune.epci]));
  const annuel = previsions.map((p) =>
    genererExercice(
      exerciceIds,
      p,
      logements,
      conventions,
      reservatairesParId,
      annee,
      dep,
      saisonnalite,
      neufs,
      epciDe,
      prudence,
    ),
  );
  const exercices = annuel.map((a) => a.exercice);

  const attenduDepartement = new Map<string, number>();
  for (const p of previsions)
    for (const [insee, n] of p.attenduParCommune)
      attenduDepartement.set(insee, (attenduDepartement.get(insee) ?? 0) + n);
  const attenduDefense = new Map<string, number>();
  for (const l of logements) {
    if (l.stockDefense && estRelouable(l, neufs))
      attenduDefense.set(l.commune, (attenduDefense.get(l.commune) ?? 0) + proba(l));
  }
  const profils = genererProfils(
    root.fork('profils'),
    geo,
    reservataires.liste,
    conventions,
    exercices,
    attenduDepartement,
    attenduDefense,
    annee,
  );

  const liberations = genererLiberations(
    root.fork('liberations'),
    root.fork('ids:liberations'),
    logements,
    proba,
    neufs,
    (l) => estRelouable(l, neufs),
    saisonnalite,
    annee,
  );

  return {
    departement: { code: dep, nom: DEPARTEMENT.nom },
    annee,
    communes: geo.communes.map((c) => c.commune),
    epcis: geo.epcis,
    qpvs: geo.qpvs,
    bailleurs,
    programmes,
    logements,
    reservataires: reservataires.liste,
    conventions,
    profils,
    seuilsQuartiles: EPCIS.flatMap((e) =>
      e.seuilsQuartiles
        ? [
            {
              territoire: geo.epciSirenByKey.get(e.key)!,
              annee,
              seuilQ1Centimes: e.seuilsQuartiles[0] * 100,
              seuilQ2Centimes: e.seuilsQuartiles[1] * 100,
              seuilQ3Centimes: e.seuilsQuartiles[2] * 100,
              arrete: `Arrêté préfectoral de ${annee} (démonstration)`,
            },
          ]
        : [],
    ),
    exercices,
    liberations,
    detailObjectifs: annuel.flatMap((a) => a.details),
    parametres: { seed, scale, tauxRotationCible: TAUX_ROTATION_CIBLE, rotationBase, saisonnalite, prudence },
  };
}
