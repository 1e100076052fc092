/**
 * Pace and scarcity: how far an account (a convention, an excluded use, the bailleur's share) is
 * behind its seasonal expected count, and how much of its remaining need its territory can still
 * supply this year.
 */
import type { Convention } from '../../domain';
import type { ConventionProgress } from '../../orientation';
import { partAttendue } from '../../calculs/saisonnalite';
import { motif, type Cible, type Contexte, type Evaluation, type RegleDouce } from '../contexte';
import { logementsFr, nombreFr } from '../format';

/** The last part of a convention's expected flux over which the pace band narrows. */
const FIN_D_ANNEE = 0.1;

/** Count used to pace a convention: what already counts, plus the pending propositions expected to count. */
export function compteProjete(p: ConventionProgress, convention: Convention, conversion: number): number {
  switch (convention.decompte.mode) {
    case 'ATTRIBUTION':
      return avecEnCours(p.attributions, p.propositions, conversion);
    case 'BAIL':
      return avecEnCours(p.baux, p.propositions, conversion);
    case 'MIXTE': {
      const w = convention.decompte.poids ?? POIDS_EGAUX;
      return (
        w.proposition * p.propositions +
        w.attribution * avecEnCours(p.attributions, p.propositions, conversion) +
        w.bail * avecEnCours(p.baux, p.propositions, conversion)
      );
    }
    default:
      return p.propositions;
  }
}

const POIDS_EGAUX = Object.freeze({ proposition: 1 / 3, attribution: 1 / 3, bail: 1 / 3 });

/** What already counts, plus the propositions still pending that are expected to count. */
function avecEnCours(done: number, propositions: number, conversion: number): number {
  return done + Math.max(0, propositions - done) * conversion;
}

/**
 * How far a choice leaves the account outside the band around its expected progress, in flats:
 * positive, the lag beyond it read before the flat (without it the account stays that far behind);
 * negative, the advance beyond it read after the flat (the flat would put it that far ahead), as
 * Tijdeman's bound reads the gap each choice leaves; 0 inside.
 */
function horsBande(retard: number, bande: number): number {
  return Math.max(0, retard - bande) - Math.max(0, 1 - retard - bande);
}

/**
 * The pace's reason: the lag or the advance at date (its figure, the one the progress page shows),
 * weighed by the lag. Beyond the band by a tenth of a flat at least, where the pace outweighs the
 * soft terms, the same reason names the convention (`nom`) and the band, and an advance tells what
 * the flat would leave too.
 */
function raisonRythme(
  ev: Evaluation,
  policy: Contexte['policy'],
  retard: number,
  hors: number,
  bande: number,
  nom: string,
): void {
  const enRetard = retard >= 0.05;
  const enAvance = retard <= -0.05;
  const aDate = `${enRetard ? `retard de ${logementsFr(retard)}` : enAvance ? `avance de ${logementsFr(-retard)}` : 'dans les temps'} sur l'objectif à date`;
  const poids = enRetard ? policy.retard * retard + 0.01 : enAvance ? policy.retard * -retard : 0.01;
  const valeur = enRetard || enAvance ? Math.abs(retard) : 0;
  if (Math.abs(hors) < 0.05) {
    const texte = aDate[0].toUpperCase() + aDate.slice(1);
    motif(ev, 'RYTHME', enAvance ? 'contre' : 'pour', poids, texte, valeur, 'logement');
    return;
  }
  const avecCeLogement = hors < 0 ? `, ${logementsFr(1 - retard)} d'avance avec ce logement` : '';
  const texte = `${nom} : ${aDate}${avecCeLogement}, au-delà de la marge de ${logementsFr(bande)} (rythme régulier)`;
  motif(ev, 'RYTHME', hors > 0 ? 'pour' : 'contre', poids, texte, valeur, 'logement');
}

/**
 * The convention's pace to its objective: the lag behind its seasonal expected count within its
 * validity window, its remaining need against the remaining eligible supply (both left on the
 * target), and the brake past the annual objective. Beyond the band, the pace's reason names it.
 */
export const REGLE_RYTHME: RegleDouce = {
  code: 'RYTHME',
  evaluate(ctx, cible, ev) {
    const { policy, fraction } = ctx;
    const { objectif, compte, offre, fenetre } = cible;
    const etendue = fenetre.fin - fenetre.debut;
    const attendue = partAttendue(fraction, fenetre);
    const retard = objectif * attendue - compte;
    ev.retard = retard;
    ev.score += policy.retard * retard;
    // Beyond a band around the expected progress, a lag pulls and an advance brakes much more: the
    // soft terms trade inside the band, the pace wins outside it (Tijdeman's bounded deviation). The
    // band narrows to half of it over the year's last part, so that the year ends on the nearest flat.
    const bande = policy.bandeRythme * Math.max(0.5, Math.min(1, (1 - attendue) / FIN_D_ANNEE));
    const hors = policy.rythmeStrict > 0 ? horsBande(retard, bande) : 0;
    ev.score += policy.rythmeStrict * hors;
    if (ev.detail) raisonRythme(ev, policy, retard, hors, bande, cible.meta.libelle);

    const total = (offre && offre.total > 0 ? offre.total : ctx.state.exercice.fluxARepartir) * etendue;
    cible.besoin = Math.max(0, objectif - compte);
    cible.resteOffre = Math.max(
      1,
      (total / Math.max(etendue, 1e-9)) * Math.max(0, fenetre.fin - Math.max(fraction, fenetre.debut)),
    );
    if (total > 0) ev.score += policy.urgence * (cible.besoin / cible.resteOffre - objectif / total);

    const gain = Math.abs(compte - objectif) - Math.abs(compte + 1 - objectif);
    if (gain < 0 && compte + 1 > objectif) {
      ev.score += policy.depassement * gain;
      ev.detail &&
        motif(
          ev,
          'RYTHME',
          'contre',
          -policy.depassement * gain,
          `Objectif annuel déjà atteint (${nombreFr(compte)} sur ${nombreFr(objectif)})`,
          compte - objectif,
          'logement',
        );
    }
    const prevu = cible.progress.objectif;
    if (ev.detail && ctx.annee && Math.abs(objectif - prevu) >= 0.5) {
      motif(
        ev,
        'ANNEE_REELLE',
        objectif > prevu ? 'pour' : 'contre',
        0.02,
        `Objectif suivant le flux de l'année : ${logementsFr(objectif)} au lieu de ${logementsFr(prevu)} prévus (flux estimé à ${logementsFr(ctx.annee.flux, 0)})`,
        objectif,
        'logement',
      );
    }
  },
};

/** Rights limited to a territory the flat's commune is most of: its remaining supply is scarce. */
export const REGLE_RARETE: RegleDouce = {
  code: 'RARETE',
  evaluate(ctx, { meta, offre, besoin, resteOffre }: Cible, ev) {
    if (!ctx.modele || !offre || offre.total <= 0 || besoin <= 0) return;
    const exclusivite = Math.min(1, ctx.offreCommune / offre.total);
    const valeur = ctx.policy.rarete * (besoin / resteOffre) * exclusivite;
    ev.score += valeur;
    if (exclusivite >= 0.5 && (meta.communes || meta.epcis)) {
      ev.detail &&
        motif(
          ev,
          'RARETE',
          'pour',
          valeur,
          `Droits limités à son territoire : ≈ ${logementsFr(resteOffre)} encore attendus pour un besoin de ${logementsFr(besoin)}`,
          besoin,
          'logement',
        );
    }
  },
};

/** The only convention that may take the flat (a reason only: the score is unchanged). */
export const REGLE_SEUL: RegleDouce = {
  code: 'SEUL',
  evaluate(_ctx, { seul, compte, objectif }: Cible, ev) {
    if (!seul) return;
    const atteint = compte + 1 > objectif + 0.5;
    ev.detail && motif(ev, 'SEUL', 'pour', atteint ? 0.5 : 1000, 'Seul réservataire possible sur la commune');
  },
};
