/**
 * The Slack message of an override waiting for a manager (Block Kit, French), shared by the job that
 * posts it and the bot that updates it once handled. Pure: no I/O.
 */

/** Action ids of the two buttons (their value is the override request id). */
export const ACTION_APPROUVER_DEROGATION = 'derogation.approuver';
export const ACTION_REJETER_DEROGATION = 'derogation.rejeter';

/** A Block Kit block, loosely typed (the Web API client checks nothing more). */
export type SlackBlock = { type: string; block_id?: string; [key: string]: unknown };

/** A destination as shown to a manager: what the request names, with the convention's labels. */
export interface DestinationLue {
  kind: 'CONVENTION' | 'EXCLU' | 'BAILLEUR';
  conventionReference?: string | null;
  reservataireNom?: string | null;
  /** The sub-quota's name (its code when the convention does not name it). */
  sousQuota?: string | null;
  usage?: string | null;
}

/** What the approvals channel is told about one pending override. */
export interface DerogationAApprouver {
  overrideRequestId: string;
  bailleurNom: string | null;
  logement: { commune: string; communeNom: string | null; typologie: string; qpv: boolean; rplsId: string | null };
  dateLiberation: string;
  recommandee: DestinationLue | null;
  demandee: DestinationLue;
  motif: string;
  commentaire: string | null;
  demandeur: string;
  motifsApprobation: string[];
}

const MOTIFS: Record<string, string> = {
  URGENCE: 'urgence',
  MIXITE_SOCIALE: 'mixité sociale',
  ACCESSIBILITE: 'accessibilité',
  DEMANDE_RESERVATAIRE: 'demande du réservataire',
  MUTATION: 'mutation',
  RELOGEMENT: 'relogement',
  AUTRE: 'autre',
};

const USAGES: Record<string, string> = {
  MUTATION: 'mutation interne',
  NPNRU: 'relogement NPNRU',
  ORCOD: 'relogement ORCOD',
  LHI: "lutte contre l'habitat indigne",
};

/** Escapes the three characters Slack's mrkdwn reserves. */
export function echapper(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * As the console and the engine's reasons name it: « Action Logement — convention REF », « Préfet … —
 * convention REF, sous-quota … », « Usage exclu : mutation interne », « Part du bailleur ».
 */
export function libelleDestination(d: DestinationLue | null): string {
  if (!d) return 'aucune option éligible';
  if (d.kind === 'BAILLEUR') return 'Part du bailleur';
  if (d.kind === 'EXCLU') return `Usage exclu : ${USAGES[d.usage ?? ''] ?? d.usage ?? '?'}`;
  const sousQuota = d.sousQuota ? `, sous-quota ${d.sousQuota}` : '';
  return `${d.reservataireNom ?? 'Réservataire inconnu'} — convention ${d.conventionReference ?? 'inconnue'}${sousQuota}`;
}

/** The motif as a French document writes it: « Urgence », « Mixité sociale » (its code when unknown). */
export function motifFr(code: string): string {
  const libelle = MOTIFS[code];
  return libelle ? libelle[0].toUpperCase() + libelle.slice(1) : code;
}

/** The fallback text (notifications, screen readers) of the request message. */
export function texteDerogation(d: DerogationAApprouver): string {
  return `Dérogation à approuver : ${d.logement.typologie} à ${d.logement.communeNom ?? d.logement.commune}, demandée par ${d.demandeur}`;
}

/** The request message: the flat, recommended vs requested destination, motif, requester, why, and the two buttons. */
export function blocsDerogation(d: DerogationAApprouver): SlackBlock[] {
  const lg = d.logement;
  const commune = lg.communeNom ? `${lg.communeNom} (${lg.commune})` : lg.commune;
  const logement = `${lg.typologie} à ${commune}, ${lg.qpv ? 'en QPV' : 'hors QPV'}${lg.rplsId ? ` — RPLS ${lg.rplsId}` : ''}`;
  return [
    { type: 'header', text: { type: 'plain_text', text: 'Dérogation à approuver' } },
    {
      type: 'section',
      block_id: 'logement',
      text: {
        type: 'mrkdwn',
        text: `*Logement* : ${echapper(logement)}\n*Libéré le* ${echapper(d.dateLiberation)}${d.bailleurNom ? ` — ${echapper(d.bailleurNom)}` : ''}`,
      },
    },
    {
      type: 'section',
      block_id: 'destinations',
      fields: [
        { type: 'mrkdwn', text: `*Recommandé*\n${echapper(libelleDestination(d.recommandee))}` },
        { type: 'mrkdwn', text: `*Demandé*\n${echapper(libelleDestination(d.demandee))}` },
      ],
    },
    {
      type: 'section',
      block_id: 'motif',
      text: {
        type: 'mrkdwn',
        text: [
          `*Motif* : ${echapper(motifFr(d.motif))}`,
          `*Commentaire* : ${d.commentaire ? echapper(d.commentaire) : '_aucun_'}`,
          `*Demandé par* : ${echapper(d.demandeur)}`,
        ].join('\n'),
      },
    },
    {
      type: 'section',
      block_id: 'politique',
      text: {
        type: 'mrkdwn',
        text: `*Approbation requise par la politique du bailleur* :\n${
          d.motifsApprobation.length > 0
            ? d.motifsApprobation.map((m) => `• ${echapper(m)}`).join('\n')
            : '• politique du bailleur'
        }`,
      },
    },
    {
      type: 'actions',
      block_id: 'decision',
      elements: [
        {
          type: 'button',
          action_id: ACTION_APPROUVER_DEROGATION,
          style: 'primary',
          text: { type: 'plain_text', text: 'Approuver' },
          value: d.overrideRequestId,
        },
        {
          type: 'button',
          action_id: ACTION_REJETER_DEROGATION,
          style: 'danger',
          text: { type: 'plain_text', text: 'Rejeter' },
          value: d.overrideRequestId,
        },
      ],
    },
    { type: 'context', block_id: 'reference', elements: [{ type: 'mrkdwn', text: `Demande ${d.overrideRequestId}` }] },
  ];
}

/** « Dérogation approuvée par X » / « Dérogation rejetée par X ». */
export function texteIssue(issue: 'APPROVED' | 'REJECTED', par: string): string {
  return `Dérogation ${issue === 'APPROVED' ? 'approuvée' : 'rejetée'} par ${par}`;
}

/** The handled message: the original blocks without the buttons, then the outcome. */
export function blocsTraites(
  original: readonly SlackBlock[] | undefined,
  issue: 'APPROVED' | 'REJECTED',
  par: string,
  depuis = 'depuis Slack',
): SlackBlock[] {
  const sansBoutons = (original ?? []).filter((b) => b.type !== 'actions');
  const icone = issue === 'APPROVED' ? ':white_check_mark:' : ':x:';
  return [
    ...sansBoutons,
    {
      type: 'section',
      block_id: 'issue',
      text: { type: 'mrkdwn', text: `${icone} *${echapper(texteIssue(issue, par))}* (${echapper(depuis)})` },
    },
  ];
}
