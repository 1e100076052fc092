/**
 * Traceability: the flats and decisions behind any figure of the bilan (the same predicates as the
 * totals), and the « Détail » rows: one per flat freed, with its decision, override, proposition,
 * CAL and lease.
 */
import { dateFr, EngineInputError, termesAuJour, type Convention, type Reservataire } from '@aiguillage/engine';
import { motifFr } from '../../notifications/derogation-message';
import { destinationLibelle } from './calculer';
import {
  compte,
  INDICATEURS,
  joursEntre,
  lignesDeConvention,
  PERIODES_PAR_DEFAUT,
  periodeDe,
  valeurDimension,
  type Indicateur,
} from './lignes';
import { DIMENSIONS, type BilanInput, type Dimension, type LigneBilan } from './types';

export const PERIMETRES = ['convention', 'reservataire', 'bailleur', 'epci'] as const;
export type TypePerimetre = (typeof PERIMETRES)[number];

/** A figure of the bilan: a perimeter, an indicator, optionally one value of a breakdown. */
export interface RefFigure {
  perimetre: TypePerimetre;
  /** Convention, réservataire or EPCI id (none for the bailleur). */
  id?: string;
  indicateur: Indicateur;
  dimension?: Dimension;
  valeur?: string;
}

export function validerRefFigure(ref: RefFigure): RefFigure {
  if (!PERIMETRES.includes(ref.perimetre))
    throw new EngineInputError('perimetre', `doit valoir ${PERIMETRES.join(', ')}`);
  if (ref.perimetre !== 'bailleur' && ref.id === undefined)
    throw new EngineInputError('id', `obligatoire pour le périmètre ${ref.perimetre}`);
  if (!INDICATEURS.includes(ref.indicateur)) throw new EngineInputError('indicateur', `inconnu « ${ref.indicateur} »`);
  if (ref.dimension !== undefined && !DIMENSIONS.includes(ref.dimension))
    throw new EngineInputError('dimension', `doit valoir ${DIMENSIONS.join(', ')}`);
  if ((ref.dimension === undefined) !== (ref.valeur === undefined))
    throw new EngineInputError('valeur', 'dimension et valeur vont ensemble');
  return ref;
}

/** The lines a figure counts, in the bilan's order. */
export function lignesDeLaFigure(
  input: Pick<BilanInput, 'lignes' | 'conventions' | 'reservataires' | 'periodes' | 'versions'>,
  ref: RefFigure,
): LigneBilan[] {
  validerRefFigure(ref);
  const periodes = input.periodes.length > 0 ? input.periodes : PERIODES_PAR_DEFAUT;
  const conventions = new Map(input.conventions.map((c) => [c.id, c]));
  // A convention's or a réservataire's lines are those its conventions count (as in the totals), in the bilan's order.
  const rang = new Map(input.lignes.map((l, i) => [l.liberationId, i]));
  const deConventions = (retenues: Convention[]) =>
    retenues
      .flatMap((c) =>
        lignesDeConvention(
          c,
          input.reservataires.find((r) => r.id === c.reservataireId),
          input.lignes,
          input.versions,
        ),
      )
      .sort((a, b) => rang.get(a.liberationId)! - rang.get(b.liberationId)!);
  const lignes =
    ref.perimetre === 'convention'
      ? deConventions(input.conventions.filter((c) => c.id === ref.id))
      : ref.perimetre === 'reservataire'
        ? deConventions(input.conventions.filter((c) => c.reservataireId === ref.id))
        : ref.perimetre === 'epci'
          ? input.lignes.filter((l) => (l.logement.epci ?? '') === ref.id)
          : input.lignes;
  return lignes.filter((l) => {
    const id = l.decision?.conventionId;
    const courante = id ? conventions.get(id) : undefined;
    // A versioned convention: the terms in force on the line's libération date, as in the totals.
    const c = courante && termesAuJour(courante, input.versions?.[courante.id], l.date);
    if (!compte(l, ref.indicateur, c)) return false;
    return ref.dimension === undefined || valeurDimension(l, ref.dimension, periodes) === ref.valeur;
  });
}

/** One row of the « Détail » sheet (French column headings are the keys of `COLONNES_DETAIL`). */
export interface LigneDetail {
  rpls: string;
  commune: string;
  epci: string;
  qpv: string;
  typologie: string;
  financement: string;
  periode: string;
  liberation: string;
  nature: string;
  destination: string;
  reservataire: string;
  derogation: string;
  motifDerogation: string;
  demandeur: string;
  approbateur: string;
  proposition: string;
  statutProposition: string;
  candidats: number;
  refus: number;
  cal: string;
  quartile: number | null;
  prioritaire: string;
  bail: string;
  joursVacance: number | null;
}

export const COLONNES_DETAIL: Array<{ cle: keyof LigneDetail; titre: string; largeur: number }> = [
  { cle: 'rpls', titre: 'Logement (RPLS)', largeur: 18 },
  { cle: 'commune', titre: 'Commune', largeur: 22 },
  { cle: 'epci', titre: 'EPCI', largeur: 22 },
  { cle: 'qpv', titre: 'QPV', largeur: 9 },
  { cle: 'typologie', titre: 'Typologie', largeur: 10 },
  { cle: 'financement', titre: 'Financement', largeur: 12 },
  { cle: 'periode', titre: 'Période de construction', largeur: 18 },
  { cle: 'liberation', titre: 'Libération', largeur: 12 },
  { cle: 'nature', titre: 'Nature', largeur: 20 },
  { cle: 'destination', titre: 'Décision', largeur: 36 },
  { cle: 'reservataire', titre: 'Réservataire', largeur: 26 },
  { cle: 'derogation', titre: 'Dérogation', largeur: 11 },
  { cle: 'motifDerogation', titre: 'Motif de la dérogation', largeur: 24 },
  { cle: 'demandeur', titre: 'Demandée par', largeur: 20 },
  { cle: 'approbateur', titre: 'Approuvée par', largeur: 20 },
  { cle: 'proposition', titre: 'Proposition envoyée le', largeur: 14 },
  { cle: 'statutProposition', titre: 'Statut de la proposition', largeur: 20 },
  { cle: 'candidats', titre: 'Candidats', largeur: 10 },
  { cle: 'refus', titre: 'Refus', largeur: 8 },
  { cle: 'cal', titre: 'Attribution CAL le', largeur: 14 },
  { cle: 'quartile', titre: 'Quartile', largeur: 9 },
  { cle: 'prioritaire', titre: 'Prioritaire', largeur: 11 },
  { cle: 'bail', titre: 'Bail signé le', largeur: 14 },
  { cle: 'joursVacance', titre: 'Jours de vacance', largeur: 12 },
];

export const STATUTS_PROPOSITION: Record<string, string> = {
  EN_ATTENTE: 'En attente de candidats',
  CANDIDATS_RECUS: 'Candidats reçus',
  ATTRIBUEE: 'Attribuée',
  EXPIREE: 'Délai expiré (retour)',
  ANNULEE: 'Annulée',
};

const NATURES: Record<string, string> = { ROTATION: 'Rotation', NEUF: 'Première mise en location' };

/** The « Détail » row of any flat of `input` (its réservataires indexed once for all the rows). */
export function detailDe(input: BilanInput): (l: LigneBilan) => LigneDetail {
  const ctx = { ...input, reservataires: new Map(input.reservataires.map((r) => [r.id, r])) };
  return (l) => ligneDetail(l, ctx);
}

function ligneDetail(
  l: LigneBilan,
  ctx: {
    conventions: readonly Convention[];
    reservataires: Map<string, Reservataire>;
    communes: Record<string, string>;
    epcis: Record<string, string>;
    periodes: BilanInput['periodes'];
  },
): LigneDetail {
  const c = l.decision?.conventionId ? ctx.conventions.find((x) => x.id === l.decision!.conventionId) : undefined;
  const d = l.decision?.detailDerogation;
  return {
    rpls: l.logement.rplsId,
    commune: ctx.communes[l.logement.commune] ?? l.logement.commune,
    epci: l.logement.epci ? (ctx.epcis[l.logement.epci] ?? l.logement.epci) : '',
    qpv: l.logement.qpv ? 'QPV' : 'Hors QPV',
    typologie: l.logement.typologie,
    financement: l.logement.financement,
    periode: periodeDe(l.logement.anneeConstruction, ctx.periodes.length > 0 ? ctx.periodes : PERIODES_PAR_DEFAUT),
    liberation: dateFr(l.date),
    nature: NATURES[l.kind] ?? l.kind,
    destination: destinationLibelle(l, ctx.conventions, ctx.reservataires),
    reservataire: c ? (ctx.reservataires.get(c.reservataireId)?.nom ?? '') : '',
    derogation: l.decision?.derogation ? 'Oui' : 'Non',
    motifDerogation: d ? motifFr(d.motif) : '',
    demandeur: d?.demandeur ?? '',
    approbateur: d?.approbateur ?? '',
    proposition: l.proposition ? dateFr(l.proposition.envoyeeLe) : '',
    statutProposition: l.proposition ? (STATUTS_PROPOSITION[l.proposition.statut] ?? l.proposition.statut) : '',
    candidats: l.candidats,
    refus: l.refus,
    cal: l.attribution ? dateFr(l.attribution.dateCal) : '',
    quartile: l.attribution?.quartile ?? null,
    prioritaire: l.attribution ? (l.attribution.prioritaire ? 'Oui' : 'Non') : '',
    bail: l.bail ? dateFr(l.bail.signeLe) : '',
    joursVacance: l.bail ? Math.max(0, joursEntre(l.date, l.bail.signeLe)) : null,
  };
}
