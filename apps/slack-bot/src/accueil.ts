import type { App } from '@slack/bolt';
import { mettreEnFile, reveillerCanaux } from '@aiguillage/core/slack';
import type { SlackBotDeps } from './comptes';

/**
 * The App Home: when a user opens it, a refresh of its view is queued (`views.publish` goes through
 * the delivery queue like every other call). The projection queues one too whenever the user's
 * pending items may have changed (a recommendation, a decision, an override step).
 */
export function registerAccueil(app: App, deps: SlackBotDeps): void {
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab && event.tab !== 'home') return;
    const cle = `accueil-${event.user}-ouvert-${event.event_ts}`;
    if (
      await mettreEnFile(deps.dataSource, {
        cle,
        canal: event.user,
        kind: 'ACCUEIL',
        bailleurId: null,
        liberationId: null,
        ref: {},
      })
    ) {
      await reveillerCanaux(deps.dataSource, [event.user], cle.replace(/\./g, '-'));
    }
  });
}
