/**
 * The parts of an entry page that the units' app and the secretariat's console both show: the people (masked as
 * the API gives them), each contestant, the eligibility result with its findings, and the history with who did
 * what. Each app adds its own actions around them.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import {
  educationZh,
  eligibilityZh,
  genderZh,
  identityZh,
  qualificationZh,
} from '#shared/domain/labels-zh.ts';
import type { HistoryEntry } from '#shared/domain/registration.ts';
import { ApiError } from '../api.ts';
import { Notice } from '../fields.tsx';
import { beijingMinute } from '../time.ts';
import type { HistoryView, RegistrationView } from '../types.ts';
import { Findings } from './findings.tsx';

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

/**
 * Who acted, in the reader's words: the entry's own unit as `unitLabel` (本单位 to the unit itself), a portal
 * acting for it by the portal's name, a member of the secretariat by name when the history names them, the
 * system otherwise.
 */
export function actorZh(h: HistoryView, unitId: string, unitLabel: string): string {
  if (h.actor === unitId) return unitLabel;
  if (h.onBehalfOf)
    return `门户“${h.actorName ?? h.actor}”代${h.onBehalfOf === unitId ? unitLabel : h.onBehalfOf}`;
  if (h.actorName) return `大赛执委会 ${h.actorName}`;
  if (h.actor === 'secretariat') return '大赛执委会';
  return '系统';
}

export function PeopleFacts({ r }: { r: RegistrationView }) {
  return (
    <>
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
    </>
  );
}

/** One contestant's facts; `children` follow them (the unit's photo panel, the console's photo state). */
export function ContestantCard({
  c,
  index,
  children,
}: {
  c: RegistrationView['contestants'][number];
  index: number;
  children?: ComponentChildren;
}) {
  return (
    <section class="card contestant" aria-labelledby={`contestant-${index}`}>
      <h2 id={`contestant-${index}`}>选手{index + 1}</h2>
      <dl class="facts">
        <dt>姓名</dt>
        <dd>{c.name}</dd>
        <dt>性别</dt>
        <dd>{genderZh[c.gender]}</dd>
        <dt>身份证号码</dt>
        <dd class="id-number">{c.idNumber}</dd>
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
      {children}
    </section>
  );
}

export function EligibilitySection({
  r,
  zone,
  relatedHref,
}: {
  r: RegistrationView;
  zone: string;
  /** Links a cross-entry finding to the other entry (the console). */
  relatedHref?: (registrationId: string) => string;
}) {
  return (
    <>
      <h2>资格审核</h2>
      <p>
        结果：<strong>{eligibilityZh[r.eligibility.status]}</strong>
        {r.eligibility.evaluatedAt && `（${beijingMinute(r.eligibility.evaluatedAt, zone)}）`}
      </p>
      <Findings findings={r.eligibility.findings} {...(relatedHref ? { relatedHref } : {})} />
      {r.eligibility.review && (
        <p>
          大赛执委会复核：{r.eligibility.review.decision === 'approve' ? '同意' : '不同意'}，
          {r.eligibility.review.reason}
        </p>
      )}
    </>
  );
}

const historyKey = (h: HistoryView) => `${h.version}-${h.action}-${h.at}`;

/**
 * The entry's history, oldest first: the latest entries come with the entry, the older ones page by page on
 * request. A newer read of the entry starts over (its latest entries may have pushed others into the older ones).
 */
export function HistoryTimeline({
  r,
  zone,
  unitLabel,
  loadOlder,
}: {
  r: RegistrationView;
  zone: string;
  unitLabel: string;
  loadOlder: (cursor: string) => Promise<{ items: HistoryView[]; cursor?: string }>;
}) {
  const [older, setOlder] = useState<{ items: HistoryView[]; cursor: string | undefined }>({
    items: [],
    cursor: r.historyCursor,
  });
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    setOlder({ items: [], cursor: r.historyCursor });
    setProblem(null);
  }, [r.registrationId, r.version]);

  const more = async () => {
    if (!older.cursor) return;
    setLoading(true);
    setProblem(null);
    try {
      const page = await loadOlder(older.cursor);
      setOlder((o) => ({ items: [...page.items, ...o.items], cursor: page.cursor }));
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : '更早的记录载入失败，请重试');
    } finally {
      setLoading(false);
    }
  };

  const shown = new Map([...older.items, ...(r.history ?? [])].map((h) => [historyKey(h), h]));
  return (
    <>
      <h2>历史记录</h2>
      <ol class="timeline">
        {[...shown.values()]
          .sort((a, b) => a.version - b.version)
          .map((h) => (
            <li key={historyKey(h)}>
              <time dateTime={h.at}>{beijingMinute(h.at, zone)}</time> {actionZh[h.action] ?? h.action}
              <span class="actor">（{actorZh(h, r.unitId, unitLabel)}）</span>
              {h.reason && <span>：{h.reason}</span>}
            </li>
          ))}
      </ol>
      {problem && <Notice kind="error">{problem}</Notice>}
      {older.cursor && (
        <button type="button" class="secondary" disabled={loading} onClick={more}>
          {loading ? '正在载入…' : '显示更早的记录'}
        </button>
      )}
    </>
  );
}
