/**
 * Computes the bilan of a year from its lines: per convention and réservataire, consolidated for the
 * bailleur × département and per EPCI (for the CIL). Pure and deterministic: the same input gives
 * the same bilan, in the same order (the snapshot's hash relies on it).
 */
import {
  USAGES_EXCLUS,
  round6,
  termesAuJour,
  type Convention,
  type Reservataire,
  type UsageExclu,
  type VersionsConventions,
} from '@aiguillage/engine';
import { compte, couvre, joursEntre, lignesDeConvention, PERIODES_PAR_DEFAUT, poids, valeurDimension } from './lignes';
import { decompte, engagementsQpv, objectifConvention, objectifsLegaux } from './objectifs';
import {
  DIMENSIONS,
  type Bilan,
  type BilanConvention,
  type BilanInput,
  type BilanPerimetre,
  type Compteurs,
  type ExclusionBilan,
  type FluxBilan,
  type LigneBilan,
  type PartPrefet,
  type PeriodeConstruction,
  type Repartitions,
} from './types';

export const LIBELLES_USAGE: Record<UsageExclu, string> = {
  MUTATION: 'Mutations internes',
  NPNRU: 'Relogements NPNRU (renouvellement urbain)',
  ORCOD: 'Relogements ORCOD (copropriétés dégradées)',
  LHI: 'Relogements LHI (habitat indigne)',
};

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The year's counters over `lignes`; each line's own convention decides whether a return still counts,
 * under the terms in force on the line's libération date when the convention is versioned.
 */
export function compteurs(
  lignes: readonly LigneBilan[],
  conventions: ReadonlyMap<string, Convention>,
  versions: VersionsConventions = {},
): Compteurs {
  const c: Compteurs = {
    proposes: 0,
    attribues: 0,
    baux: 0,
    retours: 0,
    retoursComptes: 0,
    refus: 0,
    derogations: 0,
    attribuesPrioritaires: 0,
    attribuesHorsQpv: 0,
    attribuesHorsQpvQ1: 0,
    attribuesQpv: 0,
    attribuesQpvQ234: 0,
    joursVacance: 0,
    logementsLoues: 0,
  };
  for (const l of lignes) {
    if (!compte(l, 'proposes')) continue;
    const id = l.decision!.conventionId ?? '';
    const courante = conventions.get(id);
    const convention = courante && termesAuJour(courante, versions[id], l.date);
    c.proposes++;
    c.attribues += poids(l, 'attribues');
    c.baux += poids(l, 'baux');
    c.retours += poids(l, 'retours');
    c.retoursComptes += poids(l, 'retoursComptes', convention);
    c.refus += poids(l, 'refus');
    c.derogations += poids(l, 'derogations');
    c.attribuesPrioritaires += poids(l, 'attribuesPrioritaires');
    c.attribuesHorsQpv += poids(l, 'attribuesHorsQpv');
    c.attribuesHorsQpvQ1 += poids(l, 'attribuesHorsQpvQ1');
    c.attribuesQpv += poids(l, 'attribuesQpv');
    c.attribuesQpvQ234 += poids(l, 'attribuesQpvQ234');
    if (l.bail) {
      c.logementsLoues++;
      c.joursVacance += Math.max(0, joursEntre(l.date, l.bail.signeLe));
    }
  }
  return c;
}

/**
 * What counted for a convention under its décompte, as the live engine counts it: each vacancy under
 * the terms in force on its libération date (`termesAuJour`), the lines grouped by the terms they
 * fall under and each group weighed by the engine's `realise`.
 */
export function decompteConvention(
  convention: Convention,
  lignes: readonly LigneBilan[],
  versions: VersionsConventions = {},
): number {
  const v = versions[convention.id];
  if (!v?.length) return decompte(convention, compteurs(lignes, new Map([[convention.id, convention]])));
  const groupes = new Map<Convention, LigneBilan[]>();
  for (const l of lignes) {
    const termes = termesAuJour(convention, v, l.date);
    const list = groupes.get(termes);
    if (list) list.push(l);
    else groupes.set(termes, [l]);
  }
  let total = 0;
  for (const [termes, groupe] of groupes)
    total += decompte(termes, compteurs(groupe, new Map([[convention.id, termes]])));
  return round6(total);
}

/** Proposed and attributed flats by typologie, financement, QPV, commune and construction period. */
export function repartitions(lignes: readonly LigneBilan[], periodes: PeriodeConstruction[]): Repartitions {
  const r = Object.fromEntries(DIMENSIONS.map((d) => [d, {}])) as Repartitions;
  for (const l of lignes) {
    if (!compte(l, 'proposes')) continue;
    const attribue = compte(l, 'attribues');
    for (const d of DIMENSIONS) {
      const v = valeurDimension(l, d, periodes);
      const cell = (r[d][v] ??= { proposes: 0, attribues: 0 });
      cell.proposes++;
      if (attribue) cell.attribues++;
    }
  }
  for (const d of DIMENSIONS) r[d] = Object.fromEntries(Object.entries(r[d]).sort(([a], [b]) => byText(a, b)));
  return r;
}

function flux(input: BilanInput): FluxBilan {
  const n = (indicateur: Parameters<typeof compte>[1]) =>
    input.lignes.reduce((s, l) => s + (compte(l, indicateur) ? 1 : 0), 0);
  const hors = input.lignes.filter((l) => compte(l, 'horsAssiette'));
  return {
    liberes: input.lignes.length,
    premieresLocations: n('premieresLocations'),
    horsAssiette: {
      defense: hors.filter((l) => l.logement.stockDefense).length,
      vente: hors.filter((l) => !l.logement.stockDefense && l.logement.horsAssiette === 'VENTE').length,
      demolition: hors.filter((l) => !l.logement.stockDefense && l.logement.horsAssiette === 'DEMOLITION').length,
    },
    dansLeFlux: n('dansLeFlux'),
    exclus: n('exclus'),
    fluxReelARepartir: n('fluxReel'),
    fluxPrevu: input.exercice ? input.exercice.fluxARepartir : null,
    nonReserve: n('nonReserve'),
    nonDecides: n('nonDecides'),
  };
}

function exclusions(input: BilanInput): ExclusionBilan[] {
  const a = input.exercice?.assiette;
  const prevus: Record<UsageExclu, number | null> = {
    MUTATION: a ? a.mutations : null,
    NPNRU: a ? a.relogements.npnru : null,
    ORCOD: a ? a.relogements.orcod : null,
    LHI: a ? a.relogements.lhi : null,
  };
  return USAGES_EXCLUS.map((usage) => {
    const realise = input.lignes.filter((l) => compte(l, 'exclus') && l.decision!.usage === usage).length;
    const prevu = prevus[usage];
    return { usage, libelle: LIBELLES_USAGE[usage], prevu, realise, ecart: prevu === null ? null : realise - prevu };
  });
}

/** The flux actually to share, by place (commune × EPCI × département × QPV). */
interface Lieu {
  commune: string;
  epci: string | null;
  departement: string;
  qpv: number;
  horsQpv: number;
}
function fluxReelParLieu(lignes: readonly LigneBilan[]): Lieu[] {
  const lieux = new Map<string, Lieu>();
  for (const l of lignes) {
    if (!compte(l, 'fluxReel')) continue;
    const key = `${l.logement.commune}|${l.logement.epci ?? ''}|${l.logement.departement}`;
    let lieu = lieux.get(key);
    if (!lieu)
      lieux.set(
        key,
        (lieu = {
          commune: l.logement.commune,
          epci: l.logement.epci,
          departement: l.logement.departement,
          qpv: 0,
          horsQpv: 0,
        }),
      );
    if (l.logement.qpv) lieu.qpv++;
    else lieu.horsQpv++;
  }
  return [...lieux.values()];
}

function cibleLibelle(c: Convention): string {
  return c.cible.type === 'TAUX'
    ? `${round6(c.cible.taux * 100).toLocaleString('fr-FR')} % du flux`
    : `${c.cible.nombre} droits uniques sur ${c.cible.annees} an(s)`;
}

function partPrefet(
  c: Convention,
  reservataire: Reservataire | undefined,
  lignes: readonly LigneBilan[],
  lieux: Lieu[],
  communes: Record<string, string>,
): PartPrefet | null {
  if (reservataire?.kind !== 'ETAT' || c.cible.type !== 'TAUX') return null;
  const taux = c.cible.taux;
  const couverts = lieux.filter((x) => couvre(c, reservataire, x));
  const mesure = (proposes: number, fluxLieu: number) => {
    const part = fluxLieu > 0 ? round6(proposes / fluxLieu) : null;
    return { proposes, flux: fluxLieu, part, respecte: part === null ? null : part >= taux - 1e-9 };
  };
  const proposes = lignes.filter((l) => compte(l, 'proposes'));
  const parCommune = new Map<string, number>();
  for (const x of couverts) parCommune.set(x.commune, (parCommune.get(x.commune) ?? 0) + x.qpv + x.horsQpv);
  return {
    conventionId: c.id,
    taux,
    horsQpv: mesure(
      proposes.filter((l) => !l.logement.qpv).length,
      couverts.reduce((s, x) => s + x.horsQpv, 0),
    ),
    communes: [...parCommune.keys()].sort(byText).map((commune) => ({
      commune,
      nom: communes[commune] ?? commune,
      ...mesure(proposes.filter((l) => l.logement.commune === commune).length, parCommune.get(commune)!),
    })),
  };
}

function perimetre(
  id: string,
  nom: string,
  lignes: readonly LigneBilan[],
  periodes: PeriodeConstruction[],
  conventions: ReadonlyMap<string, Convention>,
  versions?: VersionsConventions,
): BilanPerimetre {
  const c = compteurs(lignes, conventions, versions);
  return { id, nom, compteurs: c, repartitions: repartitions(lignes, periodes), legaux: objectifsLegaux(c) };
}

export function calculerBilan(input: BilanInput): Bilan {
  const periodes = input.periodes.length > 0 ? input.periodes : PERIODES_PAR_DEFAUT;
  const reservataires = new Map(input.reservataires.map((r) => [r.id, r]));
  const parId = new Map(input.conventions.map((c) => [c.id, c]));
  const versions = input.versions ?? {};
  const parConvention = new Map(
    input.conventions.map((c) => [
      c.id,
      lignesDeConvention(c, reservataires.get(c.reservataireId), input.lignes, versions),
    ]),
  );
  const lieux = fluxReelParLieu(input.lignes);
  const nomReservataire = (id: string) => reservataires.get(id)?.nom ?? id;
  const conventions = [...input.conventions].sort(
    (a, b) =>
      byText(nomReservataire(a.reservataireId), nomReservataire(b.reservataireId)) || byText(a.reference, b.reference),
  );

  const bilanConventions: BilanConvention[] = [];
  const prefet: PartPrefet[] = [];
  for (const c of conventions) {
    const lignes = parConvention.get(c.id)!;
    const reservataire = reservataires.get(c.reservataireId);
    const cpt = compteurs(lignes, parId, versions);
    const fait = decompteConvention(c, lignes, versions);
    const fluxTerritoire = lieux.reduce((s, x) => s + (couvre(c, reservataire, x) ? x.qpv + x.horsQpv : 0), 0);
    bilanConventions.push({
      conventionId: c.id,
      reference: c.reference,
      reservataireId: c.reservataireId,
      reservataireNom: nomReservataire(c.reservataireId),
      cible: cibleLibelle(c),
      decompteMode: c.decompte.mode,
      compteurs: cpt,
      repartitions: repartitions(lignes, periodes),
      objectif: objectifConvention(c, input.annee, input.exercice, fluxTerritoire, fait, {
        versions: versions[c.id],
        prevu: input.objectifsPrevus?.[c.id],
      }),
      legaux: objectifsLegaux(cpt, c.engagements),
      engagements: engagementsQpv(
        c,
        cpt.proposes,
        lignes.filter((l) => compte(l, 'proposes') && l.logement.qpv).length,
      ),
    });
    const p = partPrefet(c, reservataire, lignes, lieux, input.communes);
    if (p) prefet.push(p);
  }

  const idsReservataires = [...new Set(conventions.map((c) => c.reservataireId))];
  const bilanReservataires = idsReservataires.map((id) => {
    const lignes = conventions.filter((c) => c.reservataireId === id).flatMap((c) => parConvention.get(c.id) ?? []);
    return perimetre(id, nomReservataire(id), lignes, periodes, parId, input.versions);
  });

  const parEpci = new Map<string, LigneBilan[]>();
  for (const l of input.lignes) {
    const e = l.logement.epci ?? '';
    const list = parEpci.get(e);
    if (list) list.push(l);
    else parEpci.set(e, [l]);
  }
  const epcis = [...parEpci.keys()]
    .sort(byText)
    .map((e) =>
      perimetre(e, e ? (input.epcis[e] ?? e) : 'Hors EPCI', parEpci.get(e)!, periodes, parId, input.versions),
    );

  const derogations = input.lignes
    .filter((l) => compte(l, 'derogations'))
    .map((l) => ({
      liberationId: l.liberationId,
      rplsId: l.logement.rplsId,
      commune: input.communes[l.logement.commune] ?? l.logement.commune,
      date: l.decision!.decideeLe,
      destination: destinationLibelle(l, input.conventions, reservataires),
      motif: l.decision!.detailDerogation?.motif ?? 'Non renseigné',
      commentaire: l.decision!.detailDerogation?.commentaire ?? null,
      demandeur: l.decision!.detailDerogation?.demandeur ?? null,
      approbateur: l.decision!.detailDerogation?.approbateur ?? null,
      statut: l.decision!.detailDerogation?.statut ?? null,
    }));

  return {
    annee: input.annee,
    departement: input.departement,
    bailleur: input.bailleur,
    periodes,
    flux: flux(input),
    exclusions: exclusions(input),
    conventions: bilanConventions,
    reservataires: bilanReservataires,
    consolide: perimetre(input.bailleur.id, input.bailleur.nom, input.lignes, periodes, parId, input.versions),
    epcis,
    prefet,
    derogations,
  };
}

/** « Convention C-12 (Préfecture) », « Mutation interne », « Contingent du bailleur », « Non décidé ». */
export function destinationLibelle(
  l: LigneBilan,
  conventions: readonly Convention[],
  reservataires: Map<string, Reservataire>,
): string {
  const d = l.decision;
  if (!d) return 'Non décidé';
  if (d.destination === 'BAILLEUR') return 'Contingent du bailleur (non réservé)';
  if (d.destination === 'EXCLU') return d.usage ? LIBELLES_USAGE[d.usage] : 'Usage exclu';
  const c = conventions.find((x) => x.id === d.conventionId);
  if (!c) return `Convention ${d.conventionId}`;
  return `${c.reference} (${reservataires.get(c.reservataireId)?.nom ?? c.reservataireId})`;
}
