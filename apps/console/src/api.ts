/** The REST API, with the session's bearer token; errors carry the API's French `{champ, raison}`. */

export interface ErreurChamp {
  champ: string;
  raison: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly erreurs: ErreurChamp[] = [],
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** The French reason given for one field, if any. */
  champ(nom: string): string | undefined {
    return this.erreurs.find((e) => e.champ === nom || e.champ.startsWith(`${nom}.`))?.raison;
  }
}

let token: string | null = null;
let onUnauthorized: () => void = () => undefined;

export function setToken(value: string | null, unauthorized?: () => void): void {
  token = value;
  if (unauthorized) onUnauthorized = unauthorized;
}

export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; raw?: BodyInit; headers?: Record<string, string> } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...(init.headers ?? {}) };
  if (token) headers.authorization = `Bearer ${token}`;
  let body: BodyInit | undefined = init.raw;
  if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { method: init.method ?? 'GET', headers, body });
  } catch {
    throw new ApiError(0, 'Serveur injoignable : vérifiez la connexion');
  }
  const text = await response.text();
  const json = text ? safeJson(text) : {};
  if (!response.ok) {
    if (response.status === 401 && token) onUnauthorized();
    const message = typeof json.message === 'string' ? json.message : `Erreur ${response.status}`;
    throw new ApiError(
      response.status,
      message,
      Array.isArray(json.erreurs) ? (json.erreurs as ErreurChamp[]) : [],
      json,
    );
  }
  return json as T;
}

function safeJson(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { message: text.slice(0, 200) };
  }
}

/** Downloads a file of the API with the bearer token (a plain link would not carry it) and saves it under its name. */
export async function telecharger(path: string, nomParDefaut: string): Promise<{ nom: string; taille: number }> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { headers });
  } catch {
    throw new ApiError(0, 'Serveur injoignable : vérifiez la connexion');
  }
  if (!response.ok) {
    const json = safeJson(await response.text());
    if (response.status === 401 && token) onUnauthorized();
    throw new ApiError(response.status, typeof json.message === 'string' ? json.message : `Erreur ${response.status}`);
  }
  const blob = await response.blob();
  const nom = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? nomParDefaut;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = nom;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { nom, taille: blob.size };
}
