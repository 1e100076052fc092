import { Logger, type OnModuleInit } from '@nestjs/common';
import { WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { PgListener } from '@aiguillage/core/platform/live';
import { BILAN_CHANNEL, type Generation } from '@aiguillage/persistence';
import type { Server } from 'socket.io';
import { roomOfBailleur, type ServerToClientEvents } from '../events/events.types';

/**
 * Pushes each step of a bilan generation (NOTIFY at commit by whichever process runs the job) to the
 * sockets of the bailleur's staff, as `bilan.progression`.
 */
@WebSocketGateway({ path: '/socket.io', cors: { origin: true } })
export class BilanGateway implements OnModuleInit {
  private readonly logger = new Logger(BilanGateway.name);
  @WebSocketServer()
  server: Server<Record<string, never>, ServerToClientEvents>;

  constructor(private readonly listener: PgListener) {}

  async onModuleInit(): Promise<void> {
    await this.listener.listen(BILAN_CHANNEL, (payload) => this.pousser(payload));
  }

  private pousser(payload: string): void {
    if (!payload || !this.server) return;
    try {
      const g = JSON.parse(payload) as Generation;
      this.server.to(roomOfBailleur(g.bailleurId)).emit('bilan.progression', {
        generationId: g.id,
        annee: g.annee,
        departement: g.departement,
        statut: g.statut,
        progression: g.progression,
        etape: g.etape,
        erreur: g.erreur,
        snapshotId: g.snapshotId,
      });
    } catch (error) {
      this.logger.warn(`Progression de bilan illisible : ${(error as Error).message}`);
    }
  }
}
