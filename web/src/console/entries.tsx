/**
 * 报名: every entry of the competition, narrowed by track, group, state, eligibility, photo, unit and district
 * and searched by contestant name (over the loaded list: the API filters by unit and track only), and one
 * entry's page for the secretariat with the units' own entry parts.
 */
import { useState } from 'preact/hooks';
import { eligibilityZh, photoZh, statusZh } from '#shared/domain/labels-zh.ts';
import { photoReasonWords } from '#shared/domain/photo-rules.ts';
import type { EligibilityStatus, PhotoStatus, RegistrationStatus } from '#shared/domain/registration.ts';
import { Notice } from '../fields.tsx';
import { ContestantCard, EligibilitySection, HistoryTimeline, PeopleFacts } from '../pages/entry-parts.tsx';
import { StateFacts } from '../pages/state-facts.tsx';
import { beijingMinute } from '../time.ts';
import type { RegistrationView, UnitView } from '../types.ts';
import { useConsole } from './context.ts';
import { useLoad } from './load.ts';
import { EntryHeading, entryHref, useUnitNames, waitsForReview } from './parts.tsx';
import { ReviewForm } from './reviews.tsx';

export interface EntryFilters {
  trackId: string;
  groupId: string;
  status: string;
  eligibility: string;
  photo: string;
  unitId: string;
  district: string;
  name: string;
}

const noFilters: EntryFilters = {
  trackId: '',
  groupId: '',
  status: '',
  eligibility: '',
  photo: '',
  unitId: '',
  district: '',
  name: '',
};

/** Whether an entry passes every filter set ('' lets everything through); a photo filter matches any contestant. */
export function matches(
  r: RegistrationView,
  f: EntryFilters,
  unitOf: (unitId: string) => UnitView | undefined,
) {
  const name = f.name.trim();
  return (
    (!f.trackId || r.trackId === f.trackId) &&
    (!f.groupId || r.groupId === f.groupId) &&
    (!f.status || r.status === f.status) &&
    (!f.eligibility || r.eligibility.status === f.eligibility) &&
    (!f.photo || r.contestants.some((c) => c.photo.status === f.photo)) &&
    (!f.unitId || r.unitId === f.unitId) &&
    (!f.district || unitOf(r.unitId)?.district === f.district) &&
    (!name || r.contestants.some((c) => c.name.includes(name)))
  );
}

const options = <K extends string>(words: Record<K, string>) =>
  (Object.entries(words) as [K, string][]).map(([value, label]) => ({ value, label }));

export function EntriesPage() {
  const { api, edition } = useConsole();
  const entries = useLoad(() => api.registrations(edition.id), [], '报名');
  const units = useLoad(() => api.units(), [], '参赛单位');
  const [filters, setFilters] = useState<EntryFilters>(noFilters);
  const set = (key: keyof EntryFilters) => (value: string) =>
    setFilters((f) => ({ ...f, [key]: value, ...(key === 'trackId' ? { groupId: '' } : {}) }));

  const unitOf = (unitId: string) => units.data?.find((u) => u.unitId === unitId);
  const track = edition.tracks.find((t) => t.id === filters.trackId);
  const districts = [...new Set((units.data ?? []).flatMap((u) => (u.district ? [u.district] : [])))].sort();
  const shown = (entries.data ?? []).filter((r) => matches(r, filters, unitOf));

  return (
    <section aria-labelledby="entries-title">
      <h1 id="entries-title">报名</h1>
      <form class="filters" aria-label="筛选报名" onSubmit={(e) => e.preventDefault()}>
        <Filter id="filter-name" label="选手姓名" value={filters.name} onChange={set('name')} />
        <Filter
          id="filter-track"
          label="赛项"
          value={filters.trackId}
          onChange={set('trackId')}
          options={edition.tracks.map((t) => ({ value: t.id, label: t.name }))}
        />
        <Filter
          id="filter-group"
          label="组别"
          value={filters.groupId}
          onChange={set('groupId')}
          options={(track?.groups ?? edition.tracks.flatMap((t) => t.groups))
            .filter((g, i, all) => all.findIndex((o) => o.id === g.id) === i)
            .map((g) => ({ value: g.id, label: g.name }))}
        />
        <Filter
          id="filter-status"
          label="状态"
          value={filters.status}
          onChange={set('status')}
          options={options<RegistrationStatus>(statusZh)}
        />
        <Filter
          id="filter-eligibility"
          label="资格"
          value={filters.eligibility}
          onChange={set('eligibility')}
          options={options<EligibilityStatus>(eligibilityZh)}
        />
        <Filter
          id="filter-photo"
          label="照片"
          value={filters.photo}
          onChange={set('photo')}
          options={options<PhotoStatus>(photoZh)}
        />
        <Filter
          id="filter-unit"
          label="参赛单位"
          value={filters.unitId}
          onChange={set('unitId')}
          options={(units.data ?? []).map((u) => ({ value: u.unitId, label: u.name }))}
        />
        <Filter
          id="filter-district"
          label="区县"
          value={filters.district}
          onChange={set('district')}
          options={districts.map((d) => ({ value: d, label: d }))}
        />
        <div class="actions">
          <button type="button" class="secondary" onClick={() => setFilters(noFilters)}>
            清除筛选
          </button>
        </div>
      </form>
      <p class="hint">按姓名查找只在已载入的报名中进行；按身份证号码查找需由系统支持，暂不提供。</p>

      {entries.problem && <Notice kind="error">{entries.problem}</Notice>}
      {units.problem && <Notice kind="error">{units.problem}</Notice>}
      {!entries.data && !entries.problem && <p role="status">正在载入…</p>}
      {entries.data && (
        <p role="status">
          共{entries.data.length}条报名，符合条件{shown.length}条
        </p>
      )}
      {shown.length > 0 && (
        <ul class="entries">
          {shown.map((r) => (
            <li class="card entry" key={r.registrationId}>
              <EntryHeading r={r} level={2} />
              <dl class="facts">
                <dt>参赛单位</dt>
                <dd>{unitOf(r.unitId)?.name ?? r.unitId}</dd>
                <StateFacts r={r}>
                  <dt>照片</dt>
                  <dd>{r.contestants.map((c) => `${c.name}：${photoZh[c.photo.status]}`).join('；')}</dd>
                </StateFacts>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A labelled filter: a text box, or a list with 全部 first. */
function Filter({
  id,
  label,
  value,
  onChange,
  options,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options?: { value: string; label: string }[];
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {options ? (
        <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
          <option value="">全部</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          type="text"
          value={value}
          autoComplete="off"
          spellcheck={false}
          onInput={(e) => onChange(e.currentTarget.value)}
        />
      )}
    </div>
  );
}

/** One entry for the secretariat: the units' entry parts, the unit it belongs to, and the review while it waits. */
export function ConsoleEntryPage({ registrationId }: { registrationId: string }) {
  const { api, edition } = useConsole();
  const entry = useLoad(() => api.registration(registrationId), [registrationId], '报名');
  const unitName = useUnitNames();
  const [decided, setDecided] = useState<string | null>(null);

  if (entry.problem && !entry.data) return <Notice kind="error">{entry.problem}</Notice>;
  if (!entry.data) return <p role="status">正在载入…</p>;
  const r = entry.data.registration;
  const zone = edition.timeZone;
  const track = edition.tracks.find((t) => t.id === r.trackId);
  const group = track?.groups.find((g) => g.id === r.groupId);

  return (
    <section aria-labelledby="entry-title">
      <h1 id="entry-title">
        {track?.name ?? r.trackId} · {group?.name ?? r.groupId}
      </h1>
      {decided && <Notice kind="success">{decided}</Notice>}
      {entry.problem && <Notice kind="error">{entry.problem}</Notice>}
      <dl class="facts summary">
        <dt>参赛单位</dt>
        <dd>
          <a href={`#/console/units/${r.unitId}`}>{unitName(r.unitId)}</a>
        </dd>
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
      <PeopleFacts r={r} />
      {r.contestants.map((c, i) => (
        <ContestantCard c={c} index={i} key={c.idNumber}>
          <p>
            照片：<span class={`photo-${c.photo.status}`}>{photoZh[c.photo.status]}</span>
            {c.photo.reasons.length > 0 && `（${photoReasonWords(c.photo.reasons).join('；')}）`}
          </p>
        </ContestantCard>
      ))}
      <EligibilitySection r={r} zone={zone} relatedHref={entryHref} />
      {waitsForReview(r) && (
        <>
          <h2>人工复核</h2>
          <ReviewForm
            r={r}
            onDecided={(decision) => {
              setDecided(`已${decision === 'approve' ? '同意' : '不同意'}，决定已记入历史记录`);
              entry.reload();
            }}
          />
        </>
      )}
      <HistoryTimeline r={r} zone={zone} unitLabel={unitName(r.unitId)} />
      <p>
        <a href="#/console/entries">返回报名列表</a>
      </p>
    </section>
  );
}
