import { randomBytes } from 'crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'fs';
import { join, resolve } from 'path';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';
import { erreursEnFrancais, type ErreurChamp } from '../validation/french-messages';
import type { FlowOptions } from './flow-options';
import { EnvironmentDto, type LOG_LEVELS, type NODE_ENVS } from './environment.dto';

/** The validated configuration of a process, read through `AppConfig.get`. */
export interface ConfigValues {
  nodeEnv: (typeof NODE_ENVS)[number];
  databaseUrl: string | null;
  redisUrl: string | null;
  bullmqPrefix: string;
  port: number;
  host: string;
  jwtSecret: string;
  jwtTtlSeconds: number;
  /** Absolute path. */
  dataDir: string;
  /**
   * `rejeu`: play the demo year through the live flow at its first load (DEMO_REJEU, default true
   * except under NODE_ENV=test); `date`: its « aujourd'hui » (DEMO_DATE, default the real day).
   */
  demo: { enabled: boolean; seed: number; scale: number; rejeu: boolean; date: string | null };
  logLevel: (typeof LOG_LEVELS)[number];
  slack: { botToken: string; signingSecret: string; appToken: string | null; port: number } | null;
  /** Slack channel where override approval requests are posted (needs `slack`); null: none posted. */
  slackCanalApprobations: string | null;
  /** Base URL of the Slack Web API, ending with '/' (Slack's unless SLACK_API_URL is set). */
  slackApiUrl: string;
  /** Origins allowed cross-site (HTTP and socket); empty: same origin only. */
  corsOrigins: string[];
  /** Behind a TLS reverse proxy (X-Forwarded-* trusted, HSTS sent on https requests). */
  trustProxy: boolean;
  /** Login attempts per account and minute, per client address and minute, before a 429. */
  loginEssais: { compte: number; adresse: number };
  /** Days a candidate's personal data is kept after its proposition is closed. */
  retentionCandidatsJours: number;
  /** The daily digest: local time HH:MM and its time zone. */
  slackDigest: { heure: string; fuseau: string };
  /** Least interval between two messages in one Slack channel (ms). */
  slackIntervalleCanalMs: number;
  /** Timeout of one Slack Web API call (ms). */
  slackDelaiAppelMs: number;
  /** Timing of the live flow (FLOW_DUREE_JOUR_MS, FLOW_AVERTISSEMENT_JOURS, FLOW_POLL_MS). */
  flow: FlowOptions;
}

/** The environment is invalid: one line per bad variable, in French. */
export class ConfigError extends Error {
  constructor(readonly erreurs: ErreurChamp[]) {
    super(['Configuration invalide :', ...erreurs.map((e) => `  - ${e.champ} : ${e.raison}`)].join('\n'));
  }
}

/** The one typed getter over the configuration (a Nest provider; also usable outside Nest). */
export class AppConfig {
  constructor(private readonly values: ConfigValues) {}

  get<K extends keyof ConfigValues>(key: K): ConfigValues[K] {
    return this.values[key];
  }
}

const JWT_SECRET_FILE = 'jwt-secret';
/** Slack's Web API (the default of SLACK_API_URL). */
export const SLACK_API_URL = 'https://slack.com/api/';

/** Reads `DATA_DIR/jwt-secret`, creating it (random, mode 0600) the first time. */
function persistedJwtSecret(dataDir: string): string {
  const file = join(dataDir, JWT_SECRET_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

/**
 * Validates the environment once at boot. Throws a `ConfigError` listing every bad variable.
 * Outside production a missing `JWT_SECRET` is generated and kept under `DATA_DIR`.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty variable (`X=` or compose's `${X:-}`) means "not set".
  const raw = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => ENVIRONMENT_KEYS.has(key) && value !== ''),
  );
  const dto = plainToInstance(EnvironmentDto, raw);
  const erreurs = erreursEnFrancais(validateSync(dto)).map((e) => ({
    champ: e.champ,
    raison: `${e.raison} (reçu « ${env[e.champ]} »)`,
  }));
  const nodeEnv = dto.NODE_ENV ?? 'development';
  if (nodeEnv === 'production' && !dto.JWT_SECRET) {
    erreurs.push({ champ: 'JWT_SECRET', raison: 'est obligatoire en production (au moins 32 caractères)' });
  }
  const slackParts = [dto.SLACK_BOT_TOKEN, dto.SLACK_SIGNING_SECRET];
  if (slackParts.some(Boolean) && !slackParts.every(Boolean)) {
    erreurs.push({
      champ: dto.SLACK_BOT_TOKEN ? 'SLACK_SIGNING_SECRET' : 'SLACK_BOT_TOKEN',
      raison: 'SLACK_BOT_TOKEN et SLACK_SIGNING_SECRET vont ensemble : renseigner les deux ou aucun',
    });
  }
  if (erreurs.length > 0) throw new ConfigError(erreurs);

  const dataDir = resolve(dto.DATA_DIR ?? '.data');
  return new AppConfig({
    nodeEnv,
    databaseUrl: dto.DATABASE_URL ?? null,
    redisUrl: dto.REDIS_URL ?? null,
    bullmqPrefix: dto.BULLMQ_PREFIX ?? 'aiguillage',
    port: dto.PORT ?? 3000,
    host: dto.HOST ?? '0.0.0.0',
    jwtSecret: dto.JWT_SECRET ?? persistedJwtSecret(dataDir),
    jwtTtlSeconds: dto.JWT_TTL_SECONDS ?? 8 * 3600,
    dataDir,
    demo: {
      enabled: dto.DEMO_ENABLED ?? nodeEnv !== 'production',
      seed: dto.DEMO_SEED ?? 2026,
      // A quarter of the département: its year is played through the live flow within the first start's minute.
      scale: dto.DEMO_SCALE ?? 0.25,
      rejeu: dto.DEMO_REJEU ?? nodeEnv !== 'test',
      date: dto.DEMO_DATE ?? null,
    },
    logLevel: dto.LOG_LEVEL ?? (nodeEnv === 'test' ? 'warn' : 'info'),
    slack:
      dto.SLACK_BOT_TOKEN && dto.SLACK_SIGNING_SECRET
        ? {
            botToken: dto.SLACK_BOT_TOKEN,
            signingSecret: dto.SLACK_SIGNING_SECRET,
            appToken: dto.SLACK_APP_TOKEN ?? null,
            port: dto.SLACK_PORT ?? 3001,
          }
        : null,
    slackCanalApprobations: dto.SLACK_CANAL_APPROBATIONS ?? null,
    slackApiUrl: (dto.SLACK_API_URL ?? SLACK_API_URL).replace(/\/?$/, '/'),
    corsOrigins: (dto.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    trustProxy: dto.TRUST_PROXY ?? false,
    loginEssais: { compte: dto.LOGIN_ESSAIS_COMPTE ?? 5, adresse: dto.LOGIN_ESSAIS_ADRESSE ?? 30 },
    retentionCandidatsJours: dto.RETENTION_CANDIDATS_JOURS ?? 365,
    slackDigest: { heure: dto.SLACK_DIGEST_HEURE ?? '08:30', fuseau: dto.SLACK_FUSEAU ?? 'Europe/Paris' },
    slackIntervalleCanalMs: dto.SLACK_INTERVALLE_CANAL_MS ?? 1000,
    slackDelaiAppelMs: dto.SLACK_DELAI_APPEL_MS ?? 10_000,
    flow: {
      dureeJourMs: dto.FLOW_DUREE_JOUR_MS ?? 86_400_000,
      avertissementJours: dto.FLOW_AVERTISSEMENT_JOURS ?? 5,
      pollMs: dto.FLOW_POLL_MS ?? 1000,
    },
  });
}

const ENVIRONMENT_KEYS = new Set(
  getMetadataStorage()
    .getTargetValidationMetadatas(EnvironmentDto, '', true, false)
    .map((m) => m.propertyName),
);
