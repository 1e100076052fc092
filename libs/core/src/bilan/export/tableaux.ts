/**
 * The bilan as tables, for one réservataire (its conventions only) or consolidated for the bailleur
 * (staff and CIL): the same tables feed the XLSX sheets, the CSV and the PDF, so the three formats
 * show the same figures under the same French headings.
 */
import type { Bilan, BilanInput, BilanPerimetre, Cellule, Dimension, LigneBilan } from '../compute';

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
const DECOMPTES: Record<string, string> = { PROPOSITION: 'Proposition', ATTRIBUTION: 'Attribution', BAIL: 'Bail signé', MIXTE: 'Mixte' };
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

function repartition(dim: Dimension, cells: Record<string, Cellule>, total: BilanPerimetre['compteurs'], communes: Record<string, string>): Tableau {
  const { nom, titre } = DIMENSIONS_LIBELLES[dim];
  return {
    nom,
    titre,
    colonnes: [
      { titre: nom, format: 'texte', largeur: 26 },
      { titre: 'Proposés', format: 'entier' },
      { titre: 'Attribués', format: 'entier' },
      { titre: 'Part des proposés', format: 'part' },
    ],
    lignes: Object.entries(cells).map(([v, c]) => [dim === 'commune' ? (communes[v] ?? v) : v, c.proposes, c.attribues, part(c.proposes, total.proposes)]),
    total: ['Total', total.proposes, total.attribues, total.proposes > 0 ? 1 : null],
  };
}

export function tableaux(input: BilanInput, bilan: Bilan, p: Perimetre): Tableau[] {
  const conventions = conventionsDe(bilan, p);
  const perim = perimetreDe(bilan, p);
  const f = bilan.flux;
  const out: Tableau[] = [];
  out.push({
    nom: 'Synthèse',
    titre: `Bilan ${bilan.annee} — ${bilan.bailleur.nom} — département ${bilan.departement}`,
    colonnes: [
      { titre: 'Indicateur', format: 'texte', largeur: 60 },
      { titre: 'Valeur', format: 'entier', largeur: 14 },
    ],
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
      [p.type === 'consolide' ? 'Logements proposés aux réservataires' : 'Logements proposés au réservataire', perim.compteurs.proposes],
      ['Logements attribués', perim.compteurs.attribues],
      ['Baux signés', perim.compteurs.baux],
    ],
  });
  out.push({
    nom: 'Objectifs',
    titre: 'Objectif et décompte par convention (objectif sur le flux réel, objectif prévisionnel à côté)',
    colonnes: [
      { titre: 'Convention', format: 'texte', largeur: 18 },
      { titre: 'Réservataire', format: 'texte', largeur: 30 },
      { titre: 'Cible', format: 'texte', largeur: 22 },
      { titre: 'Décompte', format: 'texte', largeur: 12 },
      { titre: 'Objectif prévisionnel', format: 'decimal' },
      { titre: 'Flux réel du territoire', format: 'entier' },
      { titre: 'Objectif sur le flux réel', format: 'decimal' },
      { titre: 'dont déficit reporté', format: 'decimal' },
      { titre: 'Décompté', format: 'decimal' },
      { titre: 'Écart', format: 'decimal' },
      { titre: 'Action corrective', format: 'texte', largeur: 14 },
      { titre: 'Reporté sur N+1', format: 'decimal' },
      { titre: 'Dû en N+1', format: 'decimal' },
      { titre: 'À rembourser', format: 'decimal' },
      { titre: 'Explication', format: 'texte', largeur: 60 },
    ],
    lignes: conventions.map((c) => [
      c.reference,
      c.reservataireNom,
      c.cible,
      DECOMPTES[c.decompteMode] ?? c.decompteMode,
      c.objectif.prevision,
      c.objectif.fluxReelTerritoire,
      c.objectif.reel,
      c.objectif.reportEntrant,
      c.objectif.decompte,
      c.objectif.ecart,
      ACTIONS[c.objectif.issue.action] ?? c.objectif.issue.action,
      c.objectif.issue.deficitReporte,
      c.objectif.issue.dueAnneeSuivante,
      c.objectif.issue.aRembourser,
      c.objectif.issue.explication,
    ]),
    total: ['Total', '', '', '', ...sommes(conventions.map((c) => [c.objectif.prevision, null, c.objectif.reel, c.objectif.reportEntrant, c.objectif.decompte, c.objectif.ecart])), '', ...sommes(conventions.map((c) => [c.objectif.issue.deficitReporte, c.objectif.issue.dueAnneeSuivante, c.objectif.issue.aRembourser])), ''],
  });
  for (const dim of Object.keys(DIMENSIONS_LIBELLES) as Dimension[]) out.push(repartition(dim, perim.repartitions[dim], perim.compteurs, input.communes));
  out.push({
    nom: 'Suivi',
    titre: 'Retours après délai, refus des candidats, vacance',
    colonnes: [
      { titre: 'Convention', format: 'texte', largeur: 18 },
      { titre: 'Proposés', format: 'entier' },
      { titre: 'Attribués', format: 'entier' },
      { titre: 'Baux signés', format: 'entier' },
      { titre: 'Retours après délai', format: 'entier' },
      { titre: 'dont comptés', format: 'entier' },
      { titre: 'Refus des candidats', format: 'entier' },
      { titre: 'Dérogations', format: 'entier' },
      { titre: 'Vacance moyenne (jours)', format: 'decimal' },
    ],
    lignes: conventions.map((c) => {
      const k = c.compteurs;
      return [c.reference, k.proposes, k.attribues, k.baux, k.retours, k.retoursComptes, k.refus, k.derogations, k.logementsLoues > 0 ? k.joursVacance / k.logementsLoues : null];
    }),
    total: (() => {
      const k = perim.compteurs;
      return ['Total', k.proposes, k.attribues, k.baux, k.retours, k.retoursComptes, k.refus, k.derogations, k.logementsLoues > 0 ? k.joursVacance / k.logementsLoues : null];
    })(),
  });
  out.push({
    nom: 'Objectifs légaux',
    titre: 'Objectifs légaux d’attribution (CCH L.441-1)',
    colonnes: [
      { titre: 'Périmètre', format: 'texte', largeur: 30 },
      { titre: 'Objectif', format: 'texte', largeur: 44 },
      { titre: 'Seuil', format: 'part' },
      { titre: 'Attributions concernées', format: 'entier' },
      { titre: 'Attributions', format: 'entier' },
      { titre: 'Part', format: 'part' },
      { titre: 'Atteint', format: 'texte' },
    ],
    lignes: [
      ...perim.legaux.map((l) => [perim.nom, l.libelle, l.seuil, l.numerateur, l.denominateur, l.part, oui(l.atteint)]),
      ...conventions.flatMap((c) => c.legaux.map((l) => [c.reference, l.libelle, l.seuil, l.numerateur, l.denominateur, l.part, oui(l.atteint)])),
      ...conventions.flatMap((c) => c.engagements.map((e) => [c.reference, `${e.libelle} (engagement)`, e.min ?? e.max, null, null, e.part, oui(e.respecte)])),
    ],
  });
  const prefet = bilan.prefet.filter((x) => conventions.some((c) => c.conventionId === x.conventionId));
  if (prefet.length > 0) {
    out.push({
      nom: 'Part du préfet',
      titre: 'Part du contingent préfectoral hors QPV et par commune, sur le flux réel',
      colonnes: [
        { titre: 'Territoire', format: 'texte', largeur: 30 },
        { titre: 'Proposés au préfet', format: 'entier' },
        { titre: 'Flux réel', format: 'entier' },
        { titre: 'Part', format: 'part' },
        { titre: 'Taux de la convention', format: 'part' },
        { titre: 'Respecté', format: 'texte' },
      ],
      lignes: prefet.flatMap((x) => [
        ['Hors QPV', x.horsQpv.proposes, x.horsQpv.flux, x.horsQpv.part, x.taux, oui(x.horsQpv.respecte)],
        ...x.communes.map((c) => [c.nom, c.proposes, c.flux, c.part, x.taux, oui(c.respecte)]),
      ]),
    });
  }
  out.push({
    nom: 'Exclusions',
    titre: 'Logements sortis du flux : usages exclus réalisés contre la prévision',
    colonnes: [
      { titre: 'Usage', format: 'texte', largeur: 44 },
      { titre: 'Prévu', format: 'entier' },
      { titre: 'Réalisé', format: 'entier' },
      { titre: 'Écart', format: 'entier' },
    ],
    lignes: bilan.exclusions.map((e) => [e.libelle, e.prevu, e.realise, e.ecart]),
    total: ['Total', ...sommes(bilan.exclusions.map((e) => [e.prevu, e.realise, e.ecart]))],
  });
  const ids = new Set(lignesDe(input, bilan, p).map((l) => l.liberationId));
  out.push({
    nom: 'Dérogations',
    titre: 'Registre des dérogations à la recommandation',
    colonnes: [
      { titre: 'Date', format: 'texte', largeur: 12 },
      { titre: 'Logement (RPLS)', format: 'texte', largeur: 18 },
      { titre: 'Commune', format: 'texte', largeur: 22 },
      { titre: 'Décision', format: 'texte', largeur: 36 },
      { titre: 'Motif', format: 'texte', largeur: 22 },
      { titre: 'Commentaire', format: 'texte', largeur: 30 },
      { titre: 'Demandée par', format: 'texte', largeur: 20 },
      { titre: 'Approuvée par', format: 'texte', largeur: 20 },
    ],
    lignes: bilan.derogations.filter((d) => ids.has(d.liberationId)).map((d) => [d.date, d.rplsId, d.commune, d.destination, d.motif, d.commentaire, d.demandeur, d.approbateur]),
  });
  if (p.type === 'consolide') {
    out.push({
      nom: 'EPCI (CIL)',
      titre: 'Consolidation par EPCI pour la conférence intercommunale du logement',
      colonnes: [
        { titre: 'EPCI', format: 'texte', largeur: 30 },
        { titre: 'Proposés', format: 'entier' },
        { titre: 'Attribués', format: 'entier' },
        { titre: 'Baux signés', format: 'entier' },
        { titre: 'Prioritaires / attribués', format: 'part' },
        { titre: 'Q1 hors QPV / attribués hors QPV', format: 'part' },
        { titre: 'Q2-4 en QPV / attribués en QPV', format: 'part' },
      ],
      lignes: bilan.epcis.map((e) => [e.nom, e.compteurs.proposes, e.compteurs.attribues, e.compteurs.baux, ...e.legaux.map((l) => l.part)]),
      total: ['Total', bilan.consolide.compteurs.proposes, bilan.consolide.compteurs.attribues, bilan.consolide.compteurs.baux, ...bilan.consolide.legaux.map((l) => l.part)],
    });
  }
  return out;
}

/** Column sums (null when every value is null). */
function sommes(rows: Array<Array<number | null>>): Array<number | null> {
  const n = rows[0]?.length ?? 0;
  return Array.from({ length: n }, (_, i) => {
    const vals = rows.map((r) => r[i]).filter((v): v is number => v !== null);
    return vals.length === 0 ? null : Math.round(vals.reduce((s, v) => s + v, 0) * 1e6) / 1e6;
  });
}
