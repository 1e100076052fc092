import { dateFr, dateHeureFr, heureLocale } from '@aiguillage/engine';
import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { SlackCanalRepository, SlackMessageRepository } from '@aiguillage/persistence';
import { DataSource } from 'typeorm';
import { AppConfig } from '../platform/config/app-config';
import { EngineStateStore } from '../platform/live/engine-state.store';
import { OUTBOX_CHANNEL } from '../platform/live/flow.types';
import { JobHandler } from '../platform/jobs/job-registry';
import type { JobPayloads } from '../platform/jobs/job-names';
import { echapper, type SlackBlock } from '../notifications/derogation-message';
import { mettreEnFile, reveillerCanaux } from './slack-file';
import { conventionsSuivies, decisionsEntre, delaisProches, derogationsEnAttente, nombre } from './slack-rapports';

/** Délais shown in the digest: those ending within this many days. */
export const DIGEST_JOURS_DELAIS = 3;

/** The instant of local midnight starting `jour` in `fuseau`. */
export function minuitLocal(jour: string, fuseau: string): Date {
  const utc = Date.parse(`${jour}T00:00:00Z`);
  const vu = heureLocale(new Date(utc), fuseau);
  const decalage = Date.parse(`${vu.jour}T${vu.heure}:00Z`) - utc;
  return new Date(utc - decalage);
}

/**
 * The daily digest to each bailleur's channel (its whole-bailleur mapping) at SLACK_DIGEST_HEURE
 * (default 08:30 Europe/Paris): conventions behind, délais ending soon, overrides waiting,
 * yesterday's decisions and overrides. Once per bailleur and day whatever the number of processes
 * or restarts: the job is written to the outbox under the id `slack-digest-<bailleur>-<day>` and
 * its message keyed `digest-<bailleur>-<day>`. A process started after the hour sends the day's
 * digest late rather than never. `planifier(now)` takes the clock as an argument (tests).
 */
@Injectable()
export class SlackDigestService {
  private readonly logger = new Logger(SlackDigestService.name);

  constructor(private readonly moduleRef: ModuleRef) {}

  /** Plans today's digests once the configured hour is passed; returns how many were planned now. */
  async planifier(maintenant: Date): Promise<number> {
    const config = this.moduleRef.get(AppConfig, { strict: false });
    if (!config.get('slack')) return 0;
    const { heure, fuseau } = config.get('slackDigest');
    if (heure === 'aucun') return 0;
    const local = heureLocale(maintenant, fuseau);
    if (local.heure < heure) return 0;
    const db = this.moduleRef.get(DataSource, { strict: false });
    return new SlackCanalRepository(db).planDigests(local.jour, OUTBOX_CHANNEL);
  }

  @JobHandler('slack.digest')
  async onDigest({ bailleurId, date }: JobPayloads['slack.digest']): Promise<boolean> {
    const config = this.moduleRef.get(AppConfig, { strict: false });
    if (!config.get('slack')) return false;
    const db = this.moduleRef.get(DataSource, { strict: false });
    const canal = await new SlackCanalRepository(db).digestChannel(bailleurId);
    if (!canal) return false;
    const cle = `digest-${bailleurId}-${date}`;
    if (await new SlackMessageRepository(db).exists(cle)) return false;
    const { text, blocks } = await this.contenu(db, bailleurId, canal.nom, date, config.get('slackDigest').fuseau);
    const queued = await mettreEnFile(db, {
      cle,
      canal: canal.canal,
      kind: 'DIGEST',
      bailleurId,
      liberationId: null,
      ref: { text, blocks, date },
    });
    if (queued) await reveillerCanaux(db, [canal.canal], cle);
    if (queued) this.logger.log(`Résumé du ${date} en file pour ${canal.nom}`);
    return queued;
  }

  /** The digest's text and blocks (French). */
  async contenu(
    db: DataSource,
    bailleurId: string,
    bailleurNom: string,
    date: string,
    fuseau: string,
  ): Promise<{ text: string; blocks: SlackBlock[] }> {
    const store = this.moduleRef.get(EngineStateStore, { strict: false });
    const debut = minuitLocal(date, fuseau);
    const hier = minuitLocal(new Date(Date.parse(`${date}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10), fuseau);
    const retards = (await conventionsSuivies(db, store, { bailleurIds: [bailleurId] }, date))
      .filter((c) => c.ecart <= -0.5)
      .slice(0, 5);
    const delais = await delaisProches(db, { bailleurIds: [bailleurId] }, debut, DIGEST_JOURS_DELAIS);
    const attente = await derogationsEnAttente(db, [bailleurId]);
    const veille = await decisionsEntre(db, bailleurId, hier, debut);
    const liste = (lignes: string[], vide: string) =>
      lignes.length > 0 ? lignes.map((l) => `• ${l}`).join('\n') : `_${vide}_`;
    const text = `Résumé du ${dateFr(date)} — ${bailleurNom} : ${retards.length} convention(s) en retard, ${delais.length} délai(s) proche(s), ${attente.length} dérogation(s) en attente, ${veille.decisions} décision(s) hier`;
    const blocks: SlackBlock[] = [
      { type: 'header', text: { type: 'plain_text', text: `Résumé du ${dateFr(date)} — ${bailleurNom}` } },
      {
        type: 'section',
        block_id: 'retards',
        text: {
          type: 'mrkdwn',
          text: `*Conventions en retard*\n${liste(
            retards.map((c) =>
              echapper(
                `${c.reservataireNom} (convention ${c.reference}) : ${nombre(c.realise)} sur ${nombre(c.attendu)} attendus à date, retard de ${nombre(-c.ecart)}`,
              ),
            ),
            'aucune convention en retard',
          )}`,
        },
      },
      {
        type: 'section',
        block_id: 'delais',
        text: {
          type: 'mrkdwn',
          text: `*Délais qui expirent dans les ${DIGEST_JOURS_DELAIS} jours*\n${liste(
            delais.map((d) =>
              echapper(
                `${d.reservataireNom} (convention ${d.reference}) : RPLS ${d.rplsId} à ${d.communeNom}, le ${dateHeureFr(d.delaiExpireAt)}`,
              ),
            ),
            'aucun délai proche',
          )}`,
        },
      },
      {
        type: 'section',
        block_id: 'derogations',
        text: {
          type: 'mrkdwn',
          text: `*Dérogations en attente d'approbation*\n${liste(
            attente.map((a) => echapper(`RPLS ${a.rplsId} à ${a.communeNom}, demandée par ${a.demandeur}`)),
            'aucune',
          )}`,
        },
      },
      {
        type: 'section',
        block_id: 'hier',
        text: {
          type: 'mrkdwn',
          text: `*Hier* : ${veille.decisions} logement(s) orienté(s), dont ${veille.derogations} dérogation(s)`,
        },
      },
    ];
    return { text, blocks };
  }
}
