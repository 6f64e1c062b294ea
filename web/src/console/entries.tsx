/**
 * 报名: every entry of the competition, narrowed by track, group, state, eligibility, photo, unit and district
 * and searched by contestant name (over the loaded list: the API filters by unit and track only) or found by a
 * person's whole ID number (the API's search); and one entry's page for the secretariat with the units' own
 * entry parts, where a member may see a contestant's whole numbers once the viewing is recorded.
 */
import { useRef, useState } from 'preact/hooks';
import { fieldErrorZh } from '#shared/domain/field-errors-zh.ts';
import { parseIdNumber } from '#shared/domain/id-number.ts';
import { eligibilityZh, photoZh, statusZh } from '#shared/domain/labels-zh.ts';
import { photoReasonWords } from '#shared/domain/photo-rules.ts';
import type { EligibilityStatus, PhotoStatus, RegistrationStatus } from '#shared/domain/registration.ts';
import type { FieldError } from '#shared/domain/registration-input.ts';
import { ApiError } from '../api.ts';
import { Confirm, Notice, TextField } from '../fields.tsx';
import type { FormError } from '../form-model.ts';
import { ContestantCard, EligibilitySection, HistoryTimeline, PeopleFacts } from '../pages/entry-parts.tsx';
import { EntryFacts, ListedFacts } from '../pages/state-facts.tsx';
import type { RegistrationView, UnitView } from '../types.ts';
import type { WholeNumbers } from './api.ts';
import { useConsole } from './context.ts';
import { type ConsoleForm, requiredErrors, useConsoleForm } from './form.ts';
import { problemText, useLoad } from './load.ts';
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

/** The search's one field, at the path the API's field errors name. */
const ID_NUMBER = '/idNumber';
const ID_NUMBER_LABEL = '身份证号码';

const options = <K extends string>(words: Record<K, string>) =>
  (Object.entries(words) as [K, string][]).map(([value, label]) => ({ value, label }));

export function EntriesPage() {
  const { api, edition } = useConsole();
  const entries = useLoad(() => api.registrations(edition.id), [], '报名');
  const units = useLoad(() => api.units(), [], '参赛单位');
  const [filters, setFilters] = useState<EntryFilters>(noFilters);
  const search = useConsoleForm({ [ID_NUMBER]: '' });
  // The entries naming the person searched for, while the search's result is shown instead of the list.
  const [found, setFound] = useState<RegistrationView[] | null>(null);
  const set = (key: keyof EntryFilters) => (value: string) =>
    setFilters((f) => ({ ...f, [key]: value, ...(key === 'trackId' ? { groupId: '' } : {}) }));

  const unitOf = (unitId: string) => units.data?.find((u) => u.unitId === unitId);
  const track = edition.tracks.find((t) => t.id === filters.trackId);
  const districts = [...new Set((units.data ?? []).flatMap((u) => (u.district ? [u.district] : [])))].sort();
  const shown = (entries.data ?? []).filter((r) => matches(r, filters, unitOf));

  return (
    <section aria-labelledby="entries-title">
      <h1 id="entries-title">报名</h1>
      <IdNumberSearch form={search} onFound={setFound} />
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
      <p class="hint">按姓名查找只在已载入的报名中进行。</p>

      {entries.problem && <Notice kind="error">{entries.problem}</Notice>}
      {units.problem && <Notice kind="error">{units.problem}</Notice>}
      {found ? (
        <>
          <p role="status">按身份证号码找到{found.length}条有效报名（不受筛选条件限制）</p>
          {/* The API finds people through the claims of active entries only (README). */}
          <p class="hint">已提交和报名完成的报名才会被找到；已撤回、未通过和已失效的不在其中。</p>
          <div class="actions">
            <button
              type="button"
              class="secondary"
              onClick={() => {
                // The number leaves the screen with its result; the field takes the focus the button had.
                search.reset();
                setFound(null);
                search.pick(ID_NUMBER);
              }}
            >
              返回全部报名
            </button>
          </div>
          <EntryList entries={found} unitOf={unitOf} />
        </>
      ) : (
        <>
          {!entries.data && !entries.problem && <p role="status">正在载入…</p>}
          {entries.data && (
            <p role="status">
              共{entries.data.length}条报名，符合条件{shown.length}条
            </p>
          )}
          <EntryList entries={shown} unitOf={unitOf} />
        </>
      )}
    </section>
  );
}

function EntryList({
  entries,
  unitOf,
}: {
  entries: RegistrationView[];
  unitOf: (unitId: string) => UnitView | undefined;
}) {
  if (entries.length === 0) return null;
  return (
    <ul class="entries">
      {entries.map((r) => (
        <li class="card entry" key={r.registrationId}>
          <EntryHeading r={r} level={2} />
          <dl class="facts">
            <dt>参赛单位</dt>
            <dd>{unitOf(r.unitId)?.name ?? r.unitId}</dd>
            <ListedFacts r={r} />
          </dl>
        </li>
      ))}
    </ul>
  );
}

/** ID-number errors (the shared parser's or the API's) in Chinese at the search field, read from the value. */
const idNumberErrors = (errors: readonly FieldError[], value: string): FormError[] =>
  errors
    .filter((e) => e.path === ID_NUMBER)
    .map((e) => ({ path: ID_NUMBER, code: e.code, place: ID_NUMBER_LABEL, message: fieldErrorZh(e, value) }));

/**
 * Finds the active entries naming a person by the whole ID number. The number goes in the request's body (the
 * API matches it through its keyed hashes and keeps nothing), never in the page's address.
 */
function IdNumberSearch({
  form,
  onFound,
}: {
  form: ConsoleForm;
  onFound: (found: RegistrationView[]) => void;
}) {
  const { api, edition } = useConsole();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** Errors at the field, which takes the focus so its message is read out with it. */
  const refuse = (errors: FormError[]) => {
    form.report(errors);
    form.pick(ID_NUMBER);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setProblem(null);
    const typed = (form.values[ID_NUMBER] ?? '').trim();
    if (!typed) return refuse(requiredErrors(form.values, { [ID_NUMBER]: ID_NUMBER_LABEL }));
    // The shared rule first, so a mistyped number is explained without a round trip.
    const parsed = parseIdNumber(typed);
    if (!parsed.ok) {
      return refuse(idNumberErrors([{ path: ID_NUMBER, code: parsed.code, message: parsed.message }], typed));
    }
    form.report([]);
    setBusy(true);
    try {
      onFound(await api.searchByIdNumber(edition.id, parsed.value.idNumber));
    } catch (error) {
      const atField = error instanceof ApiError ? idNumberErrors(error.errors, typed) : [];
      if (atField.length > 0) refuse(atField);
      else setProblem(problemText(error, '查找未成功，请重试'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <form class="filters" noValidate onSubmit={submit} aria-label="按身份证号码查找报名">
        <TextField
          f={form.f}
          path={ID_NUMBER}
          label={ID_NUMBER_LABEL}
          hint="输入完整的18位号码。号码只发送到服务器用于查找报名，不会被保存。"
          maxLength={18}
        />
        <div class="actions">
          <button type="submit" disabled={busy}>
            {busy ? '正在查找…' : '查找'}
          </button>
        </div>
      </form>
      {problem && <Notice kind="error">{problem}</Notice>}
    </>
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
        <EntryFacts r={r} zone={zone} />
      </dl>
      <PeopleFacts r={r} />
      {r.contestants.map((c, i) => (
        // Keyed by the entry too: whole numbers shown for one entry never carry over to the next one opened.
        <SecretariatContestant
          registrationId={r.registrationId}
          c={c}
          index={i}
          key={`${r.registrationId}-${i}`}
          onViewed={entry.reload}
        />
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
      <HistoryTimeline
        r={r}
        zone={zone}
        unitLabel={unitName(r.unitId)}
        loadOlder={(cursor) => api.olderHistory(r.registrationId, cursor)}
      />
      <p>
        <a href="#/console/entries">返回报名列表</a>
      </p>
    </section>
  );
}

/**
 * A contestant as the secretariat sees them: the masked card, its photo state, and 显示完整号码. The whole numbers
 * live in this component only (never in storage or a URL), for this page view; the API records the viewing in
 * the entry's history first, so the page reloads the entry to show that record.
 */
function SecretariatContestant({
  registrationId,
  c,
  index,
  onViewed,
}: {
  registrationId: string;
  c: RegistrationView['contestants'][number];
  index: number;
  onViewed: () => void;
}) {
  const { api, account } = useConsole();
  const [whole, setWhole] = useState<WholeNumbers | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);

  const show = async () => {
    setConfirming(false);
    setProblem(null);
    try {
      setWhole(await api.wholeNumbers(registrationId, index));
      onViewed();
    } catch (error) {
      setProblem(problemText(error, '未能显示完整号码，请重试'));
    }
  };

  return (
    <ContestantCard c={whole ? { ...c, idNumber: whole.idNumber, phone: whole.phone } : c} index={index}>
      <p>
        照片：<span class={`photo-${c.photo.status}`}>{photoZh[c.photo.status]}</span>
        {c.photo.reasons.length > 0 && `（${photoReasonWords(c.photo.reasons).join('；')}）`}
      </p>
      {problem && <Notice kind="error">{problem}</Notice>}
      {whole ? (
        <p class="hint" role="status">
          已显示完整的身份证号码和手机号码（只在本页显示），查看已记入历史记录。
        </p>
      ) : (
        <button
          type="button"
          class="secondary"
          ref={button}
          aria-expanded={confirming}
          onClick={() => setConfirming(true)}
        >
          显示完整号码
        </button>
      )}
      {confirming && (
        <Confirm
          id={`numbers-${index}`}
          title={`显示选手${index + 1}完整的身份证号码和手机号码吗？`}
          confirmLabel="显示并记录"
          onConfirm={show}
          onCancel={() => {
            setConfirming(false);
            button.current?.focus();
          }}
        >
          <p>这次查看将连同您的姓名（{account.name}）记入这条报名的历史记录。号码只在本页显示，不会保存。</p>
        </Confirm>
      )}
    </ContestantCard>
  );
}
