/**
 * The demo year's scenario: what happens to each libération up to a date (« aujourd'hui » of the
 * demo), drawn from the seed. Pure data: the API plays it through the live flow's use cases
 * (`libs/core/src/demo/demo-replay.ts`), which is where the recommendations come from — the plan
 * only says when each step happens and what a person chooses (accept, override, candidates, CAL,
 * lease, or nothing so that the délai expires).
 */
import type { Bailleur, Liberation } from '@aiguillage/engine';
import { jourOuvre, plusJours } from './calendrier';
import { Rng } from './random';
import type { DemoDepartement } from './types';

/** The override reasons the demo uses (a subset of the flow's codes). */
export type MotifDerogationDemo = 'URGENCE' | 'MIXITE_SOCIALE' | 'ACCESSIBILITE' | 'DEMANDE_RESERVATAIRE' | 'AUTRE';

export interface DerogationPrevue {
  /** Which eligible alternative is chosen instead of the recommendation (1 = the second best). */
  alternative: number;
  motif: MotifDerogationDemo;
  commentaire: string;
  /** What the manager answers when the bailleur's policy asks for an approval. */
  issue: 'APPROUVEE' | 'REJETEE';
  /** Days between the request and the manager's answer (past the demo's date: still pending). */
  reponseApresJours: number;
  commentaireReponse: string;
  /**
   * Left for the manager's approvals page: made only toward an alternative the bailleur's policy asks
   * a manager for, and only once (the replay accepts the recommendation otherwise).
   */
  enAttente?: true;
}

export interface CandidatPrevu {
  numeroSne: string;
  rang: number;
  tailleMenage: number;
  quartile: 1 | 2 | 3 | 4;
  prioritaire: boolean;
}

/** What follows an orientation to a convention (the replay keeps at most `candidatsMax` candidates). */
export interface SuitePrevue {
  /** Days after the proposition when the candidates come; null: none come (a DIRECTE délai expires). */
  candidatsApresJours: number | null;
  candidats: CandidatPrevu[];
  /** Days after the candidates when the CAL attributes the flat (rank 1). */
  calApresJours: number;
  /** The first attributed candidate refuses the flat, this many days after the CAL (the next one is attributed a week later). */
  refusApresJours: number | null;
  /** Days after the (last) attribution when the lease is signed. */
  bailApresJours: number;
}

export interface EvenementPrevu {
  liberation: Liberation;
  bailleurId: string;
  /** Days after the libération when a chargé decides (past the demo's date: the flat waits « À orienter »). */
  decisionApresJours: number;
  derogation: DerogationPrevue | null;
  suite: SuitePrevue;
}

export interface ScenarioDemo {
  /** « Aujourd'hui » of the demo: nothing after this day is played. */
  jusquau: string;
  /** The département's code (the exercices' key). */
  departement: string;
  /** The bailleur whose chargé and manager accounts take the decisions and approve the overrides. */
  bailleurDerogations: string;
  /** One entry per libération dated up to `jusquau`, in the generator's order (date, then RPLS id). */
  evenements: EvenementPrevu[];
}

/** Share of decisions overridden at the bailleur with a manager; higher in the last week so that some wait for approval. */
const TAUX_DEROGATION = 0.015;
const TAUX_DEROGATION_RECENT = 0.15;
/** Share of DIRECTE propositions for which the réservataire brings nobody (the délai expires). */
const TAUX_SANS_CANDIDAT = 0.08;
/** Share of attributions refused by the candidate. */
const TAUX_REFUS = 0.06;
const joursEntre = (de: string, a: string): number => Math.round((Date.parse(a) - Date.parse(de)) / 86_400_000);
/** Flats of the chargé's bailleur (the largest) still to orient at the demo's date, at least (see `fileAOrienter`). */
const FILE_A_ORIENTER = 3;

const COMMENTAIRES: Record<MotifDerogationDemo, string[]> = {
  URGENCE: [
    'Ménage signalé par le SIAO, sans solution d’hébergement à la fin du mois : relogement urgent.',
    'Incendie dans la résidence voisine : famille à reloger en priorité.',
  ],
  MIXITE_SOCIALE: [
    'Équilibre de peuplement de la résidence : éviter une nouvelle concentration de ménages très modestes dans cette cage d’escalier.',
    'Commission de peuplement du quartier : logement réservé à un ménage en emploi.',
  ],
  ACCESSIBILITE: [
    'Logement adapté en rez-de-chaussée : un candidat en fauteuil attend chez ce réservataire.',
    'Ascenseur et douche de plain-pied : demande d’une personne âgée à mobilité réduite.',
  ],
  DEMANDE_RESERVATAIRE: [
    'À la demande du réservataire, qui a un candidat prêt pour cette typologie dans la commune.',
    'Le réservataire a un dossier complet, déjà passé en pré-CAL pour un logement semblable.',
  ],
  AUTRE: [
    'Candidat déjà positionné sur le logement voisin, qui se désiste : dossier prêt à passer en CAL.',
    'Arbitrage de la direction : rattrapage d’un engagement pris lors du bilan de l’an dernier.',
  ],
};
const MOTIFS: MotifDerogationDemo[] = ['URGENCE', 'MIXITE_SOCIALE', 'ACCESSIBILITE', 'DEMANDE_RESERVATAIRE', 'AUTRE'];
const ACCORDS = [
  'Accord : le motif est justifié, la convention recommandée sera servie sur une prochaine libération.',
  'Accord, à titre exceptionnel : à signaler au bilan annuel.',
];
const REFUS = ['Refus : la convention recommandée est en retard sur son objectif, la recommandation s’applique.'];

/** The bailleur with the most flats (the demo's chargé and manager work there). */
export function plusGrandBailleur(demo: Pick<DemoDepartement, 'bailleurs' | 'logements'>): Bailleur {
  const flats = new Map<string, number>();
  for (const logement of demo.logements) flats.set(logement.bailleurId, (flats.get(logement.bailleurId) ?? 0) + 1);
  const largest = [...demo.bailleurs].sort((a, b) => (flats.get(b.id) ?? 0) - (flats.get(a.id) ?? 0))[0];
  if (!largest) throw new Error('Démo incomplète : il faut au moins un bailleur');
  return largest;
}

/**
 * The demo's « aujourd'hui »: the requested day (DEMO_DATE) or today, brought into the demo's year
 * (before it: 1 January; after it: 31 December).
 */
export function dateDemo(annee: number, demandee: string | null, aujourdhui: string): string {
  const jour = demandee ?? aujourdhui;
  if (jour < `${annee}-01-01`) return `${annee}-01-01`;
  if (jour > `${annee}-12-31`) return `${annee}-12-31`;
  return jour;
}

/** The plan of the year up to `jusquau` (included). Same demo and day → deep-equal plan. */
export function planifierScenario(demo: DemoDepartement, jusquau: string): ScenarioDemo {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(jusquau) || Number.isNaN(Date.parse(jusquau)))
    throw new Error(`jusquau : « ${jusquau} » doit être une date AAAA-MM-JJ`);
  const rng = new Rng(demo.parametres.seed).fork('scenario');
  const bailleurOf = new Map(demo.logements.map((l) => [l.id, l.bailleurId]));
  const derogations = plusGrandBailleur(demo).id;
  const semaine = plusJours(jusquau, -7);
  let sne = 0;
  const evenements = demo.liberations
    .filter((l) => l.date <= jusquau)
    .map((liberation): EvenementPrevu => {
      // Every draw is made for every libération, so that one choice never shifts the others.
      const r = rng.fork(`liberation:${liberation.id}`);
      const bailleurId = bailleurOf.get(liberation.logementId)!;
      // The chargé decides on a working day: a flat freed on a Saturday waits for Monday.
      const decision = jourOuvre(plusJours(liberation.date, r.weighted([0, 1, 2, 3], [45, 30, 17, 8])));
      const decisionApresJours = joursEntre(liberation.date, decision);
      const taux = liberation.date > semaine ? TAUX_DEROGATION_RECENT : TAUX_DEROGATION;
      const derogee = r.bernoulli(taux) && bailleurId === derogations && liberation.kind !== 'NEUF';
      const motif = r.pick(MOTIFS);
      const rejetee = r.bernoulli(0.2);
      const derogation: DerogationPrevue | null = derogee
        ? {
            alternative: r.weighted([1, 2], [75, 25]),
            motif,
            commentaire: r.pick(COMMENTAIRES[motif]),
            issue: rejetee ? 'REJETEE' : 'APPROUVEE',
            reponseApresJours: liberation.date > semaine ? r.int(1, 9) : r.int(0, 4),
            commentaireReponse: r.pick(rejetee ? REFUS : ACCORDS),
          }
        : null;
      const nombre = r.weighted([1, 2, 3], [20, 35, 45]);
      const candidats = Array.from({ length: nombre }, (_, i): CandidatPrevu => ({
        numeroSne: `${demo.departement.code.padStart(3, '0')}${String(demo.annee).slice(2)}${String(++sne).padStart(7, '0')}`,
        rang: i + 1,
        tailleMenage: r.weighted([1, 2, 3, 4, 5], [34, 26, 18, 14, 8]),
        quartile: r.weighted([1, 2, 3, 4] as const, [30, 27, 24, 19]),
        prioritaire: r.bernoulli(0.35),
      }));
      const sansCandidat = r.bernoulli(TAUX_SANS_CANDIDAT);
      const suite: SuitePrevue = {
        candidatsApresJours: sansCandidat ? null : r.int(2, 12),
        candidats,
        calApresJours: r.int(5, 18),
        refusApresJours: r.bernoulli(TAUX_REFUS) ? r.int(2, 8) : null,
        bailApresJours: r.int(7, 25),
      };
      return { liberation, bailleurId, decisionApresJours, derogation, suite };
    });
  fileAOrienter(evenements, derogations, semaine, jusquau);
  attenteApprobation(evenements, derogations, semaine, jusquau);
  return { jusquau, departement: demo.departement.code, bailleurDerogations: derogations, evenements };
}

/**
 * The chargé's queue « À orienter » is never empty: at the largest bailleur (the demo chargé's), the
 * last libérations of the week are still to orient at the demo's date, FILE_A_ORIENTER of them at
 * least (fewer only when the week had fewer), their decision falling the day after; one decided flat
 * of the week is left for the manager's approvals page.
 */
function fileAOrienter(evenements: EvenementPrevu[], bailleurId: string, semaine: string, jusquau: string): void {
  const semaineDuBailleur = evenements.filter((e) => e.bailleurId === bailleurId && e.liberation.date > semaine);
  const enAttente = (e: EvenementPrevu) => plusJours(e.liberation.date, e.decisionApresJours) > jusquau;
  const decidees = semaineDuBailleur.filter((e) => !enAttente(e)).length;
  // One decided flat of the week stays for the manager's approvals page (`attenteApprobation`).
  let manquent = Math.min(FILE_A_ORIENTER - (semaineDuBailleur.length - decidees), decidees - 1);
  for (let i = semaineDuBailleur.length - 1; i >= 0 && manquent > 0; i--) {
    const e = semaineDuBailleur[i];
    if (enAttente(e)) continue;
    e.decisionApresJours = joursEntre(e.liberation.date, jusquau) + 1;
    manquent--;
  }
}

/** Flats of the week planned for the override left pending: whether one needs a manager is the engine's to say. */
const CANDIDATS_ATTENTE = 3;

/**
 * The manager's approvals page is never empty: the last flats of the week decided by the demo's
 * date at the bailleur with a manager are planned as overrides the manager has not answered yet;
 * the replay makes the first one whose alternative needs an approval (`enAttente`).
 */
function attenteApprobation(evenements: EvenementPrevu[], bailleurId: string, semaine: string, jusquau: string): void {
  const derniers = evenements
    .filter(
      (e) =>
        e.bailleurId === bailleurId &&
        e.liberation.kind !== 'NEUF' &&
        e.liberation.date > semaine &&
        plusJours(e.liberation.date, e.decisionApresJours) <= jusquau,
    )
    .slice(-CANDIDATS_ATTENTE);
  for (const e of derniers)
    e.derogation = {
      alternative: 1,
      motif: 'DEMANDE_RESERVATAIRE',
      commentaire: COMMENTAIRES.DEMANDE_RESERVATAIRE[0],
      issue: 'APPROUVEE',
      reponseApresJours: 30,
      commentaireReponse: ACCORDS[0],
      enAttente: true,
    };
}
