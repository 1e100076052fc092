/** French formats: JJ/MM/AAAA, « 1 234,5 ». */
import type { UniteMotif } from '@aiguillage/engine';

export function dateFr(value: string | null | undefined): string {
  if (!value) return '—';
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : new Date(value).toISOString().slice(0, 10);
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

export function dateHeureFr(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  return `${d.toLocaleDateString('fr-FR')} à ${d.toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' })}`;
}

/** A département as people name it: « Rhône (69) »; its code alone when it has no name. */
export function departementFr(code: string, nom?: string | null): string {
  return nom ? `${nom} (${code})` : code;
}

const nombre = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

export function nombreFr(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : nombre.format(value);
}

export function logementsFr(value: number): string {
  const abs = Math.abs(value);
  return `${nombreFr(abs)} logement${abs >= 2 ? 's' : ''}`;
}

/** A reason's figure in its unit (the engine's motif): « 4,2 logements », « 60,6 % », « 23 jours ». */
export function figureFr(valeur: number, unite: UniteMotif | null): string {
  if (unite === 'logement') return logementsFr(valeur);
  if (unite === 'pourcent') return `${nombreFr(valeur * 100)} %`;
  if (unite === 'jour') return `${nombreFr(valeur)} jour${Math.abs(valeur) >= 2 ? 's' : ''}`;
  return nombreFr(valeur);
}

export const MOTIFS_LIBERATION: Record<string, string> = {
  CONGE: 'Congé du locataire',
  MUTATION_SORTANTE: 'Mutation sortante',
  DECES: 'Décès',
  EXPULSION: 'Expulsion',
  PREMIERE_MISE_EN_LOCATION: 'Première mise en location',
  AUTRE: 'Autre',
};

export const ROLES: Record<string, string> = {
  ADMIN: 'Administrateur',
  MANAGER: 'Responsable',
  CHARGE: "Chargé d'attribution",
  RESERVATAIRE: 'Réservataire',
};

/** « 1 décision », « 2 autres changements »: every word of `mots` takes the plural from 2. */
export function pluriel(n: number, mots: string): string {
  return `${nombreFr(n)} ${mots
    .split(' ')
    .map((mot) => (n >= 2 ? `${mot}s` : mot))
    .join(' ')}`;
}

/** What moved since a recommendation was computed, in words: « 2 décisions », « 1 décision et 4 autres changements ». */
export function changementsFr(calcul: {
  decisionsDepuis: number | null;
  changementsDepuis: number | null;
}): string | null {
  const { decisionsDepuis: decisions, changementsDepuis: changements } = calcul;
  if (decisions === null || changements === null || changements === 0) return null;
  const autres = changements - decisions;
  return [
    ...(decisions > 0 ? [pluriel(decisions, 'décision')] : []),
    ...(autres > 0 ? [pluriel(autres, decisions > 0 ? 'autre changement' : 'changement')] : []),
  ].join(' et ');
}

/**
 * What the réalisé counts when it is not the flats proposed (the regulatory default, the column
 * beside it): « compte les attributions en CAL », « compte les baux signés », or the mix with its
 * weights and each step's count.
 */
export function decompteFr(l: {
  decompte?: string;
  poidsDecompte?: { proposition: number; attribution: number; bail: number } | null;
  progress: { propositions: number; attributions: number; baux: number };
}): string | null {
  const { propositions, attributions, baux } = l.progress;
  if (l.decompte === 'ATTRIBUTION') return 'compte les attributions en CAL';
  if (l.decompte === 'BAIL') return 'compte les baux signés';
  if (l.decompte !== 'MIXTE') return null;
  const etapes = [
    pluriel(propositions, 'proposition'),
    pluriel(attributions, 'attribution'),
    `${nombreFr(baux)} ${baux >= 2 ? 'baux' : 'bail'}`,
  ];
  const p = l.poidsDecompte;
  if (!p) return `compte mixte, à parts égales : ${etapes.join(', ')}`;
  const poids = [p.proposition, p.attribution, p.bail];
  return `compte mixte : ${etapes.map((e, i) => `${figureFr(poids[i], 'pourcent')} de ${e}`).join(', ')}`;
}
