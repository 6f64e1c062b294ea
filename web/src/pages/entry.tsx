/**
 * One entry: every field as the API returns it (ID numbers and phones masked), eligibility findings, the
 * history as a timeline, each contestant's photo, and 修改 / 撤回 while its track is open.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import {
  educationZh,
  eligibilityZh,
  genderZh,
  identityZh,
  qualificationZh,
} from '#shared/domain/labels-zh.ts';
import type { HistoryEntry } from '#shared/domain/registration.ts';
import { ApiError, type Versioned } from '../api.ts';
import { trackWritable, useSession } from '../context.ts';
import { Notice } from '../fields.tsx';
import { beijingMinute, deadlineText, nowMs } from '../time.ts';
import { Findings } from './findings.tsx';
import { OverrideNotice } from './override-notice.tsx';
import { type Measure, PhotoPanel, type Uploader } from './photo.tsx';
import { StateFacts } from './state-facts.tsx';

const actionZh: Record<HistoryEntry['action'], string> = {
  submitted: '提交报名',
  amended: '修改报名',
  withdrawn: '撤回报名',
  'eligibility-evaluated': '资格审核',
  'eligibility-reviewed': '大赛执委会人工复核',
  'photo-upload-granted': '开始上传照片',
  'photo-accepted': '照片审核合格',
  'photo-rejected': '照片审核不合格',
  expired: '报名失效',
  'personal-data-viewed': '查看选手完整的身份证号码和手机号码',
};

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
  const { api, edition, unit, navigate } = session;
  const [loaded, setLoaded] = useState<Versioned | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [polls, setPolls] = useState(0);
  const confirmRef = useRef<HTMLDivElement>(null);

  const load = () =>
    api
      .registration(registrationId)
      .then(setLoaded)
      .catch((error) => setProblem(error instanceof ApiError ? error.message : '报名载入失败'));

  useEffect(() => {
    load();
  }, [registrationId]);
  useLayoutEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

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
        <StateFacts r={r}>
          <dt>提交时间</dt>
          <dd>{beijingMinute(r.createdAt, zone)}</dd>
        </StateFacts>
        {r.expiredReasons && r.expiredReasons.length > 0 && (
          <>
            <dt>失效原因</dt>
            <dd>{r.expiredReasons.join('；')}</dd>
          </>
        )}
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
        <div
          class="confirm"
          role="alertdialog"
          aria-labelledby="confirm-title"
          tabIndex={-1}
          ref={confirmRef}
        >
          <h2 id="confirm-title">确定撤回这条报名吗？</h2>
          <p>撤回后名额释放，选手如需参赛须重新报名。</p>
          <div class="actions">
            <button type="button" class="danger" onClick={withdraw}>
              确认撤回
            </button>
            <button type="button" class="secondary" onClick={() => setConfirming(false)}>
              取消
            </button>
          </div>
        </div>
      )}

      <h2>领队{r.advisor ? '与指导教师' : ''}</h2>
      <dl class="facts">
        <dt>领队姓名</dt>
        <dd>{r.leader.name}</dd>
        <dt>领队手机号码</dt>
        <dd>{r.leader.phone}</dd>
        {r.advisor && (
          <>
            <dt>指导教师姓名</dt>
            <dd>{r.advisor.name}</dd>
            <dt>指导教师手机号码</dt>
            <dd>{r.advisor.phone}</dd>
          </>
        )}
      </dl>

      {r.contestants.map((c, i) => (
        <section class="card contestant" key={c.idNumber} aria-labelledby={`contestant-${i}`}>
          <h2 id={`contestant-${i}`}>选手{i + 1}</h2>
          <dl class="facts">
            <dt>姓名</dt>
            <dd>{c.name}</dd>
            <dt>性别</dt>
            <dd>{genderZh[c.gender]}</dd>
            <dt>身份证号码</dt>
            <dd>{c.idNumber}</dd>
            <dt>文化程度</dt>
            <dd>{educationZh[c.education]}</dd>
            <dt>所学专业</dt>
            <dd>{c.major || '—'}</dd>
            <dt>手机号码</dt>
            <dd>{c.phone}</dd>
            <dt>通讯地址</dt>
            <dd>{c.address}</dd>
            <dt>邮编</dt>
            <dd>{c.postcode}</dd>
            <dt>参加身份</dt>
            <dd>{identityZh[c.identity]}</dd>
            <dt>现职业资格等级</dt>
            <dd>{qualificationZh(c.qualificationLevel)}</dd>
            <dt>从事本职业年限</dt>
            <dd>{c.yearsInTrade === undefined ? '—' : `${c.yearsInTrade}年`}</dd>
          </dl>
          <PhotoPanel
            registrationId={r.registrationId}
            index={i}
            name={c.name}
            photo={c.photo}
            writable={changeable}
            onUploaded={() => load().then(() => setPolls(1))}
            {...photoTools}
          />
        </section>
      ))}
      {polls > POLL_LIMIT && pending && <Notice>照片仍在审核中，请稍后刷新页面查看结果。</Notice>}

      <h2>资格审核</h2>
      <p>
        结果：<strong>{eligibilityZh[r.eligibility.status]}</strong>
        {r.eligibility.evaluatedAt && `（${beijingMinute(r.eligibility.evaluatedAt, zone)}）`}
      </p>
      <Findings findings={r.eligibility.findings} />
      {r.eligibility.review && (
        <p>
          大赛执委会复核：{r.eligibility.review.decision === 'approve' ? '同意' : '不同意'}，
          {r.eligibility.review.reason}
        </p>
      )}

      <h2>历史记录</h2>
      <ol class="timeline">
        {[...(r.history ?? [])]
          .sort((a, b) => a.version - b.version)
          .map((h) => (
            <li key={`${h.version}-${h.action}-${h.at}`}>
              <time dateTime={h.at}>{beijingMinute(h.at, zone)}</time> {actionZh[h.action] ?? h.action}
              <span class="actor">（{actorZh(h.actor, unit.unitId)}）</span>
              {h.reason && <span>：{h.reason}</span>}
            </li>
          ))}
      </ol>
      {r.historyCursor && <p class="hint">只显示最近20条记录。</p>}
      <p>
        <a href="#/">返回首页</a>
      </p>
    </section>
  );
}

function actorZh(actor: string, unitId: string): string {
  if (actor === unitId) return '本单位';
  if (actor === 'secretariat') return '大赛执委会';
  return '系统';
}
