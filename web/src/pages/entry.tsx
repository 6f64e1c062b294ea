/**
 * One entry: every field as the API returns it (ID numbers and phones masked), eligibility findings, the
 * history as a timeline, each contestant's photo, 修改 / 撤回 while its track is open, and the 附件4 form to print
 * once the entry is complete.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, type Versioned } from '../api.ts';
import { trackWritable, useSession } from '../context.ts';
import { DownloadButton } from '../download.tsx';
import { Confirm, Notice } from '../fields.tsx';
import { deadlineText, nowMs } from '../time.ts';
import { ContestantCard, EligibilitySection, HistoryTimeline, PeopleFacts } from './entry-parts.tsx';
import { OverrideNotice } from './override-notice.tsx';
import { type Measure, PhotoPanel, type Uploader } from './photo.tsx';
import { EntryFacts } from './state-facts.tsx';

const POLL_MS = 1500;
const POLL_LIMIT = 80;

export function EntryPage({
  registrationId,
  flash,
  photoTools,
}: {
  registrationId: string;
  flash?: string | undefined;
  /** Replaces the browser's upload and image measuring (tests). */
  photoTools?: { upload: Uploader; measure: Measure };
}) {
  const session = useSession();
  const { api, edition, navigate } = session;
  const [loaded, setLoaded] = useState<Versioned | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [polls, setPolls] = useState(0);

  const load = () =>
    api
      .registration(registrationId)
      .then(setLoaded)
      .catch((error) => setProblem(error instanceof ApiError ? error.message : '报名载入失败'));

  useEffect(() => {
    load();
  }, [registrationId]);

  const pending = loaded?.registration.contestants.some((c) => c.photo.status === 'pending') ?? false;
  // Follows 审核中 after an upload until every photo is judged (or the limit passes: the page says so).
  useEffect(() => {
    if (polls === 0 || !pending || polls > POLL_LIMIT) return;
    const timer = setTimeout(() => {
      load().then(() => setPolls((n) => n + 1));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [polls, pending]);

  if (problem && !loaded) return <Notice kind="error">{problem}</Notice>;
  if (!loaded) return <p role="status">正在载入…</p>;

  const r = loaded.registration;
  const track = edition.tracks.find((t) => t.id === r.trackId);
  const group = track?.groups.find((g) => g.id === r.groupId);
  const zone = edition.timeZone;
  const active = r.status === 'submitted' || r.status === 'complete';
  const now = nowMs();
  const writable = track !== undefined && trackWritable(session, track, now);
  const changeable = active && writable;

  const withdraw = async () => {
    setProblem(null);
    try {
      await api.withdraw(r.registrationId, loaded.version);
      navigate('#/', '报名已撤回，名额已释放');
    } catch (error) {
      setConfirming(false);
      if (error instanceof ApiError && error.code === 'VERSION_CONFLICT') await load();
      setProblem(error instanceof ApiError ? error.message : '撤回未成功，请重试');
    }
  };

  return (
    <section aria-labelledby="entry-title">
      <h1 id="entry-title">
        {track?.name ?? r.trackId} · {group?.name ?? r.groupId}
      </h1>
      {flash && <Notice kind="success">{flash}</Notice>}
      {problem && <Notice kind="error">{problem}</Notice>}
      {track && <OverrideNotice trackId={track.id} now={now} />}
      {track && !writable && (
        <Notice kind="warning">
          本赛项报名已于{deadlineText(track.closesAt, zone)}
          （北京时间）截止，报名信息只能查看，不能再修改、撤回或上传照片。
        </Notice>
      )}
      <dl class="facts summary">
        <EntryFacts r={r} zone={zone} />
      </dl>

      {changeable && (
        <div class="actions">
          <a class="button" href={`#/entries/${r.registrationId}/edit`}>
            修改
          </a>
          <button type="button" class="danger" onClick={() => setConfirming(true)} aria-expanded={confirming}>
            撤回
          </button>
        </div>
      )}
      {confirming && (
        <Confirm
          id="confirm-title"
          title="确定撤回这条报名吗？"
          confirmLabel="确认撤回"
          onConfirm={withdraw}
          onCancel={() => setConfirming(false)}
        >
          <p>撤回后名额释放，选手如需参赛须重新报名。</p>
        </Confirm>
      )}

      {r.status === 'complete' && (
        <section class="card" aria-labelledby="form-title">
          <h2 id="form-title">报名表（附件4）</h2>
          <p>
            报名表已按本条报名填好，每位选手一页。请打印后由选手所在单位在“选手所在单位意见”栏加盖公章，检录时带到现场。
          </p>
          <DownloadButton label="下载报名表（附件4）" fetchFile={() => api.entryForm(r.registrationId)} />
        </section>
      )}

      <PeopleFacts r={r} />

      {r.contestants.map((c, i) => (
        <ContestantCard c={c} index={i} key={c.idNumber}>
          <PhotoPanel
            registrationId={r.registrationId}
            index={i}
            name={c.name}
            photo={c.photo}
            writable={changeable}
            onUploaded={() => load().then(() => setPolls(1))}
            {...photoTools}
          />
        </ContestantCard>
      ))}
      {polls > POLL_LIMIT && pending && <Notice>照片仍在审核中，请稍后刷新页面查看结果。</Notice>}

      <EligibilitySection r={r} zone={zone} />
      <HistoryTimeline
        r={r}
        zone={zone}
        unitLabel="本单位"
        loadOlder={(cursor) => api.olderHistory(r.registrationId, cursor)}
      />
      <p>
        <a href="#/">返回首页</a>
      </p>
    </section>
  );
}
