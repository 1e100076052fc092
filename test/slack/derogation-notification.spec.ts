/**
 * Without Slack (or without the approvals channel) the `notification.derogation` job does nothing
 * but say so once, at info level: the API and the websocket remain the way to approve.
 */
import { Logger } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import { AppConfig, loadConfig } from '@aiguillage/core';
import { DerogationNotificationProcessor } from '@aiguillage/core/notifications';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const base = {
  NODE_ENV: 'test',
  JWT_SECRET: 'x'.repeat(32),
  DATA_DIR: mkdtempSync(join(tmpdir(), 'aiguillage-slack-')),
};

function processorWith(env: Record<string, string>) {
  const config = loadConfig({ ...base, ...env });
  const lookedUp: unknown[] = [];
  const moduleRef = {
    get: (token: unknown) => {
      lookedUp.push(token);
      if (token === AppConfig) return config;
      throw new Error('la base ne doit pas être lue sans Slack');
    },
  } as unknown as ModuleRef;
  return { processor: new DerogationNotificationProcessor(moduleRef), lookedUp };
}

describe('notification.derogation without Slack', () => {
  afterEach(() => jest.restoreAllMocks());

  it.each([
    ['no Slack at all', {}],
    ['a channel without Slack', { SLACK_CANAL_APPROBATIONS: 'C0APPROBATIONS' }],
  ])('%s: logs once at info level and returns', async (_name, env) => {
    const info = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { processor } = processorWith(env);
    await expect(processor.onDerogation({ overrideRequestId: '7f0c6c56-5d7e-4f4e-9a61-0d8a3c0c2a11' })).resolves.toBe(
      false,
    );
    await expect(processor.onDerogation({ overrideRequestId: '7f0c6c56-5d7e-4f4e-9a61-0d8a3c0c2a12' })).resolves.toBe(
      false,
    );
    expect(info).toHaveBeenCalledTimes(1);
    expect(String(info.mock.calls[0][0])).toMatch(/non publiées dans Slack .*SLACK_CANAL_APPROBATIONS/);
    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
    expect(processor.posted).toBe(0);
  });
});

describe('Slack configuration', () => {
  it('reads SLACK_CANAL_APPROBATIONS and SLACK_API_URL (Slack’s by default, always ending with /)', () => {
    expect(loadConfig(base).get('slackApiUrl')).toBe('https://slack.com/api/');
    expect(loadConfig(base).get('slackCanalApprobations')).toBeNull();
    const config = loadConfig({
      ...base,
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
      SLACK_CANAL_APPROBATIONS: 'G0PRIVE',
    });
    expect(config.get('slackApiUrl')).toBe('http://127.0.0.1:9999/api/');
    expect(config.get('slackCanalApprobations')).toBe('G0PRIVE');
  });

  it('refuses a bad channel id or URL, in French', () => {
    expect(() =>
      loadConfig({ ...base, SLACK_CANAL_APPROBATIONS: '#approbations', SLACK_API_URL: 'slack.com/api' }),
    ).toThrow(
      /SLACK_API_URL : doit être une URL http\(s\):\/\/hôte\/chemin\/ \(reçu « slack\.com\/api »\)[\s\S]*SLACK_CANAL_APPROBATIONS : doit être l'identifiant d'un canal Slack \(C0123ABCD\)|SLACK_CANAL_APPROBATIONS : doit être l'identifiant d'un canal Slack \(C0123ABCD\)[\s\S]*SLACK_API_URL : doit être une URL/,
    );
  });
});
