/**
 * The console API's payloads are the server's own types (apps/api/src/console/console.types.ts),
 * reached through the `@aiguillage/console-api` path of tsconfig.json and imported type-only: they
 * are written once, and no server code can reach the bundle (a value import would not even resolve
 * in the build). The socket's bilan progress likewise (apps/api/src/events/bilan-progression.ts). Below, the
 * few the browser types itself. (The French names both sides give are the console's: ./libelles.ts.)
 */
export type {
  ConventionNom,
  DerogationConsole,
  DestinationNommee,
  EtapeDerogation,
  LiberationConsole,
  LogementLu,
  NomsConsole,
  OptionConsole,
  PanneauDecision,
  RaisonLue,
  StatutLiberation as Statut,
} from '@aiguillage/console-api';
export type { Destination, UniteMotif } from '@aiguillage/engine';
export type { BilanProgression } from '../../api/src/events/bilan-progression';

/** The signed-in account (the answer of `POST /api/auth/login`). */
export interface Utilisateur {
  userId: string;
  email: string;
  role: 'ADMIN' | 'MANAGER' | 'CHARGE' | 'RESERVATAIRE';
  bailleurIds: string[];
  reservataireId: string | null;
  nom: string;
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
