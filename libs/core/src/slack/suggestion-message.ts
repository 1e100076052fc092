/**
 * The suggestion message of a freed flat (Block Kit, French): the flat in words, the recommended
 * réservataire with its reasons for and against, two alternatives, « Accepter » and « Déroger… »;
 * then, once decided, the same message saying where it went, by whom and from where. Pure: no I/O.
 */
import { dateFr, dateHeureFr, type Destination, type Motif } from '@aiguillage/engine';
import type { SlackLogementRow } from '@aiguillage/persistence';
import {
  echapper,
  libelleDestination,
  motifFr,
  type DestinationLue,
  type SlackBlock,
} from '../notifications/derogation-message';

export const ACTION_ACCEPTER = 'suggestion.accepter';
export const ACTION_DEROGER = 'suggestion.deroger';
export const VUE_DEROGATION = 'suggestion.derogation';

/** An option as the message shows it: its destination in words, its reasons, the soft rules it breaks. */
export interface OptionLue {
  destination: Destination;
  lue: DestinationLue;
  score: number;
  /** The engine's reasons (sign, figure, unit), deciding terms first. */
  motifs: Motif[];
  /** Soft rules broken (libellés). */
  reglesEnfreintes: string[];
}

export interface DecisionLue {
  destination: DestinationLue;
  isOverride: boolean;
  motif: string | null;
  par: string | null;
  at: string;
  /** « depuis Slack » when decided from a Slack button or modal. */
  depuisSlack: boolean;
}

/** Everything a suggestion message shows (read by `lireSuggestion`). */
export interface SuggestionVue {
  liberationId: string;
  recommendationId: string | null;
  bailleurId: string;
  bailleurNom: string | null;
  date: string;
  logement: SlackLogementRow;
  /** The eligible options, best first (the recommended one, then the alternatives). */
  options: OptionLue[];
  /** Why the first alternative came second, in one line naming both (the engine's `raisonSecond`). */
  pourquoiSecond: string | null;
  decision: DecisionLue | null;
  /** A pending override (its requester), when one waits for a manager. */
  derogationEnAttente: string | null;
}

/** The value of both buttons: which libération, and which recommendation the message shows. */
export function valeurBouton(v: Pick<SuggestionVue, 'liberationId' | 'recommendationId'>): string {
  return `${v.liberationId}|${v.recommendationId ?? ''}`;
}

export function lireValeurBouton(value: string | undefined): { liberationId: string; recommendationId?: string } {
  const [liberationId = '', recommendationId = ''] = (value ?? '').split('|');
  return { liberationId, ...(recommendationId ? { recommendationId } : {}) };
}

/** « T3 à Villeurbanne (69266), hors QPV, PLUS — RPLS 123 ». */
export function logementEnMots(l: SlackLogementRow): string {
  const commune = l.communeNom ? `${l.communeNom} (${l.commune})` : l.commune;
  return `${l.typologie} à ${commune}, ${l.qpv ? 'en QPV' : 'hors QPV'}, financement ${l.financement} — RPLS ${l.rplsId}`;
}

/**
 * The reasons for and against an option, most important first: the engine's motifs by their sign
 * (nothing read from the wording); the soft rules it breaks count against it.
 */
export function raisonsPourContre(
  o: Pick<OptionLue, 'motifs' | 'reglesEnfreintes'>,
  max = 3,
): { pour: string[]; contre: string[] } {
  const textes = (sens: Motif['sens']) => o.motifs.filter((m) => m.sens === sens).map((m) => m.texte);
  return { pour: textes('pour').slice(0, max), contre: [...textes('contre'), ...o.reglesEnfreintes].slice(0, max) };
}

function nomOption(o: OptionLue): string {
  return o.lue.kind === 'CONVENTION'
    ? `${o.lue.reservataireNom ?? 'réservataire inconnu'} (convention ${o.lue.conventionReference ?? '?'}${o.lue.sousQuota ? `, sous-quota ${o.lue.sousQuota}` : ''})`
    : libelleDestination(o.lue);
}

function lignesRaisons(o: OptionLue): string {
  const { pour, contre } = raisonsPourContre(o);
  return (
    [
      ...pour.map((r) => `:heavy_plus_sign: ${echapper(r)}`),
      ...contre.map((r) => `:heavy_minus_sign: ${echapper(r)}`),
    ].join('\n') || '_aucune raison détaillée_'
  );
}

/** The fallback text (notifications, screen readers). */
export function texteSuggestion(v: SuggestionVue): string {
  const reco = v.options[0];
  const logement = `${v.logement.typologie} à ${v.logement.communeNom ?? v.logement.commune}`;
  if (v.decision)
    return `${logement} (RPLS ${v.logement.rplsId}) : orienté vers ${libelleDestination(v.decision.destination)}`;
  return reco
    ? `${logement} (RPLS ${v.logement.rplsId}) : orienter vers ${nomOption(reco)} ?`
    : `${logement} (RPLS ${v.logement.rplsId}) : aucune option éligible`;
}

/** « Orienté vers X par Y le … depuis Slack », or the pending override. */
export function texteDecision(d: DecisionLue): string {
  const quand = dateHeureFr(d.at);
  const derogation = d.isOverride
    ? ` (dérogation${d.motif ? ` : ${motifFr(d.motif)}` : ''})`
    : ' (recommandation suivie)';
  return `Orienté vers ${libelleDestination(d.destination)}${derogation} par ${d.par ?? 'le système'} le ${quand}, ${d.depuisSlack ? 'depuis Slack' : "depuis l'application (console ou API)"}`;
}

/** The whole message: buttons while the flat waits, the decision once it is taken. */
export function blocsSuggestion(v: SuggestionVue): SlackBlock[] {
  const [reco, ...alternatives] = v.options;
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: v.decision ? 'Logement orienté' : 'Logement à orienter' } },
    {
      type: 'section',
      block_id: 'logement',
      text: {
        type: 'mrkdwn',
        text: `*${echapper(logementEnMots(v.logement))}*\nLibéré le ${dateFr(v.date)}${v.bailleurNom ? ` — ${echapper(v.bailleurNom)}` : ''}`,
      },
    },
  ];
  if (reco) {
    blocks.push({
      type: 'section',
      block_id: 'recommandee',
      text: { type: 'mrkdwn', text: `*Recommandé : ${echapper(nomOption(reco))}*\n${lignesRaisons(reco)}` },
    });
  } else {
    blocks.push({
      type: 'section',
      block_id: 'recommandee',
      text: { type: 'mrkdwn', text: '*Aucune option éligible* : choisir une destination dans l’application' },
    });
  }
  const alt = alternatives.slice(0, 2);
  if (alt.length > 0) {
    blocks.push({
      type: 'section',
      block_id: 'alternatives',
      fields: alt.map((o, i) => ({
        type: 'mrkdwn',
        text: `*Alternative ${i + 1} : ${echapper(nomOption(o))}*\n${lignesRaisons(o)}`,
      })),
    });
    if (v.pourquoiSecond)
      blocks.push({
        type: 'context',
        block_id: 'pourquoi-second',
        elements: [{ type: 'mrkdwn', text: `_${echapper(v.pourquoiSecond)}_` }],
      });
  }
  if (v.decision) {
    blocks.push({
      type: 'section',
      block_id: 'decision',
      text: { type: 'mrkdwn', text: `:white_check_mark: *${echapper(texteDecision(v.decision))}*` },
    });
  } else if (v.derogationEnAttente) {
    blocks.push({
      type: 'context',
      block_id: 'attente',
      elements: [
        {
          type: 'mrkdwn',
          text: `:hourglass: Dérogation demandée par ${echapper(v.derogationEnAttente)}, en attente d'approbation (voir le fil)`,
        },
      ],
    });
  } else if (reco) {
    blocks.push({
      type: 'actions',
      block_id: 'suggestion',
      elements: [
        {
          type: 'button',
          action_id: ACTION_ACCEPTER,
          style: 'primary',
          text: { type: 'plain_text', text: 'Accepter' },
          value: valeurBouton(v),
        },
        {
          type: 'button',
          action_id: ACTION_DEROGER,
          text: { type: 'plain_text', text: 'Déroger…' },
          value: valeurBouton(v),
        },
      ],
    });
  }
  blocks.push({
    type: 'context',
    block_id: 'reference',
    elements: [{ type: 'mrkdwn', text: `Libération ${v.liberationId}` }],
  });
  return blocks;
}
