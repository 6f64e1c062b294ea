import { httpFunction, type Routes } from '#functions/lib/http.ts';
import { photoDeps, rateLimitDeps, unitStore } from '#shared/composition.ts';
import type { DownloadLink, PhotoArchive, PhotoUploadGrant, Shown } from '#shared/domain/views.ts';
import { exportTrackPhotos, grantPhotoUpload, photoDownloadLink } from '#shared/use-cases/photos.ts';

/** The routes of this function, by API Gateway routeKey (equal to its triggers in infra/system.ts). */
export const routes = {
  'POST /v1/registrations/{registrationId}/contestants/{index}/photo': async (req) => ({
    status: 201,
    body: (await grantPhotoUpload(photoDeps(), {
      principal: await req.principal(),
      correlationId: req.requestId,
      registrationId: req.params.registrationId ?? '',
      index: req.params.index ?? '',
      // The body is optional: without one the upload is a JPEG.
      body: req.rawBody === '' ? undefined : req.json(),
    })) satisfies Shown<typeof PhotoUploadGrant>,
  }),
  'GET /v1/registrations/{registrationId}/contestants/{index}/photo': async (req) => ({
    status: 200,
    body: (await photoDownloadLink(
      photoDeps(),
      await req.principal(),
      req.params.registrationId ?? '',
      req.params.index ?? '',
    )) satisfies Shown<typeof DownloadLink>,
  }),
  'GET /v1/competitions/{competitionId}/tracks/{trackId}/photos.zip': async (req) => {
    const archive = await exportTrackPhotos(
      photoDeps(),
      await req.principal(),
      req.params.competitionId ?? '',
      req.params.trackId ?? '',
    );
    // See Other: `curl -L` and browsers follow it to the archive; API clients read the same from the body.
    return {
      status: 303,
      body: archive satisfies Shown<typeof PhotoArchive>,
      headers: { location: archive.url },
    };
  },
} satisfies Routes;

export const handler = httpFunction(routes, { tokens: unitStore, rateLimit: rateLimitDeps });
