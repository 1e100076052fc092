/**
 * The bilan as tables, for one réservataire (its conventions only) or consolidated for the bailleur
 * (staff and CIL): the same tables feed the XLSX sheets, the CSV and the PDF, so the three formats
 * show the same figures under the same French headings.
 */
import { dateFr, departementFr } from '@aiguillage/engine';
import { motifFr } from '../../notifications/derogation-message';
import type { Bilan, BilanInput, BilanPerimetre, Cellule, Dimension, LigneBilan, ObjectifLegal } from '../compute';

export type Format = 'entier' | 'decimal' | 'part' | 'texte';
export interface Colonne {
  titre: string;
  format: Format;
  largeur?: number;
}
export type Valeur = string | number | null;
export interface Tableau {
  /** Sheet name (≤ 31 characters, no []:*?/\). */
  nom: string;
  titre: string;
  colonnes: Colonne[];
  lignes: Valeur[][];
  /** The totals row (first cell « Total »). */
  total?: Valeur[];
}

export type Perimetre = { type: 'reservataire'; id: string } | { type: 'consolide' };

export const DIMENSIONS_LIBELLES: Record<Dimension, { nom: string; titre: string }> = {
  typologie: { nom: 'Typologie', titre: 'Logements proposés et attribués par typologie' },
  financement: { nom: 'Financement', titre: 'Logements proposés et attribués par financement' },
  qpv: { nom: 'QPV', titre: 'Logements proposés et attribués en QPV et hors QPV' },
  commune: { nom: 'Commune', titre: 'Logements proposés et attribués par commune' },
  periode: { nom: 'Période', titre: 'Logements proposés et attribués par période de construction' },
};

const ACTIONS: Record<string, string> = { REPORT: 'Report', ETALEMENT: 'Étalement', REMBOURSEMENT: 'Remboursement' };
const DECOMPTES: Record<string, string> = {
  PROPOSITION: 'Proposition',
  ATTRIBUTION: 'Attribution',
  BAIL: 'Bail signé',
  MIXTE: 'Mixte',
};
const oui = (b: boolean | null) => (b === null ? 'Sans objet' : b ? 'Oui' : 'Non');
const part = (n: number, d: number) => (d > 0 ? n / d : null);

export function conventionsDe(bilan: Bilan, p: Perimetre) {
  return p.type === 'consolide' ? bilan.conventions : bilan.conventions.filter((c) => c.reservataireId === p.id);
}

export function perimetreDe(bilan: Bilan, p: Perimetre): BilanPerimetre {
  if (p.type === 'consolide') return bilan.consolide;
  const r = bilan.reservataires.find((x) => x.id === p.id);
  if (!r) throw new Error(`réservataire absent du bilan : ${p.id}`);
  return r;
}

/** The lines of the perimeter: all of them for the bailleur, those oriented to its conventions for a réservataire. */
export function lignesDe(input: BilanInput, bilan: Bilan, p: Perimetre): LigneBilan[] {
  if (p.type === 'consolide') return input.lignes;
  const ids = new Set(conventionsDe(bilan, p).map((c) => c.conventionId));
  return input.lignes.filter((l) => l.decision?.destination === 'CONVENTION' && ids.has(l.decision.conventionId ?? ''));
}

/** A column of a table spec: its heading and format, and the value it reads from a row. */
interface ColonneDe<T> extends Colonne {
  de: (x: T) => Valeur;
  /** In a summed total: left empty (null) rather than summed. */
  sansSomme?: true;
}

/**
 * The one writer of every table: a row per item, a cell per column spec. The totals row is the
 * same columns read from a total item, or (`'somme'`) « Total » then each number column summed and
 * each text column left blank.
 */
function tableau<T>(spec: {
  nom: string;
  titre: string;
  colonnes: ColonneDe<T>[];
  lignes: readonly T[];
  total?: T | 'somme';
}): Tableau {
  const { nom, titre, colonnes, lignes, total } = spec;
  const t: Tableau = {
    nom,
    titre,
    colonnes: colonnes.map(({ titre: c, format, largeur }) => ({ titre: c, format, ...(largeur ? { largeur } : {}) })),
    lignes: lignes.map((x) => colonnes.map((c) => c.de(x))),
  };
  if (total === 'somme')
    t.total = colonnes.map((c, i) =>
      i === 0 ? 'Total' : c.format === 'texte' ? '' : c.sansSomme ? null : somme(lignes.map(c.de)),
    );
  else if (total !== undefined) t.total = colonnes.map((c) => c.de(total));
  return t;
}

const texte = <T>(titre: string, largeur: number, de: (x: T) => Valeur): ColonneDe<T> => ({
  titre,
  format: 'texte',
  largeur,
  de,
});
const entier = <T>(titre: string, de: (x: T) => Valeur): ColonneDe<T> => ({ titre, format: 'entier', de });
const decimal = <T>(titre: string, de: (x: T) => Valeur): ColonneDe<T> => ({ titre, format: 'decimal', de });
const partDe = <T>(titre: string, de: (x: T) => Valeur): ColonneDe<T> => ({ titre, format: 'part', de });

type Compteurs = BilanPerimetre['compteurs'];

function repartition(
  dim: Dimension,
  cells: Record<string, Cellule>,
  total: Compteurs,
  communes: Record<string, string>,
): Tableau {
  const { nom, titre } = DIMENSIONS_LIBELLES[dim];
  return tableau<[string, Cellule]>({
    nom,
    titre,
    colonnes: [
      texte(nom, 26, ([v]) => (dim === 'commune' ? (communes[v] ?? v) : v)),
      entier('Proposés', ([, c]) => c.proposes),
      entier('Attribués', ([, c]) => c.attribues),
      partDe('Part des proposés', ([, c]) => part(c.proposes, total.proposes)),
    ],
    lignes: Object.entries(cells),
    total: ['Total', total],
  });
}

const SYNTHESE = [
  texte<[string, number | null]>('Indicateur', 60, ([l]) => l),
  { ...entier<[string, number | null]>('Valeur', ([, v]) => v), largeur: 14 },
];

type Convention = Bilan['conventions'][number];
const OBJECTIFS: ColonneDe<Convention>[] = [
  texte('Convention', 18, (c) => c.reference),
  texte('Réservataire', 30, (c) => c.reservataireNom),
  texte('Cible', 22, (c) => c.cible),
  texte('Décompte', 12, (c) => DECOMPTES[c.decompteMode] ?? c.decompteMode),
  decimal('Objectif prévisionnel', (c) => c.objectif.prevision),
  { ...entier('Flux réel du territoire', (c) => c.objectif.fluxReelTerritoire), sansSomme: true },
  decimal('Objectif sur le flux réel', (c) => c.objectif.reel),
  decimal('dont déficit reporté', (c) => c.objectif.reportEntrant),
  decimal('Décompté', (c) => c.objectif.decompte),
  decimal('Écart', (c) => c.objectif.ecart),
  texte('Action corrective', 14, (c) => ACTIONS[c.objectif.issue.action] ?? c.objectif.issue.action),
  decimal('Reporté sur N+1', (c) => c.objectif.issue.deficitReporte),
  decimal('Dû en N+1', (c) => c.objectif.issue.dueAnneeSuivante),
  decimal('À rembourser', (c) => c.objectif.issue.aRembourser),
  texte('Explication', 60, (c) => c.objectif.issue.explication),
];

const SUIVI: ColonneDe<{ ref: string; k: Compteurs }>[] = [
  texte('Convention', 18, (x) => x.ref),
  entier('Proposés', (x) => x.k.proposes),
  entier('Attribués', (x) => x.k.attribues),
  entier('Baux signés', (x) => x.k.baux),
  entier('Retours après délai', (x) => x.k.retours),
  entier('dont comptés', (x) => x.k.retoursComptes),
  entier('Refus des candidats', (x) => x.k.refus),
  entier('Dérogations', (x) => x.k.derogations),
  decimal('Vacance moyenne (jours)', (x) => (x.k.logementsLoues > 0 ? x.k.joursVacance / x.k.logementsLoues : null)),
];

/** A row of « Objectifs légaux »: a legal objective or a commitment, of a perimeter or a convention. */
type Legal = [
  perimetre: string,
  libelle: string,
  seuil: number | null,
  numerateur: number | null,
  denominateur: number | null,
  part: number | null,
  atteint: boolean | null,
];
const ligneLegale = (perimetre: string, l: ObjectifLegal): Legal => [
  perimetre,
  l.libelle,
  l.seuil,
  l.numerateur,
  l.denominateur,
  l.part,
  l.atteint,
];
const LEGAUX: ColonneDe<Legal>[] = [
  texte('Périmètre', 30, (l) => l[0]),
  texte('Objectif', 44, (l) => l[1]),
  partDe('Seuil', (l) => l[2]),
  entier('Attributions concernées', (l) => l[3]),
  entier('Attributions', (l) => l[4]),
  partDe('Part', (l) => l[5]),
  { titre: 'Atteint', format: 'texte', de: (l) => oui(l[6]) },
];

type Prefet = Bilan['prefet'][number];
type PartPrefet = {
  territoire: string;
  proposes: number;
  flux: number;
  part: number | null;
  respecte: boolean | null;
  taux: number;
};
const PREFET: ColonneDe<PartPrefet>[] = [
  texte('Territoire', 30, (x) => x.territoire),
  entier('Proposés au préfet', (x) => x.proposes),
  entier('Flux réel', (x) => x.flux),
  partDe('Part', (x) => x.part),
  partDe('Taux de la convention', (x) => x.taux),
  { titre: 'Respecté', format: 'texte', de: (x) => oui(x.respecte) },
];

const EXCLUSIONS: ColonneDe<Bilan['exclusions'][number]>[] = [
  texte('Usage', 44, (e) => e.libelle),
  entier('Prévu', (e) => e.prevu),
  entier('Réalisé', (e) => e.realise),
  entier('Écart', (e) => e.ecart),
];

const DEROGATIONS: ColonneDe<Bilan['derogations'][number]>[] = [
  texte('Date', 12, (d) => dateFr(d.date)),
  texte('Logement (RPLS)', 18, (d) => d.rplsId),
  texte('Commune', 22, (d) => d.commune),
  texte('Décision', 36, (d) => d.destination),
  texte('Motif', 22, (d) => motifFr(d.motif)),
  texte('Commentaire', 30, (d) => d.commentaire),
  texte('Demandée par', 20, (d) => d.demandeur),
  texte('Approuvée par', 20, (d) => d.approbateur),
];

type Epci = Pick<Bilan['epcis'][number], 'nom' | 'compteurs' | 'legaux'>;
const EPCIS: ColonneDe<Epci>[] = [
  texte('EPCI', 30, (e) => e.nom),
  entier('Proposés', (e) => e.compteurs.proposes),
  entier('Attribués', (e) => e.compteurs.attribues),
  entier('Baux signés', (e) => e.compteurs.baux),
  ...['Prioritaires / attribués', 'Q1 hors QPV / attribués hors QPV', 'Q2-4 en QPV / attribués en QPV'].map((t, i) =>
    partDe<Epci>(t, (e) => e.legaux[i]?.part ?? null),
  ),
];

export function tableaux(input: BilanInput, bilan: Bilan, p: Perimetre): Tableau[] {
  const conventions = conventionsDe(bilan, p);
  const perim = perimetreDe(bilan, p);
  const f = bilan.flux;
  const out: Tableau[] = [];
  out.push(
    tableau({
      nom: 'Synthèse',
      titre: `Bilan ${bilan.annee} — ${bilan.bailleur.nom} — ${departementFr(bilan.departement, bilan.departementNom)}`,
      colonnes: SYNTHESE,
      lignes: [
        ['Logements libérés dans l’année', f.liberes],
        ['dont premières mises en location (hors flux)', f.premieresLocations],
        ['dont stock Défense', f.horsAssiette.defense],
        ['dont logements en plan de vente', f.horsAssiette.vente],
        ['dont logements à démolir', f.horsAssiette.demolition],
        ['Logements libérés dans le flux', f.dansLeFlux],
        ['Usages exclus réalisés (mutations, relogements)', f.exclus],
        ['Flux réel à répartir', f.fluxReelARepartir],
        ['Flux à répartir prévu (exercice)', f.fluxPrevu],
        ['Contingent du bailleur (non réservé)', f.nonReserve],
        ['Libérations non orientées', f.nonDecides],
        [
          p.type === 'consolide' ? 'Logements proposés aux réservataires' : 'Logements proposés au réservataire',
          perim.compteurs.proposes,
        ],
        ['Logements attribués', perim.compteurs.attribues],
        ['Baux signés', perim.compteurs.baux],
      ],
    }),
  );
  const titreObjectifs =
    'Objectif et décompte par convention (objectif sur le flux réel, objectif prévisionnel à côté)';
  out.push(
    tableau({ nom: 'Objectifs', titre: titreObjectifs, colonnes: OBJECTIFS, lignes: conventions, total: 'somme' }),
  );
  for (const dim of Object.keys(DIMENSIONS_LIBELLES) as Dimension[])
    out.push(repartition(dim, perim.repartitions[dim], perim.compteurs, input.communes));
  out.push(
    tableau({
      nom: 'Suivi',
      titre: 'Retours après délai, refus des candidats, vacance',
      colonnes: SUIVI,
      lignes: conventions.map((c) => ({ ref: c.reference, k: c.compteurs })),
      total: { ref: 'Total', k: perim.compteurs },
    }),
  );
  out.push(
    tableau({
      nom: 'Objectifs légaux',
      titre: 'Objectifs légaux d’attribution (CCH L.441-1)',
      colonnes: LEGAUX,
      lignes: [
        ...perim.legaux.map((l) => ligneLegale(perim.nom, l)),
        ...conventions.flatMap((c) => c.legaux.map((l) => ligneLegale(c.reference, l))),
        ...conventions.flatMap((c) =>
          c.engagements.map((e): Legal => [
            c.reference,
            `${e.libelle} (engagement)`,
            e.min ?? e.max,
            null,
            null,
            e.part,
            e.respecte,
          ]),
        ),
      ],
    }),
  );
  const prefet = bilan.prefet.filter((x) => conventions.some((c) => c.conventionId === x.conventionId));
  if (prefet.length > 0) {
    const parts = (x: Prefet): PartPrefet[] => [
      { territoire: 'Hors QPV', ...x.horsQpv, taux: x.taux },
      ...x.communes.map((c) => ({ territoire: c.nom, ...c, taux: x.taux })),
    ];
    out.push(
      tableau({
        nom: 'Part du préfet',
        titre: 'Part du contingent préfectoral hors QPV et par commune, sur le flux réel',
        colonnes: PREFET,
        lignes: prefet.flatMap(parts),
      }),
    );
  }
  out.push(
    tableau({
      nom: 'Exclusions',
      titre: 'Logements sortis du flux : usages exclus réalisés contre la prévision',
      colonnes: EXCLUSIONS,
      lignes: bilan.exclusions,
      total: 'somme',
    }),
  );
  const ids = new Set(lignesDe(input, bilan, p).map((l) => l.liberationId));
  out.push(
    tableau({
      nom: 'Dérogations',
      titre: 'Registre des dérogations à la recommandation',
      colonnes: DEROGATIONS,
      lignes: bilan.derogations.filter((d) => ids.has(d.liberationId)),
    }),
  );
  if (p.type === 'consolide') {
    const titre = 'Consolidation par EPCI pour la conférence intercommunale du logement';
    out.push(
      tableau({
        nom: 'EPCI (CIL)',
        titre,
        colonnes: EPCIS,
        lignes: bilan.epcis,
        total: { ...bilan.consolide, nom: 'Total' },
      }),
    );
  }
  return out;
}

/** A column's sum (null when every value is null). */
function somme(values: Valeur[]): number | null {
  const vals = values.filter((v): v is number => typeof v === 'number');
  return vals.length === 0 ? null : Math.round(vals.reduce((s, v) => s + v, 0) * 1e6) / 1e6;
}
