// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/preact';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Photo } from '#shared/domain/registration.ts';
import { EntryPage } from '../src/pages/entry.tsx';
import { fakeApi, registrationView, renderSignedIn, setNow, versioned } from './support.tsx';

const withPhoto = (photo: Photo) => {
  const r = registrationView({ trackId: 'machine-vision', groupId: 'open' });
  return versioned({ ...r, contestants: [{ ...r.contestants[0]!, photo }] });
};

const file = (bytes: number, type: string) => new File([new Uint8Array(bytes)], 'photo', { type });

beforeEach(() => setNow('2023-09-01T09:00:00+08:00'));
afterEach(cleanup);

describe("a contestant's photo", () => {
  it('checks type, size and aspect in the browser before any upload', async () => {
    const user = userEvent.setup({ applyAccept: false });
    const api = fakeApi({ registration: async () => withPhoto({ status: 'missing', reasons: [] }) });
    renderSignedIn(
      <EntryPage
        registrationId="reg_1"
        photoTools={{ upload: async () => {}, measure: async () => ({ width: 300, height: 300 }) }}
      />,
      api,
    );
    const input = await screen.findByLabelText('选择张伟的照片');
    expect(screen.getByText(/2寸（35×49毫米）红底免冠证件照/)).toBeTruthy();

    await user.upload(input, file(30_000, 'image/gif'));
    expect(await screen.findByText('文件不是 JPEG 或 PNG 图片')).toBeTruthy();
    await user.upload(input, file(1_000, 'image/jpeg'));
    expect(await screen.findByText('文件小于 20 KB，不是清晰的证件照')).toBeTruthy();
    await user.upload(input, file(30_000, 'image/jpeg'));
    expect(await screen.findByText('不是二寸竖版照片的比例（35×49 毫米或 35×53 毫米）')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '上传照片' })).toBeNull();
    expect(api.calls.some((c) => c.method === 'grantPhotoUpload')).toBe(false);
  });

  it('uploads by the presigned POST with progress, then follows 审核中 until 合格', async () => {
    const user = userEvent.setup();
    const answers = [
      withPhoto({ status: 'missing', reasons: [] }),
      withPhoto({ status: 'pending', reasons: [] }),
      withPhoto({ status: 'accepted', reasons: [] }),
    ];
    const api = fakeApi({
      registration: async () => (answers.length > 1 ? answers.shift()! : answers[0]!),
      grantPhotoUpload: async () => ({
        uploadId: 'up_1',
        contentType: 'image/jpeg',
        minBytes: 20_480,
        maxBytes: 5_242_880,
        upload: { url: 'http://127.0.0.1:4569/bucket', fields: { key: 'uploads/x' }, expiresInSeconds: 600 },
      }),
    });
    const posted: string[] = [];
    let finish: () => void = () => {};
    const upload = (target: { url: string }, _file: File, onProgress: (share: number) => void) => {
      posted.push(target.url);
      onProgress(0.5);
      return new Promise<void>((resolve) => {
        finish = resolve;
      });
    };
    renderSignedIn(
      <EntryPage
        registrationId="reg_1"
        photoTools={{ upload, measure: async () => ({ width: 413, height: 579 }) }}
      />,
      api,
    );
    await user.upload(await screen.findByLabelText('选择张伟的照片'), file(60_000, 'image/jpeg'));
    expect(await screen.findByRole('img', { name: '张伟的照片预览' })).toBeTruthy();
    await user.click(await screen.findByRole('button', { name: '上传照片' }));

    const progress = await screen.findByLabelText('上传进度');
    await waitFor(() => expect((progress as HTMLProgressElement).value).toBe(0.5));
    expect(posted).toEqual(['http://127.0.0.1:4569/bucket']);
    expect(api.calls.find((c) => c.method === 'grantPhotoUpload')?.args).toEqual(['reg_1', 0, 'image/jpeg']);
    finish();

    const panel = () => within(screen.getByRole('region', { name: '张伟的照片' }));
    await waitFor(() => expect(panel().getByText('审核中')).toBeTruthy());
    await waitFor(() => expect(panel().getByText('合格')).toBeTruthy(), { timeout: 5_000 });
  });

  it('shows a rejection with its reasons in Chinese', async () => {
    const api = fakeApi({
      registration: async () =>
        withPhoto({
          status: 'rejected',
          reasons: ['BACKGROUND_NOT_RED'],
          messages: [{ code: 'BACKGROUND_NOT_RED', zh: '背景不是红色（须为红底免冠照片）', en: '' }],
        }),
    });
    renderSignedIn(<EntryPage registrationId="reg_1" />, api);
    expect(
      await screen.findByText('不合格原因：背景不是红色（须为红底免冠照片）。请重新上传。'),
    ).toBeTruthy();
  });
});
