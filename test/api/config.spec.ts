import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ConfigError, loadConfig } from '@aiguillage/core';

const dataDir = () => mkdtempSync(join(tmpdir(), 'aiguillage-config-'));

describe('loadConfig (environment validated once at boot)', () => {
  it('applies the defaults and reads through the typed getter', () => {
    const config = loadConfig({ DATA_DIR: dataDir() });
    expect(config.get('port')).toBe(3000);
    expect(config.get('databaseUrl')).toBeNull();
    expect(config.get('redisUrl')).toBeNull();
    expect(config.get('demo')).toEqual({ enabled: true, seed: 2026, scale: 0.25, rejeu: true, date: null });
    expect(config.get('slack')).toBeNull();
    expect(config.get('nodeEnv')).toBe('development');
  });

  it('reads the demo replay settings (DEMO_REJEU, off under NODE_ENV=test; DEMO_DATE a day)', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), NODE_ENV: 'test' }).get('demo').rejeu).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir(), DEMO_REJEU: 'false', DEMO_DATE: '2026-06-30' }).get('demo')).toMatchObject(
      { rejeu: false, date: '2026-06-30' },
    );
    expect(() => loadConfig({ DATA_DIR: dataDir(), DEMO_DATE: '30/06/2026' })).toThrow(
      'DEMO_DATE : doit être une date AAAA-MM-JJ',
    );
  });

  it('converts typed values', () => {
    const config = loadConfig({
      DATA_DIR: dataDir(),
      PORT: '8080',
      DATABASE_URL: 'postgres://u@db:5432/x',
      REDIS_URL: 'redis://cache:6379',
      DEMO_ENABLED: 'false',
      DEMO_SEED: '7',
      DEMO_SCALE: '0.05',
      LOG_LEVEL: 'debug',
    });
    expect(config.get('port')).toBe(8080);
    expect(config.get('databaseUrl')).toBe('postgres://u@db:5432/x');
    expect(config.get('redisUrl')).toBe('redis://cache:6379');
    expect(config.get('demo')).toEqual({ enabled: false, seed: 7, scale: 0.05, rejeu: true, date: null });
    expect(config.get('logLevel')).toBe('debug');
  });

  it('lists every bad variable with its French reason in one error', () => {
    let error: unknown;
    try {
      loadConfig({ DATA_DIR: dataDir(), PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'bavard', DEMO_SCALE: '3' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { erreurs, message } = error as ConfigError;
    expect(erreurs.map((e) => e.champ).sort()).toEqual(['DATABASE_URL', 'DEMO_SCALE', 'LOG_LEVEL', 'PORT']);
    expect(message).toContain('Configuration invalide');
    expect(message).toContain('PORT : doit être un nombre entier');
    expect(message).toContain('(reçu « abc »)');
    expect(message).toContain(
      "LOG_LEVEL : doit être l'une des valeurs : fatal, error, warn, info, debug, trace, silent",
    );
    expect(message).toContain('DEMO_SCALE : doit être inférieur ou égal à 1');
  });

  it('reads the live flow timing (FLOW_*) with its defaults and French errors', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).get('flow')).toEqual({
      dureeJourMs: 86_400_000,
      avertissementJours: 5,
      pollMs: 1000,
    });
    expect(
      loadConfig({
        DATA_DIR: dataDir(),
        FLOW_DUREE_JOUR_MS: '40',
        FLOW_AVERTISSEMENT_JOURS: '0',
        FLOW_POLL_MS: '200',
      }).get('flow'),
    ).toEqual({ dureeJourMs: 40, avertissementJours: 0, pollMs: 200 });
    let error: ConfigError | undefined;
    try {
      loadConfig({ DATA_DIR: dataDir(), FLOW_DUREE_JOUR_MS: '0', FLOW_AVERTISSEMENT_JOURS: 'cinq', FLOW_POLL_MS: '5' });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.erreurs.map((e) => e.champ).sort()).toEqual([
      'FLOW_AVERTISSEMENT_JOURS',
      'FLOW_DUREE_JOUR_MS',
      'FLOW_POLL_MS',
    ]);
    expect(error!.message).toContain('FLOW_POLL_MS : ');
    expect(error!.message).toContain('(reçu « 5 »)');
    expect(error!.message).not.toMatch(/must|should/);
  });

  it('treats an empty variable as unset', () => {
    const config = loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: '', REDIS_URL: '', PORT: '' });
    expect(config.get('databaseUrl')).toBeNull();
    expect(config.get('redisUrl')).toBeNull();
    expect(config.get('port')).toBe(3000);
  });

  it('requires JWT_SECRET in production', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), NODE_ENV: 'production' })).toThrow(
      /JWT_SECRET : est obligatoire en production/,
    );
    const secret = 'x'.repeat(40);
    expect(loadConfig({ DATA_DIR: dataDir(), NODE_ENV: 'production', JWT_SECRET: secret }).get('jwtSecret')).toBe(
      secret,
    );
  });

  it('refuses a short JWT_SECRET', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), JWT_SECRET: 'court' })).toThrow(
      /JWT_SECRET : doit contenir au moins 32 caractères/,
    );
  });

  it('generates a JWT secret in development once, private, kept across restarts', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir }).get('jwtSecret');
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({ DATA_DIR: dir }).get('jwtSecret')).toBe(first);
    expect(readFileSync(join(dir, 'jwt-secret'), 'utf8').trim()).toBe(first);
    expect(statSync(join(dir, 'jwt-secret')).mode & 0o777).toBe(0o600);
  });

  it('wants both Slack credentials or neither', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET/);
    const slack = loadConfig({ DATA_DIR: dataDir(), SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).get(
      'slack',
    );
    expect(slack).toEqual({ botToken: 'xoxb-1', signingSecret: 's', appToken: null, port: 3001 });
  });

  it('exits 1 with the list when a process boots with a bad environment', () => {
    const result = spawnSync(process.execPath, ['scripts/run.js', 'apps/api/src/main.ts'], {
      env: { ...process.env, PORT: 'abc', REDIS_URL: 'http://x', DATA_DIR: dataDir() },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Configuration invalide');
    expect(result.stderr).toContain('PORT');
    expect(result.stderr).toContain('REDIS_URL : doit être une URL redis://hôte:port');
  }, 60_000);
});
