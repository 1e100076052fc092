/** The year: each bailleur's exercice (assiette, seasonality, objectives), demand profiles and libérations. */
import {
  TYPOLOGIES,
  calculerAssiette,
  type AssietteInput,
  type Convention,
  type DemandeLigne,
  type Exercice,
  type Liberation,
  type Logement,
  type MotifLiberation,
  type ProfilDemande,
  type Reservataire,
  type ReservataireKind,
  type Typologie,
} from '@aiguillage/engine';
import type { Rng } from './random';
import type { Geographie } from './geographie';
import type { PrevisionBailleur } from './reservations';
import { PLAFOND_ETAT } from './reservations';
import { dansTerritoire } from './ancien-stock';
import { objectifConvention } from './calculs';
import {
  MOTIFS_ROTATION,
  PART_LHI,
  PART_MUTATIONS,
  PART_ORCOD,
  PART_RELOGEMENT_DEMOLITION,
  demandesParAttribution,
} from './parametres';
import { daysInMonth, daysInYear, isoDate, joursValidesDansAnnee, round } from './util';
import type { DetailObjectif } from './types';

export function genererExercice(
  ids: Rng,
  p: PrevisionBailleur,
  logements: Logement[],
  conventions: Convention[],
  reservataires: Map<string, Reservataire>,
  annee: number,
  departement: string,
  saisonnalite: number[],
  programmesNeufs: ReadonlySet<string>,
  epciDe: ReadonlyMap<string, string>,
  prudence: number,
): { exercice: Exercice; details: DetailObjectif[] } {
  const existants = logements.filter((l) => l.bailleurId === p.bailleurId && !programmesNeufs.has(l.programmeId ?? ''));
  const demolitions = existants.filter((l) => l.horsAssiette === 'DEMOLITION').length;
  const tauxRotation = round(p.rotation * prudence, 3);
  const stockDefense = existants.filter((l) => l.stockDefense).length;
  const plansVente = existants.filter((l) => l.horsAssiette === 'VENTE').length;
  const sansExclusions = { mutations: 0, relogements: { npnru: 0, orcod: 0, lhi: 0 } };
  const base = { logements: existants.length, stockDefense, plansVente, demolitions, tauxRotation };
  const { fluxBrut } = calculerAssiette({ ...base, ...sansExclusions });
  // Withdrawn from the gross flux: internal mutations and rehousing (NPNRU where it demolishes).
  const assiette: AssietteInput = {
    ...base,
    mutations: Math.round(fluxBrut * PART_MUTATIONS),
    relogements: {
      npnru: Math.round(demolitions * PART_RELOGEMENT_DEMOLITION),
      orcod: p.def.orcod ? Math.round(fluxBrut * PART_ORCOD) : 0,
      lhi: Math.round(fluxBrut * PART_LHI),
    },
  };
  const { fluxARepartir } = calculerAssiette(assiette);
  const details: DetailObjectif[] = conventions
    .filter((c) => c.bailleurId === p.bailleurId)
    .map((c) => {
      const reservataire = reservataires.get(c.reservataireId)!;
      const territoire = c.territoire ?? reservataire.territoire;
      let attenduZone = 0;
      for (const [insee, n] of p.attenduParCommune) {
        if (dansTerritoire({ commune: insee, epci: epciDe.get(insee), departement }, territoire)) attenduZone += n;
      }
      const prorata = joursValidesDansAnnee(annee, c.dateDebut, c.dateFin) / daysInYear(annee);
      if (reservataire.kind === 'DEFENSE') {
        // En stock, outside the flux: what it is due is the forecast turnover of its identified flats.
        return {
          conventionId: c.id,
          bailleurId: p.bailleurId,
          fluxTerritoire: round(p.attenduDefense, 2),
          prorata: round(prorata, 4),
          objectif: Math.round(p.attenduDefense * prorata),
        };
      }
      const fluxTerritoire = fluxARepartir * (attenduZone / p.attendu);
      const plafond = reservataire.kind === 'ETAT' ? PLAFOND_ETAT : undefined;
      return {
        conventionId: c.id,
        bailleurId: p.bailleurId,
        fluxTerritoire: round(fluxTerritoire, 2),
        prorata: round(prorata, 4),
        objectif: objectifConvention(c, annee, fluxTerritoire, plafond),
      };
    });
  const objectifs = details.map((d) => ({ conventionId: d.conventionId, objectif: d.objectif }));
  return {
    exercice: {
      id: ids.uuid(),
      bailleurId: p.bailleurId,
      departement,
      annee,
      assiette,
      fluxARepartir,
      saisonnalite,
      objectifs,
    },
    details,
  };
}

interface ProfilType {
  typologies: Record<Typologie, number>;
  quartiles: [number, number, number, number];
  prioritaires: number;
  delai: number;
  refus: number;
}

/** A kind's profile; `typologies` lists the shares of T1..T6 in `TYPOLOGIES` order. */
function profil(
  typologies: number[],
  quartiles: ProfilType['quartiles'],
  prioritaires: number,
  delai: number,
  refus: number,
): ProfilType {
  return {
    typologies: Object.fromEntries(TYPOLOGIES.map((t, i) => [t, typologies[i]])) as Record<Typologie, number>,
    quartiles,
    prioritaires,
    delai,
    refus,
  };
}

/**
 * Who applies through each kind of réservataire (order of magnitude from SNE and the guides):
 * typologies T1..T6, income quartiles Q1..Q4, priority share, délai in days, refusal rate.
 */
const PROFILS: Record<ReservataireKind, ProfilType> = {
  ETAT: profil([0.22, 0.25, 0.24, 0.18, 0.09, 0.02], [0.58, 0.24, 0.12, 0.06], 0.85, 12, 0.3),
  ALS: profil([0.1, 0.34, 0.36, 0.15, 0.04, 0.01], [0.14, 0.3, 0.32, 0.24], 0.3, 21, 0.35),
  COMMUNE: profil([0.16, 0.3, 0.29, 0.17, 0.07, 0.01], [0.32, 0.28, 0.23, 0.17], 0.32, 18, 0.25),
  EPCI: profil([0.15, 0.3, 0.3, 0.17, 0.07, 0.01], [0.3, 0.28, 0.24, 0.18], 0.3, 20, 0.27),
  DEPARTEMENT: profil([0.15, 0.25, 0.28, 0.2, 0.1, 0.02], [0.45, 0.27, 0.17, 0.11], 0.45, 20, 0.28),
  REGION: profil([0.2, 0.35, 0.3, 0.12, 0.03, 0], [0.2, 0.3, 0.3, 0.2], 0.25, 25, 0.3),
  EMPLOYEUR: profil([0.2, 0.38, 0.3, 0.1, 0.02, 0], [0.15, 0.35, 0.3, 0.2], 0.28, 15, 0.3),
  ORGANISME: profil([0.6, 0.35, 0.05, 0, 0, 0], [0.62, 0.25, 0.09, 0.04], 0.55, 10, 0.2),
  DEFENSE: profil([0.05, 0.22, 0.38, 0.25, 0.09, 0.01], [0.1, 0.3, 0.35, 0.25], 0.05, 25, 0.25),
};

/**
 * One demand profile per réservataire: active applicants by commune × typologie, in proportion to
 * the flats it expects in the year and to local tension; the quartile mix, priority share, délai
 * and refusal rate of its kind, lightly perturbed by the seed.
 */
export function genererProfils(
  rng: Rng,
  geo: Geographie,
  reservataires: Reservataire[],
  conventions: Convention[],
  exercices: Exercice[],
  attenduDepartementParCommune: Map<string, number>,
  /** Expected libérations of the DEFENSE stock by commune: where its applicants look. */
  attenduDefenseParCommune: Map<string, number>,
  annee: number,
): ProfilDemande[] {
  const objectifParConvention = new Map(
    exercices.flatMap((e) => e.objectifs.map((o) => [o.conventionId, o.objectif] as const)),
  );
  return reservataires.map((r) => {
    const type = PROFILS[r.kind];
    const convs = conventions.filter((c) => c.reservataireId === r.id);
    const attendus = Math.max(
      1,
      convs.reduce((a, c) => a + (objectifParConvention.get(c.id) ?? 0), 0),
    );
    const communes = geo.communes.filter((c) =>
      dansTerritoire(
        { commune: c.commune.insee, epci: c.commune.epci, departement: c.commune.departement },
        r.territoire,
      ),
    );
    const offre = r.kind === 'DEFENSE' ? attenduDefenseParCommune : attenduDepartementParCommune;
    const poidsCommune = communes.map((c) => (offre.get(c.commune.insee) ?? 0) * demandesParAttribution(c.def.tension));
    const somme = poidsCommune.reduce((a, b) => a + b, 0) || 1;
    const demandes: DemandeLigne[] = [];
    communes.forEach((c, i) => {
      for (const t of TYPOLOGIES) {
        const moyenne =
          (attendus * poidsCommune[i] * type.typologies[t] * demandesParAttribution(c.def.tension)) / somme;
        const n = rng.poisson(moyenne);
        if (n > 0) demandes.push({ commune: c.commune.insee, typologie: t, demandeurs: n });
      }
    });
    const q = type.quartiles.map((x) => x * Math.exp(rng.normal(0, 0.08)));
    const sq = q.reduce((a, b) => a + b, 0);
    const quartiles = q.map((x) => Math.round((x / sq) * 1000) / 1000) as [number, number, number, number];
    quartiles[3] = Math.round((1 - quartiles[0] - quartiles[1] - quartiles[2]) * 1000) / 1000;
    return {
      reservataireId: r.id,
      annee,
      demandes,
      quartiles,
      prioritaires: Math.round(Math.min(0.98, type.prioritaires * Math.exp(rng.normal(0, 0.08))) * 100) / 100,
      delaiMoyenJours: Math.max(3, Math.round(type.delai + rng.normal(0, 3))),
      tauxRefus: Math.round(Math.min(0.7, Math.max(0.05, type.refus + rng.normal(0, 0.03))) * 100) / 100,
    };
  });
}

/** A year of libérations: each re-let flat freed with its probability, dated with the seasonality; new programmes' first lettings. */
export function genererLiberations(
  rng: Rng,
  ids: Rng,
  logements: Logement[],
  probabilite: (l: Logement) => number,
  programmesNeufs: ReadonlySet<string>,
  relouable: (l: Logement) => boolean,
  saisonnalite: number[],
  annee: number,
): Liberation[] {
  const brut: Array<{ logement: Logement; date: string; motif: MotifLiberation; kind: Liberation['kind'] }> = [];
  const motifs = MOTIFS_ROTATION.map(([m]) => m);
  const poidsMotifs = MOTIFS_ROTATION.map(([, w]) => w);
  const dateNeuf = new Map<string, string>();
  for (const l of logements) {
    if (programmesNeufs.has(l.programmeId ?? '')) {
      let date = dateNeuf.get(l.programmeId!);
      if (!date) {
        const mois = rng.int(1, 12);
        date = isoDate(annee, mois, rng.int(1, daysInMonth(annee, mois)));
        dateNeuf.set(l.programmeId!, date);
      }
      brut.push({ logement: l, date, motif: 'PREMIERE_MISE_EN_LOCATION', kind: 'NEUF' });
      continue;
    }
    if (!relouable(l) || !rng.bernoulli(probabilite(l))) continue;
    const mois = rng.weightedIndex(saisonnalite) + 1;
    brut.push({
      logement: l,
      date: isoDate(annee, mois, rng.int(1, daysInMonth(annee, mois))),
      motif: rng.weighted(motifs, poidsMotifs),
      kind: 'ROTATION',
    });
  }
  brut.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.logement.rplsId < b.logement.rplsId ? -1 : 1));
  return brut.map((x) => ({ id: ids.uuid(), logementId: x.logement.id, date: x.date, motif: x.motif, kind: x.kind }));
}
