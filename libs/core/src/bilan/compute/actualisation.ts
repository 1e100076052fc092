/**
 * Next year's actualisation, drawn from the closed year's bilan: the assiette from the patrimoine,
 * a prudent turnover from the last three years of recorded libérations, the planned excluded uses,
 * and each convention's objective with the deficit its corrective action carries — every number
 * with its explanation in French. The engine computes the flux (`calculerAssiette`) and the
 * objectives (`objectifAnnuel`).
 */
import {
  dateFr,
  calculerAssiette,
  cloturerConvention,
  objectifAnnuel,
  round6,
  type AssietteInput,
  type ClotureConvention,
  type Convention,
} from '@aiguillage/engine';
import type { Bilan } from './types';

export interface Explique<T> {
  valeur: T;
  explication: string;
}

export interface ObjectifActualise {
  conventionId: string;
  reference: string;
  reservataireNom: string;
  /** Deficit carried into the new year (whole flats: the exercice and the convention store integers). */
  deficitReporte: Explique<number>;
  objectif: Explique<number>;
  /**
   * What the engine's closing of the source year (`cloturerConvention`) carries onto the convention
   * from 1 January of the new year (deficit, its first year, the droits-uniques pool left), and
   * whether the convention ends with the source year (its pool exhausted). Validation writes it as a version.
   */
  suite: Pick<Convention, 'deficitReporte' | 'deficitAnnee' | 'cible'>;
  epuisee: boolean;
}

/**
 * The engine's closing of a year in whole flats, as the year closing writes it (`cloture.service`):
 * the carried deficit and a droits-uniques pool rounded to the flat; an exhausted pool (< 1) ends the convention.
 */
export function clotureEnLogements(
  convention: Convention,
  annee: number,
  objectif: number,
  realise: number,
  droitsNouveaux = 0,
): ClotureConvention & { epuisee: boolean } {
  const brute = cloturerConvention(convention, annee, objectif, realise, droitsNouveaux);
  const cible =
    brute.suite.cible.type === 'DROITS_UNIQUES'
      ? { ...brute.suite.cible, nombre: Math.round(brute.suite.cible.nombre) }
      : brute.suite.cible;
  return {
    ...brute,
    suite: { ...brute.suite, deficitReporte: Math.round(brute.suite.deficitReporte), cible },
    epuisee: cible.type === 'DROITS_UNIQUES' && cible.nombre < 1,
  };
}

export interface PropositionActualisation {
  annee: number;
  anneeSource: number;
  departement: string;
  assiette: {
    logements: Explique<number>;
    stockDefense: Explique<number>;
    plansVente: Explique<number>;
    demolitions: Explique<number>;
    tauxRotation: Explique<number>;
    mutations: Explique<number>;
    relogements: { npnru: Explique<number>; orcod: Explique<number>; lhi: Explique<number> };
  };
  rotationHistorique: Array<{ annee: number; liberations: number; taux: number | null }>;
  patrimoineFlux: number;
  fluxBrut: number;
  fluxARepartir: Explique<number>;
  objectifs: ObjectifActualise[];
  droitsExpires: Array<{
    conventionId: string;
    reference: string;
    dateFin: string;
    deficitNonSolde: number;
    explication: string;
  }>;
  nouveauxProgrammes: Explique<number>;
}

export interface EntreeActualisation {
  bilan: Bilan;
  /** Each convention under the terms the source year ended under (its version in force on 31 December). */
  conventions: Convention[];
  patrimoine: { logements: number; stockDefense: number; plansVente: number; demolitions: number };
  /** Flats in the flux today and the ROTATION libérations of each of the last three years. */
  rotation: { logementsFlux: number; liberations: Record<number, number> };
  /** Manager's edits (on review). */
  modifications?: {
    tauxRotation?: number;
    exclusions?: Partial<{ mutations: number; npnru: number; orcod: number; lhi: number }>;
    objectifs?: Array<{ conventionId: string; objectif: number }>;
  };
}

const pct = (x: number) => `${(x * 100).toLocaleString('fr-FR', { maximumFractionDigits: 2 })} %`;

/** Prudent turnover: the lower of the 3-year average and the last year's (turnover is falling). */
export function rotationPrudente(historique: Array<{ taux: number | null }>): { taux: number; explication: string } {
  const connus = historique.map((h) => h.taux).filter((t): t is number => t !== null);
  if (connus.length === 0)
    return {
      taux: 0,
      explication: 'Aucune libération enregistrée sur les trois dernières années : rotation à saisir.',
    };
  const moyenne = round6(connus.reduce((s, t) => s + t, 0) / connus.length);
  const derniere = connus[connus.length - 1];
  const taux = round6(Math.min(moyenne, derniere));
  return {
    taux,
    explication:
      `Moyenne sur ${connus.length} an(s) : ${pct(moyenne)} ; dernière année : ${pct(derniere)}. ` +
      `Retenu par prudence le plus bas des deux (${pct(taux)}), la rotation étant orientée à la baisse.`,
  };
}

export function proposerActualisation(e: EntreeActualisation): PropositionActualisation {
  const { bilan } = e;
  const annee = bilan.annee + 1;
  const m = e.modifications ?? {};
  const historique = [bilan.annee - 2, bilan.annee - 1, bilan.annee].map((a) => {
    const n = e.rotation.liberations[a] ?? 0;
    return {
      annee: a,
      liberations: n,
      taux: e.rotation.logementsFlux > 0 && n > 0 ? round6(n / e.rotation.logementsFlux) : null,
    };
  });
  const prudente = rotationPrudente(historique);
  const tauxRotation = m.tauxRotation ?? prudente.taux;
  const realise = (usage: string) => bilan.exclusions.find((x) => x.usage === usage)?.realise ?? 0;
  const exclusion = (cle: 'mutations' | 'npnru' | 'orcod' | 'lhi', usage: string, libelle: string): Explique<number> =>
    m.exclusions?.[cle] !== undefined
      ? { valeur: m.exclusions[cle], explication: `${libelle} : saisi par le gestionnaire.` }
      : {
          valeur: realise(usage),
          explication: `${libelle} : reconduit sur le réalisé ${bilan.annee} (${realise(usage)}), à ajuster au plan de relogement.`,
        };
  const assiette = {
    logements: {
      valeur: e.patrimoine.logements,
      explication: 'Logements du patrimoine dans le département (RPLS importé).',
    },
    stockDefense: {
      valeur: e.patrimoine.stockDefense,
      explication: 'Logements identifiés du stock Défense, gérés en stock.',
    },
    plansVente: { valeur: e.patrimoine.plansVente, explication: 'Logements inscrits au plan de vente.' },
    demolitions: { valeur: e.patrimoine.demolitions, explication: 'Logements voués à la démolition.' },
    tauxRotation: {
      valeur: tauxRotation,
      explication:
        m.tauxRotation !== undefined
          ? `Saisi par le gestionnaire (${pct(tauxRotation)}). ${prudente.explication}`
          : prudente.explication,
    },
    mutations: exclusion('mutations', 'MUTATION', 'Mutations internes'),
    relogements: {
      npnru: exclusion('npnru', 'NPNRU', 'Relogements NPNRU'),
      orcod: exclusion('orcod', 'ORCOD', 'Relogements ORCOD'),
      lhi: exclusion('lhi', 'LHI', 'Relogements LHI'),
    },
  };
  const entree: AssietteInput = {
    logements: assiette.logements.valeur,
    stockDefense: assiette.stockDefense.valeur,
    plansVente: assiette.plansVente.valeur,
    demolitions: assiette.demolitions.valeur,
    tauxRotation,
    mutations: assiette.mutations.valeur,
    relogements: {
      npnru: assiette.relogements.npnru.valeur,
      orcod: assiette.relogements.orcod.valeur,
      lhi: assiette.relogements.lhi.valeur,
    },
  };
  const calcul = calculerAssiette(entree);
  const debut = `${annee}-01-01`;
  const parConvention = new Map(bilan.conventions.map((c) => [c.conventionId, c]));
  const actives = e.conventions.filter((c) => !c.dateFin || c.dateFin >= debut);
  const expirees = e.conventions.filter((c) => c.dateFin && c.dateFin < debut);
  const objectifs = actives.map((c): ObjectifActualise => {
    const b = parConvention.get(c.id);
    // The engine's closing of the source year, on the bilan's objective and décompte.
    const cloture = b ? clotureEnLogements(c, bilan.annee, b.objectif.reel, b.objectif.decompte) : null;
    const suite = cloture?.suite ?? { deficitReporte: 0, deficitAnnee: c.deficitAnnee ?? null, cible: c.cible };
    const deficit = suite.deficitReporte;
    const explicationDeficit = b
      ? `${b.objectif.issue.explication} Arrondi au logement : ${deficit}.`
      : `Convention sans bilan ${bilan.annee} : aucun déficit reporté.`;
    const suivante: Convention = { ...c, ...suite };
    const calcule = cloture?.epuisee ? 0 : Math.round(objectifAnnuel(suivante, calcul.fluxARepartir, { annee }));
    const saisi = m.objectifs?.find((o) => o.conventionId === c.id)?.objectif;
    const cible =
      suite.cible.type === 'TAUX'
        ? `${pct(suite.cible.taux)} × ${calcul.fluxARepartir} logements à répartir`
        : cloture?.epuisee
          ? `Droits uniques épuisés en ${bilan.annee} : la convention prend fin`
          : `${suite.cible.nombre} droit(s) unique(s) restant(s) sur ${suite.cible.annees} an(s) après la clôture ${bilan.annee}`;
    return {
      conventionId: c.id,
      reference: c.reference,
      reservataireNom: b?.reservataireNom ?? c.reservataireId,
      deficitReporte: { valeur: deficit, explication: explicationDeficit },
      objectif:
        saisi !== undefined
          ? {
              valeur: saisi,
              explication: `Saisi par le gestionnaire (calcul : ${calcule}, soit ${cible} plus le déficit dû).`,
            }
          : {
              valeur: calcule,
              explication: `${cible}, plus la part du déficit due cette année selon l’action corrective, arrondi au logement.`,
            },
      suite,
      epuisee: cloture?.epuisee ?? false,
    };
  });
  return {
    annee,
    anneeSource: bilan.annee,
    departement: bilan.departement,
    assiette,
    rotationHistorique: historique,
    patrimoineFlux: calcul.patrimoineFlux,
    fluxBrut: calcul.fluxBrut,
    fluxARepartir: {
      valeur: calcul.fluxARepartir,
      explication: `(${assiette.logements.valeur} − ${assiette.stockDefense.valeur} Défense − ${assiette.plansVente.valeur} vente − ${assiette.demolitions.valeur} démolition) × ${pct(tauxRotation)} = ${calcul.fluxBrut} ; moins ${calcul.fluxBrut - calcul.fluxARepartir} usages exclus prévus = ${calcul.fluxARepartir}.`,
    },
    objectifs,
    droitsExpires: expirees.map((c) => {
      const ecart = parConvention.get(c.id)?.objectif.ecart ?? 0;
      return {
        conventionId: c.id,
        reference: c.reference,
        dateFin: c.dateFin!,
        deficitNonSolde: Math.max(0, ecart),
        explication: `Convention échue le ${dateFr(c.dateFin!)} : ses droits ne sont pas reconduits${ecart > 0 ? ` ; ${ecart} logement(s) restaient dus.` : '.'}`,
      };
    }),
    nouveauxProgrammes: {
      valeur: bilan.flux.premieresLocations,
      explication: `${bilan.flux.premieresLocations} logement(s) neuf(s) mis en location en ${bilan.annee} « pour un tour » rejoignent le flux : déjà comptés dans le patrimoine ci-dessus.`,
    },
  };
}
