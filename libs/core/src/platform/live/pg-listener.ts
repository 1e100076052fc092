import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { listenChannel } from '@aiguillage/persistence';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

/**
 * One dedicated PostgreSQL connection LISTENing on the flow's channels (NOTIFY is delivered at
 * commit). Reconnects after a loss; subscribers also poll, so nothing depends on a notification.
 */
@Injectable()
export class PgListener implements OnApplicationShutdown {
  private readonly logger = new Logger(PgListener.name);
  private readonly handlers = new Map<string, Array<(payload: string) => void>>();
  private client: Client | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly dataSource: DataSource) {}

  async listen(channel: string, handler: (payload: string) => void): Promise<void> {
    const list = this.handlers.get(channel) ?? [];
    list.push(handler);
    this.handlers.set(channel, list);
    await this.connect();
    if (list.length === 1 && this.client) await listenChannel(this.client, channel);
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }

  private connect(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    this.connecting ??= (async () => {
      const options = this.dataSource.options as { url?: string };
      const client = new Client({ connectionString: options.url });
      client.on('notification', (message) =>
        this.handlers.get(message.channel)?.forEach((h) => h(message.payload ?? '')),
      );
      client.on('error', (error) => {
        this.logger.warn(`Connexion LISTEN perdue : ${error.message}`);
        this.client = null;
        void client.end().catch(() => undefined);
        if (!this.closed) setTimeout(() => void this.reconnect(), 500);
      });
      await client.connect();
      this.client = client;
    })().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async reconnect(): Promise<void> {
    try {
      await this.connect();
      for (const [channel, list] of this.handlers) {
        if (this.client) await listenChannel(this.client, channel);
        list.forEach((h) => h(''));
      }
    } catch (error) {
      if (!this.closed) setTimeout(() => void this.reconnect(), 1000);
      this.logger.warn(`Reconnexion LISTEN impossible : ${(error as Error).message}`);
    }
  }
}
