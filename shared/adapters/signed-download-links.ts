/**
 * Download links signed with HMAC-SHA256 under a key derived (HKDF) from the deployment's link secret, which
 * serves nothing else: rotating it revokes every link out there, and nothing more. The link names the API route `GET /v1/summaries/{summaryId}/files/{scope}`
 * (infra/system.ts), which checks the signature and redirects to a fresh presigned URL.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { DownloadGrant, DownloadLinks } from '#shared/ports/summaries.ts';

const KEY_PURPOSE = 'bayu summary download links v1';

export class SignedDownloadLinks implements DownloadLinks {
  /** `apiUrl` is read only when a link is made: the route checking links needs no URL. */
  constructor(
    private readonly secret: () => Promise<string>,
    private readonly apiUrl: () => string,
  ) {}

  async link(grant: DownloadGrant): Promise<string> {
    const path = `/v1/summaries/${encodeURIComponent(grant.summaryId)}/files/${encodeURIComponent(grant.scope)}`;
    const query = new URLSearchParams({
      expires: String(grant.expiresAt),
      signature: (await this.signature(grant)).toString('base64url'),
    });
    return `${this.apiUrl().replace(/\/+$/, '')}${path}?${query}`;
  }

  async verify(grant: DownloadGrant, signature: string): Promise<boolean> {
    const expected = await this.signature(grant);
    const given = Buffer.from(signature, 'base64url');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private async signature({ summaryId, scope, expiresAt }: DownloadGrant): Promise<Buffer> {
    const key = Buffer.from(hkdfSync('sha256', await this.secret(), '', KEY_PURPOSE, 32));
    return createHmac('sha256', key).update(`${summaryId}\n${scope}\n${expiresAt}`, 'utf8').digest();
  }
}
