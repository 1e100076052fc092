/**
 * The hard rules: a convention that breaks one is not an option for the flat (it stays in the
 * list, ranked last, with the rule that forbids it). The place rules depend only on where the flat
 * is (cached per place); the flat rules on the flat and the date.
 */
import type { Logement } from '../../domain';
import { EngineInputError } from '../../errors';
import type { OptionOrientation, RuleCheck } from '../../orientation';
import { ineligible, rule, type RegleDure } from '../contexte';
import { dateFr } from '../format';
import { coversPlace, type ConventionMeta, type StateIndex } from '../indexes';

export function validateLogement(logement: Logement): void {
  if (!logement || typeof logement !== 'object') throw new EngineInputError('logement', 'obligatoire');
  for (const champ of ['id', 'commune', 'departement', 'bailleurId', 'typologie'] as const) {
    if (typeof logement[champ] !== 'string' || !logement[champ])
      throw new EngineInputError(`logement.${champ}`, 'obligatoire');
  }
  if (typeof logement.qpv !== 'boolean') throw new EngineInputError('logement.qpv', 'doit être vrai ou faux');
}

/** What an eligible convention satisfies of the hard rules. */
export const OK_ELIGIBILITE: readonly RuleCheck[] = Object.freeze([
  rule('TERRITOIRE', true, 'Logement dans le territoire de la convention'),
  rule('VALIDITE', true, 'Convention en vigueur à cette date'),
  rule('DEFENSE', true, 'Règle du stock Défense respectée'),
]);

const R_BAILLEUR = rule('BAILLEUR', true, "Convention d'un autre bailleur");
const R_DEPARTEMENT = rule('DEPARTEMENT', true, "Convention d'un autre département");
const R_TERRITOIRE_COMMUNE = rule('TERRITOIRE', true, 'Droits limités à sa commune : logement hors de la commune');
const R_TERRITOIRE = rule('TERRITOIRE', true, 'Logement hors du territoire de la convention');
const R_DEFENSE_STOCK = rule('DEFENSE', true, 'La Défense ne reçoit que les logements de son stock identifié');
const R_DEFENSE_RESERVE = rule('DEFENSE', true, 'Logement du stock Défense : réservé à la Défense');

/** Rules of the flat's place, in the order they are checked. */
export const REGLES_LIEU: ReadonlyArray<RegleDure<Logement>> = [
  { code: 'BAILLEUR', refuse: (meta, l) => (meta.convention.bailleurId !== l.bailleurId ? R_BAILLEUR : null) },
  { code: 'DEPARTEMENT', refuse: (meta, l) => (meta.convention.departement !== l.departement ? R_DEPARTEMENT : null) },
  {
    code: 'TERRITOIRE',
    refuse: (meta, l) =>
      coversPlace(meta, l.commune, l.epci, l.departement)
        ? null
        : meta.kind === 'COMMUNE'
          ? R_TERRITOIRE_COMMUNE
          : R_TERRITOIRE,
  },
];

/** Rules of the flat itself and of the date, in the order they are checked. */
export const REGLES_LOGEMENT: ReadonlyArray<RegleDure<{ logement: Logement; date: string }>> = [
  {
    code: 'HORS_ASSIETTE',
    refuse: (_meta, { logement }) =>
      logement.horsAssiette
        ? rule(
            'HORS_ASSIETTE',
            true,
            `Logement ${logement.horsAssiette === 'VENTE' ? 'en plan de vente' : 'à démolir'} : hors flux`,
          )
        : null,
  },
  {
    code: 'VALIDITE',
    refuse: ({ convention: c }, { date }) =>
      c.dateDebut > date || (c.dateFin && date > c.dateFin)
        ? rule(
            'VALIDITE',
            true,
            c.dateDebut > date
              ? `Convention en vigueur à partir du ${dateFr(c.dateDebut)}`
              : `Convention échue le ${dateFr(c.dateFin!)}`,
          )
        : null,
  },
  {
    code: 'DEFENSE',
    refuse: (meta, { logement }) => {
      const defense = meta.kind === 'DEFENSE';
      if (defense && !logement.stockDefense) return R_DEFENSE_STOCK;
      if (!defense && logement.stockDefense) return R_DEFENSE_RESERVE;
      return null;
    },
  },
];

function premierRefus<A>(regles: ReadonlyArray<RegleDure<A>>, meta: ConventionMeta, arg: A): RuleCheck | null {
  for (const r of regles) {
    const refus = r.refuse(meta, arg);
    if (refus) return refus;
  }
  return null;
}

/** The conventions that may take flats of a place, and the (constant) options of all the others. */
export interface Lieu {
  candidats: ConventionMeta[];
  horsLieu: OptionOrientation[];
}

const lieux = new WeakMap<StateIndex, Map<string, Lieu>>();

/** Splits the conventions by the place rules for the flat's place (cached per place). */
export function lieuDe(index: StateIndex, logement: Logement): Lieu {
  let cache = lieux.get(index);
  if (!cache) lieux.set(index, (cache = new Map<string, Lieu>()));
  const key = `${logement.bailleurId}|${logement.departement}|${logement.commune}|${logement.epci ?? ''}`;
  let lieu = cache.get(key);
  if (lieu) return lieu;
  lieu = { candidats: [], horsLieu: [] };
  for (const meta of index.metas) {
    const refus = premierRefus(REGLES_LIEU, meta, logement);
    if (refus) lieu.horsLieu.push(Object.freeze(ineligible(meta.destination, refus, meta.libelle)));
    else lieu.candidats.push(meta);
  }
  cache.set(key, lieu);
  return lieu;
}

/** The first flat or date rule that forbids a convention of the place, or null. */
export function horsRegle(meta: ConventionMeta, flat: { logement: Logement; date: string }): RuleCheck | null {
  return premierRefus(REGLES_LOGEMENT, meta, flat);
}
