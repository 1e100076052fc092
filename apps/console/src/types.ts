/** The console API's payloads (apps/api/src/console/console.types.ts), as the browser reads them. */

export interface Utilisateur {
  userId: string;
  email: string;
  role: 'ADMIN' | 'MANAGER' | 'CHARGE' | 'RESERVATAIRE';
  bailleurIds: string[];
  reservataireId: string | null;
  nom: string;
}

export interface LogementLu {
  id: string;
  rplsId: string;
  commune: string;
  communeNom: string | null;
  adresse: string | null;
  typologie: string;
  qpv: boolean;
  financement: string;
  etage: number | null;
  ascenseur: boolean | null;
  pmr: boolean | null;
  description: string;
}

export interface Destination {
  kind: 'CONVENTION' | 'EXCLU' | 'BAILLEUR';
  conventionId?: string;
  sousQuota?: string;
  usage?: string;
}

export interface DestinationNommee {
  destination: Destination;
  libelle: string;
  conventionReference: string | null;
  reservataireNom: string | null;
}

export type Statut = 'A_ORIENTER' | 'EN_ATTENTE_APPROBATION' | 'DECIDEE';

export interface LiberationConsole {
  id: string;
  date: string;
  motif: string;
  kind: string;
  createdAt: string;
  bailleurId: string;
  bailleurNom: string;
  statut: Statut;
  logement: LogementLu;
  recommendationId: string | null;
  recommandee: DestinationNommee | null;
  decision: { id: string; destination: DestinationNommee; derogation: boolean; par: string | null; le: string } | null;
  derogationEnAttente: { id: string; destination: DestinationNommee; motif: string; demandeur: string | null; le: string } | null;
}

export interface RaisonLue {
  texte: string;
  sens: 'POUR' | 'CONTRE';
  chiffre: number | null;
}

export interface OptionConsole {
  destination: DestinationNommee;
  rang: number;
  eligible: boolean;
  recommandee: boolean;
  retard: number | null;
  pour: RaisonLue[];
  contre: RaisonLue[];
  reglesImperatives: string[];
  reglesSouples: string[];
  approbation: { requise: boolean; motifs: string[] } | null;
}

export interface EtapeDerogation {
  statut: string;
  par: string | null;
  le: string;
  commentaire: string | null;
}

export interface PanneauDecision extends LiberationConsole {
  options: OptionConsole[];
  historiqueDerogation: EtapeDerogation[];
}

export interface DerogationConsole {
  id: string;
  statut: string;
  liberation: LiberationConsole;
  recommandee: DestinationNommee | null;
  demandee: DestinationNommee;
  motif: string;
  motifLibelle: string;
  commentaire: string | null;
  demandeurId: string;
  demandeur: string | null;
  le: string;
  motifsApprobation: string[];
  historique: EtapeDerogation[];
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface LiveEvent {
  eventId: string;
  type: string;
  at: string;
  [key: string]: unknown;
}
