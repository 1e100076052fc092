import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, setToken } from './api';
import { Live, type LiveStatus } from './live';
import { oublierNoms } from './noms';
import { coalescer } from './rechargement';
import type { LiveEvent, Utilisateur } from './types';

const STORAGE_KEY = 'aiguillage.session';

interface Stored {
  token: string;
  expiresAt: number;
  utilisateur: Utilisateur;
}

interface SessionValue {
  utilisateur: Utilisateur | null;
  live: Live | null;
  login: (email: string, password: string) => Promise<void>;
  logout: () => void;
}

const SessionContext = createContext<SessionValue | null>(null);

function readStored(): Stored | null {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Stored | null;
    return stored && stored.expiresAt > Date.now() ? stored : null;
  } catch {
    return null;
  }
}

/** The session: token kept in localStorage (it survives a reload until it expires), one live connection. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [stored, setStored] = useState<Stored | null>(() => {
    const s = readStored();
    setToken(s?.token ?? null);
    return s;
  });
  const logout = useCallback(() => {
    oublierNoms();
    localStorage.removeItem(STORAGE_KEY);
    setToken(null);
    setStored(null);
  }, []);
  useEffect(() => setToken(stored?.token ?? null, logout), [stored, logout]);
  // One live connection per session (a réservataire's joins its own rooms: its conventions' events), closed with it.
  const [live, setLive] = useState<Live | null>(null);
  useEffect(() => {
    if (!stored) {
      setLive(null);
      return;
    }
    const connexion = new Live(stored.token);
    setLive(connexion);
    return () => connexion.close();
  }, [stored]);
  const login = useCallback(
    async (email: string, password: string) => {
      oublierNoms();
      const result = await api<{ accessToken: string; expiresIn: number; utilisateur: Utilisateur }>('/auth/login', {
        method: 'POST',
        body: { email, password },
      });
      const next = {
        token: result.accessToken,
        expiresAt: Date.now() + result.expiresIn * 1000,
        utilisateur: result.utilisateur,
      };
      localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
      setToken(next.token, logout);
      setStored(next);
    },
    [logout],
  );
  const value = useMemo(
    () => ({ utilisateur: stored?.utilisateur ?? null, live, login, logout }),
    [stored, live, login, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('SessionProvider manquant');
  return value;
}

/** Calls `handler` for each live event (latest handler, subscribed once). */
export function useLiveEvents(handler: (event: LiveEvent) => void): void {
  const { live } = useSession();
  const [ref] = useState<{ current: (event: LiveEvent) => void }>(() => ({ current: handler }));
  ref.current = handler;
  useEffect(() => live?.subscribe((event) => ref.current(event)), [live, ref]);
}

export function useLiveStatus(): LiveStatus {
  const { live } = useSession();
  const [status, setStatus] = useState<LiveStatus>(live?.status ?? 'connexion');
  useEffect(() => {
    if (!live) return;
    setStatus(live.status);
    return live.onStatus(setStatus);
  }, [live]);
  return status;
}

/**
 * Loads now, and again each time the live connection comes back online: an event sent before the
 * socket joined its rooms (the first second of a page, or an outage) is then in what is read.
 */
export function useChargementEnDirect(charger: () => unknown): void {
  const enLigne = useLiveStatus() === 'en-ligne';
  const etat = useRef({ charger, enLigne });
  etat.current.charger = charger;
  useEffect(() => {
    void charger();
  }, [charger]);
  useEffect(() => {
    if (enLigne && !etat.current.enLigne) void etat.current.charger();
    etat.current.enLigne = enLigne;
  }, [enLigne]);
}

/** `useChargementEnDirect`, and a reload on each live event `concerne` accepts (one per burst: `coalescer`). */
export function useRechargementEnDirect(
  charger: () => Promise<unknown>,
  concerne: (event: LiveEvent) => boolean,
): void {
  const recharger = useMemo(() => coalescer(charger), [charger]);
  useChargementEnDirect(charger);
  useLiveEvents((event) => {
    if (concerne(event)) void recharger();
  });
}
