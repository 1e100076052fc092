import type { webApi } from '@slack/bolt';

/** How a failed Slack call is handled by the sender. */
export type EchecSlack =
  /** 429: wait `retryAfterMs` (Retry-After), then the same call again; the channel waits meanwhile. */
  | { kind: 'LIMITE'; retryAfterMs: number; message: string }
  /** 5xx, timeout, network: retried with backoff, then the job fails (the runner retries it later). */
  | { kind: 'PASSAGER'; message: string }
  /** `ok: false` (channel_not_found, invalid_blocks…): no retry can fix it. */
  | { kind: 'DEFINITIF'; message: string };

/** Reads an error of `@slack/web-api` into what the sender does with it. */
export function echecSlack(error: unknown): EchecSlack {
  const e = error as {
    code?: string;
    retryAfter?: number;
    statusCode?: number;
    data?: { error?: string };
    message?: string;
  };
  const message = e?.message ?? String(error);
  if (e?.code === 'slack_webapi_rate_limited_error')
    return { kind: 'LIMITE', retryAfterMs: Math.max(1, e.retryAfter ?? 1) * 1000, message };
  if (e?.code === 'slack_webapi_platform_error') {
    const code = e.data?.error ?? message;
    if (['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout'].includes(code))
      return { kind: 'PASSAGER', message: code };
    return { kind: 'DEFINITIF', message: code };
  }
  return { kind: 'PASSAGER', message };
}

/** A Web API client without retries of its own (the sender retries, honouring Retry-After). */
export async function slackClient(token: string, slackApiUrl: string, timeoutMs = 10_000): Promise<webApi.WebClient> {
  const { webApi: api } = await import('@slack/bolt');
  return new api.WebClient(token, {
    slackApiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: timeoutMs,
  });
}
