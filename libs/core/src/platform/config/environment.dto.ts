import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const toNumber = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBoolean = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : value === 'true' || value === '1'
      ? true
      : value === 'false' || value === '0'
        ? false
        : value;

/** The environment variables of every Aiguillage process (all optional; defaults in `loadConfig`). */
export class EnvironmentDto {
  @IsOptional()
  @IsIn(NODE_ENVS)
  NODE_ENV?: (typeof NODE_ENVS)[number];

  /** PostgreSQL URL; when absent an embedded PostgreSQL is started under `DATA_DIR/postgres`. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'doit être une URL postgres://utilisateur@hôte:port/base' })
  DATABASE_URL?: string;

  /** Redis URL; when absent jobs run in-process (no worker needed). */
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'doit être une URL redis://hôte:port' })
  REDIS_URL?: string;

  /** Prefix of the BullMQ keys in Redis (lets several deployments or test runs share one Redis). */
  @IsOptional()
  @Matches(/^[\w-]{1,64}$/, { message: 'doit contenir 1 à 64 lettres, chiffres, _ ou -' })
  BULLMQ_PREFIX?: string;

  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsString()
  HOST?: string;

  /** Secret signing the JWTs; required in production, generated and kept in `DATA_DIR` otherwise. */
  @IsOptional()
  @IsString()
  @MinLength(32)
  JWT_SECRET?: string;

  /** Lifetime of an access token, in seconds. */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(60)
  JWT_TTL_SECONDS?: number;

  @IsOptional()
  @IsString()
  DATA_DIR?: string;

  /** Load the demo département at first start (empty database). */
  @IsOptional()
  @Transform(toBoolean)
  @IsIn([true, false], { message: 'doit valoir true ou false' })
  DEMO_ENABLED?: boolean;

  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  DEMO_SEED?: number;

  /** Size of the demo département, 1 = full (≈ 60 000 flats); default 0.25 (≈ 15 000); 0.05 for a quick start. */
  @IsOptional()
  @Transform(toNumber)
  @IsNumber()
  @Min(0.01)
  @Max(1)
  DEMO_SCALE?: number;

  /** At the demo's first load, play its year through the live flow up to DEMO_DATE (default true, false under NODE_ENV=test). */
  @IsOptional()
  @Transform(toBoolean)
  @IsIn([true, false], { message: 'doit valoir true ou false' })
  DEMO_REJEU?: boolean;

  /** « Aujourd'hui » of the demo (AAAA-MM-JJ; default the real day), brought into the demo's year. */
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'doit être une date AAAA-MM-JJ' })
  DEMO_DATE?: string;

  @IsOptional()
  @IsIn(LOG_LEVELS)
  LOG_LEVEL?: (typeof LOG_LEVELS)[number];

  @IsOptional()
  @IsString()
  SLACK_BOT_TOKEN?: string;

  @IsOptional()
  @IsString()
  SLACK_SIGNING_SECRET?: string;

  /** Socket-mode app token (xapp-...): lets the bot run without a public URL. */
  @IsOptional()
  @IsString()
  SLACK_APP_TOKEN?: string;

  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(65535)
  SLACK_PORT?: number;

  /** Channel id (C…, or G… for a private one) where override approval requests are posted. */
  @IsOptional()
  @Matches(/^[CG][A-Z0-9]{2,}$/, { message: "doit être l'identifiant d'un canal Slack (C0123ABCD)" })
  SLACK_CANAL_APPROBATIONS?: string;

  /** Base URL of the Slack Web API (default Slack's; tests point it at a local fake). */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'doit être une URL http(s)://hôte/chemin/' })
  SLACK_API_URL?: string;

  /**
   * Origins (scheme://host[:port], comma-separated) allowed to call the API and open a socket from
   * a browser page of another site. Absent: same origin only.
   */
  @IsOptional()
  @Matches(/^\s*https?:\/\/[^\s/,]+\s*(,\s*https?:\/\/[^\s/,]+\s*)*$/, {
    message: 'doit être une liste d’origines séparées par des virgules (https://hôte[:port])',
  })
  CORS_ORIGINS?: string;

  /** Behind a TLS reverse proxy: trust its X-Forwarded-* headers (client address, https) and send HSTS. */
  @IsOptional()
  @Transform(toBoolean)
  @IsIn([true, false], { message: 'doit valoir true ou false' })
  TRUST_PROXY?: boolean;

  /** Login attempts per account and minute before a growing wait (429). */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(1000)
  LOGIN_ESSAIS_COMPTE?: number;

  /** Login attempts per client address and minute before a wait (429). */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(10000)
  LOGIN_ESSAIS_ADRESSE?: number;

  /** Days a candidate's data (SNE number, household) is kept after its proposition is closed. */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(3650)
  RETENTION_CANDIDATS_JOURS?: number;

  /** Time of the daily Slack digest, HH:MM in SLACK_FUSEAU (default 08:30); `aucun`: no digest. */
  @IsOptional()
  @Matches(/^(([01]\d|2[0-3]):[0-5]\d|aucun)$/, { message: 'doit être une heure HH:MM (08:30) ou « aucun »' })
  SLACK_DIGEST_HEURE?: string;

  /** Time zone of the digest (default Europe/Paris). */
  @IsOptional()
  @Matches(/^[A-Za-z_]+(\/[A-Za-z_+-]+)*$/, { message: 'doit être un fuseau IANA (Europe/Paris)' })
  SLACK_FUSEAU?: string;

  /** Least interval between two messages in one channel, ms (Slack: about one per second; default 1000). */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(60000)
  SLACK_INTERVALLE_CANAL_MS?: number;

  /** A Slack Web API call without an answer after this many ms is abandoned and retried (default 10000). */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(100)
  @Max(60000)
  SLACK_DELAI_APPEL_MS?: number;

  /** Length of one délai day in ms (default 86400000; tests shorten it so a 30-day délai runs out in seconds). */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  FLOW_DUREE_JOUR_MS?: number;

  /** Days before a DIRECTE délai ends when `delai.expiring` is sent (default 5). */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  FLOW_AVERTISSEMENT_JOURS?: number;

  /** Fallback poll of the outbox and of the event log, in ms (NOTIFY wakes them at once; default 1000). */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(10)
  FLOW_POLL_MS?: number;
}
