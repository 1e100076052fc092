import { SqlRepository } from '../repository.utils';

/** The lease of each channel's sender across processes, and the channel's pacing (`slack_livraison`). */
export class SlackLivraisonRepository extends SqlRepository {
  /** Takes the channel's lease for `ms` (false: another owner holds it). */
  async take(canal: string, owner: string, ms: number): Promise<boolean> {
    const rows = await this.m().query<unknown[]>(
      `INSERT INTO slack_livraison (canal, lease_until, lease_owner) VALUES ($1, now() + $3 * interval '1 millisecond', $2)
       ON CONFLICT (canal) DO UPDATE SET lease_until = EXCLUDED.lease_until, lease_owner = EXCLUDED.lease_owner
       WHERE slack_livraison.lease_until IS NULL OR slack_livraison.lease_until < now() OR slack_livraison.lease_owner = EXCLUDED.lease_owner
       RETURNING canal`,
      [canal, owner, ms],
    );
    return rows.length > 0;
  }

  /** Releases the lease if this owner holds it. */
  async release(canal: string, owner: string): Promise<void> {
    await this.m().query(
      `UPDATE slack_livraison SET lease_until = NULL, lease_owner = NULL WHERE canal = $1 AND lease_owner = $2`,
      [canal, owner],
    );
  }

  /** Renews the lease for `ms`; returns how long to wait before the next message (ms, pacing). */
  async renew(canal: string, owner: string, ms: number): Promise<number> {
    const [row] = await this.m().query<Array<{ attente: number }>>(
      `UPDATE slack_livraison SET lease_until = now() + $3 * interval '1 millisecond' WHERE canal = $1 AND lease_owner = $2
       RETURNING greatest(0, extract(epoch FROM (next_at - clock_timestamp())) * 1000)::int AS attente`,
      [canal, owner, ms],
    );
    return row.attente;
  }

  /** The channel's next message not before `ms` from now. */
  async pace(canal: string, ms: number): Promise<void> {
    await this.m().query(
      `UPDATE slack_livraison SET next_at = clock_timestamp() + $2 * interval '1 millisecond' WHERE canal = $1`,
      [canal, ms],
    );
  }
}
