/**
 * 新增报名 and 修改: one page with 附件4's fields, checked in the browser by the server's own schemas, checked for
 * eligibility by the validate endpoint (检查资格), and submitted once per draft (Idempotency-Key).
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Group, Track } from '#shared/domain/edition.ts';
import { educationZh, identityZh, qualificationZh, typographicQuotes } from '#shared/domain/labels-zh.ts';
import { educationLevels } from '#shared/domain/registration-input.ts';
import { ApiError, type DraftVerdict } from '../api.ts';
import { trackWritable, useSession } from '../context.ts';
import { CheckboxField, ErrorSummary, type FormBinding, Notice, SelectField, TextField } from '../fields.tsx';
import {
  advisorShown,
  type EntryForm,
  type FormError,
  fitContestants,
  formOf,
  formShape,
  inputFor,
  inputId,
  masksOf,
  toBody,
  toFormErrors,
  validateForm,
  valueAt,
  withValue,
} from '../form-model.ts';
import { drafts } from '../storage.ts';
import { deadlineText, nowMs } from '../time.ts';
import type { RegistrationView } from '../types.ts';
import { Findings } from './findings.tsx';

const levelOptions = [
  { value: 'none', label: '无' },
  ...[5, 4, 3, 2, 1].map((level) => ({ value: String(level), label: qualificationZh(level) })),
];

export const DECLARATION_WORDS = {
  fullTimeEnrolledInChongqing: '重庆各类院校全日制在校在籍学生',
  chinaSkillsAward: '已获得“中华技能大奖”',
  nationalTechnicalExpert: '已获得“全国技术能手”',
  secondNationalCompetitionAiRole:
    '中华人民共和国第二届职业技能大赛人工智能工程技术、人工智能训练项目专家组成员、教练组、参赛选手',
} as const;

/** The field paths the form shows for its track and group, in order (errors map onto these). */
export function fieldPaths(form: EntryForm, track: Track | undefined, group: Group | undefined): string[] {
  const paths = ['/trackId', '/groupId', '/leader/name', '/leader/phone'];
  if (advisorShown(group)) paths.push('/advisor/name', '/advisor/phone');
  const rules = track?.eligibility.rules ?? [];
  form.contestants.slice(0, track?.teamSize ?? 1).forEach((c, i) => {
    const at = `/contestants/${i}`;
    paths.push(
      ...['name', 'gender', 'idNumber', 'education', 'major', 'phone', 'address', 'postcode', 'identity'].map(
        (k) => `${at}/${k}`,
      ),
      `${at}/qualificationLevel`,
      `${at}/yearsInTrade`,
    );
    if (c.identity === 'student' && rules.includes('student-enrolment'))
      paths.push(`${at}/declarations/fullTimeEnrolledInChongqing`);
    if (rules.includes('exclusions'))
      paths.push(
        `${at}/declarations/chinaSkillsAward`,
        `${at}/declarations/nationalTechnicalExpert`,
        `${at}/declarations/secondNationalCompetitionAiRole`,
      );
    if (c.gender === 'female' && rules.includes('retirement-age')) paths.push(`${at}/declarations/postType`);
  });
  return paths;
}

/** Moves the errors of whole objects (`/advisor`, `/contestants`) onto their first input, for display. */
function placeErrors(errors: FormError[], paths: string[]): Map<string, FormError> {
  const byInput = new Map<string, FormError>();
  for (const error of errors) {
    const input = inputFor(error.path, paths);
    if (input && !byInput.has(input)) byInput.set(input, error);
  }
  return byInput;
}

interface Props {
  /** The entry to amend; absent for a new entry (kept as a draft in the browser). */
  existing?: { registration: RegistrationView; version: number };
}

export function EntryFormPage({ existing }: Props) {
  const session = useSession();
  const { api, unit, edition, navigate } = session;
  const competitionId = edition.id;
  const amending = existing !== undefined;

  const [draft, setDraft] = useState(() => {
    const start = existing
      ? { form: formOf(existing.registration), idempotencyKey: '', savedAt: '' }
      : drafts.load(unit.unitId);
    return { ...start, form: fitContestants(start.form, formShape(edition, start.form).teamSize) };
  });
  // The stored entry an amendment applies to: its version (If-Match) and the masks standing for its numbers.
  const [base, setBase] = useState(() => ({
    version: existing?.version ?? 0,
    kept: existing ? masksOf(existing.registration) : new Map<string, string>(),
  }));
  const form = draft.form;
  const { track, group, teamSize } = formShape(edition, form);
  const paths = fieldPaths(form, track, group);

  /** Errors shown: every one after a submit or check, otherwise those of fields the user has left. */
  const [shown, setShown] = useState<FormError[]>([]);
  const [summaryFocus, setSummaryFocus] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [verdict, setVerdict] = useState<DraftVerdict | null>(null);
  const [busy, setBusy] = useState<'check' | 'submit' | null>(null);
  const problemRef = useRef<HTMLDivElement>(null);

  const now = nowMs();
  const closed = track !== undefined && !trackWritable(session, track, now);

  useEffect(() => {
    if (!amending) drafts.save(unit.unitId, draft);
  }, [draft]);
  useLayoutEffect(() => {
    if (problem) problemRef.current?.focus();
  }, [problem]);

  const update = (next: EntryForm) => {
    const shape = formShape(edition, next);
    setDraft((d) => ({ ...d, form: fitContestants(next, shape.teamSize) }));
    setVerdict(null);
  };

  /** Replaces the shown error of one path by what validation says now. */
  const refresh = (next: EntryForm, path: string) => {
    const now = validateForm(edition, next, base.kept).filter((e) => inputFor(e.path, paths) === path);
    setShown((old) => [...old.filter((e) => inputFor(e.path, paths) !== path), ...now]);
  };

  const placed = useMemo(() => placeErrors(shown, paths), [shown, paths.join()]);

  const binding: FormBinding = {
    value: (path) => valueAt(form, path),
    errorAt: (path) => placed.get(path),
    change(path, value, composing) {
      let next = withValue(form, path, value);
      if (path === '/trackId') next = { ...next, groupId: '' };
      update(next);
      // While an error shows, typing may clear it; never while an input method is composing.
      if (!composing && placed.has(path)) refresh(next, path);
    },
    blur(path) {
      refresh(form, path);
    },
  };

  const focusInput = (path: string) => {
    const input = inputFor(path, paths) ?? paths[0]!;
    document.getElementById(inputId(input))?.focus();
  };

  /** Checks in the browser first; on errors shows them all and moves focus to the summary. */
  const checkLocally = (): boolean => {
    const errors = validateForm(edition, form, base.kept);
    setShown(errors);
    if (errors.length > 0) setSummaryFocus((n) => n + 1);
    return errors.length === 0;
  };

  const fail = (error: unknown) => {
    if (error instanceof ApiError && error.code === 'VALIDATION_FAILED' && error.errors.length > 0) {
      setShown(toFormErrors(form, error.errors));
      setSummaryFocus((n) => n + 1);
      return;
    }
    setProblem(error instanceof ApiError ? error.message : '操作未成功，请重试');
  };

  const check = async () => {
    setProblem(null);
    setVerdict(null);
    if (!checkLocally()) return;
    setBusy('check');
    try {
      setVerdict(await api.validate(competitionId, toBody(edition, form)));
    } catch (error) {
      fail(error);
    } finally {
      setBusy(null);
    }
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setProblem(null);
    setNotice(null);
    if (closed || !checkLocally()) return;
    setBusy('submit');
    const body = toBody(edition, form);
    try {
      if (existing) {
        const saved = await api.amend(existing.registration.registrationId, body, base.version);
        navigate(`#/entries/${saved.registration.registrationId}`, '修改已保存，系统将重新检查资格');
      } else {
        const saved = await api.submit(competitionId, body, draft.idempotencyKey);
        drafts.clear(unit.unitId);
        navigate(`#/entries/${saved.registration.registrationId}`, '报名已提交');
      }
    } catch (error) {
      if (error instanceof ApiError && error.code === 'VERSION_CONFLICT' && existing) {
        const fresh = await api.registration(existing.registration.registrationId).catch(() => undefined);
        if (fresh) {
          setDraft((d) => ({ ...d, form: formOf(fresh.registration) }));
          setBase({ version: fresh.version, kept: masksOf(fresh.registration) });
        }
        setShown([]);
        setProblem(error.message);
      } else if (error instanceof ApiError && error.code === 'IDEMPOTENCY_KEY_REUSED') {
        setDraft((d) => drafts.rekey(d));
        fail(error);
      } else {
        fail(error);
      }
    } finally {
      setBusy(null);
    }
  };

  const kind = unit.kind;
  const trackOptions = edition.tracks.map((t) => {
    const writable = trackWritable(session, t, now);
    return {
      value: t.id,
      label: writable ? t.name : `${t.name}（报名已于${deadlineText(t.closesAt, edition.timeZone)}截止）`,
      disabled: !writable,
    };
  });
  const groupOptions = (track?.groups ?? [])
    .filter((g) => (g.quota[kind] ?? 0) > 0)
    .map((g) => ({ value: g.id, label: g.name }));

  return (
    <section aria-labelledby="form-title">
      <h1 id="form-title">{amending ? '修改报名' : '新增报名'}</h1>
      <p class="lead">{typographicQuotes(edition.name)}</p>
      {!amending && (
        <p class="hint">
          填写内容会自动保存在本浏览器中，刷新页面不会丢失。带“选填”的项目可以不填，其余都必须填写。
        </p>
      )}
      {amending && (
        <Notice>
          为保护个人信息，系统只显示身份证号码和手机号码的部分数字（*号处）。号码不变时保持原样即可；要更正号码，请填写完整的号码。
        </Notice>
      )}
      {notice && <Notice kind="success">{notice}</Notice>}
      {problem && (
        <div class="notice notice-error" role="alert" tabIndex={-1} ref={problemRef}>
          {problem}
        </div>
      )}
      <ErrorSummary errors={shown} focusKey={summaryFocus} onPick={focusInput} />
      <form noValidate onSubmit={submit}>
        <fieldset>
          <legend>赛项与组别</legend>
          {amending ? (
            <dl class="facts">
              <dt>参加赛项</dt>
              <dd>{track?.name ?? form.trackId}</dd>
              <dt>组别</dt>
              <dd>{group?.name ?? form.groupId}</dd>
            </dl>
          ) : (
            <>
              <SelectField f={binding} path="/trackId" label="参加赛项" options={trackOptions} />
              <SelectField
                f={binding}
                path="/groupId"
                label="组别"
                options={groupOptions}
                hint={track ? undefined : '请先选择参加赛项'}
                disabled={!track}
              />
            </>
          )}
          {closed && track && (
            <Notice kind="warning">
              {track.name}的报名已于{deadlineText(track.closesAt, edition.timeZone)}（北京时间）截止，不能再
              {amending ? '修改' : '提交'}。
            </Notice>
          )}
        </fieldset>

        <fieldset>
          <legend>领队{advisorShown(group) ? '与指导教师' : ''}</legend>
          <TextField f={binding} path="/leader/name" label="领队姓名" autoComplete="name" maxLength={40} />
          <TextField
            f={binding}
            path="/leader/phone"
            label="领队手机号码"
            autoComplete="tel"
            inputMode="tel"
            maxLength={11}
          />
          {advisorShown(group) && (
            <>
              <TextField
                f={binding}
                path="/advisor/name"
                label="指导教师姓名"
                optional={group?.advisor !== 'required'}
                autoComplete="name"
                maxLength={40}
              />
              <TextField
                f={binding}
                path="/advisor/phone"
                label="指导教师手机号码"
                optional={group?.advisor !== 'required'}
                autoComplete="tel"
                inputMode="tel"
                maxLength={11}
              />
            </>
          )}
        </fieldset>

        {form.contestants.slice(0, teamSize).map((c, i) => (
          <ContestantFields key={i} f={binding} index={i} track={track} contestant={c} />
        ))}

        {verdict && <Verdict verdict={verdict} />}

        <div class="actions">
          <button type="button" class="secondary" onClick={check} disabled={busy !== null}>
            {busy === 'check' ? '正在检查…' : '检查资格'}
          </button>
          <button type="submit" disabled={busy !== null || closed}>
            {busy === 'submit' ? '正在提交…' : amending ? '保存修改' : '提交报名'}
          </button>
          <a href={amending ? `#/entries/${existing.registration.registrationId}` : '#/'}>取消</a>
        </div>
      </form>
    </section>
  );
}

function ContestantFields({
  f,
  index,
  track,
  contestant,
}: {
  f: FormBinding;
  index: number;
  track: Track | undefined;
  contestant: EntryForm['contestants'][number];
}) {
  const at = `/contestants/${index}`;
  const rules = track?.eligibility.rules ?? [];
  return (
    <fieldset class="contestant">
      <legend>选手{index + 1}</legend>
      <TextField f={f} path={`${at}/name`} label="姓名" autoComplete="off" maxLength={40} />
      <SelectField
        f={f}
        path={`${at}/gender`}
        label="性别"
        options={[
          { value: 'male', label: '男' },
          { value: 'female', label: '女' },
        ]}
      />
      <TextField
        f={f}
        path={`${at}/idNumber`}
        label="身份证号码"
        hint="18位，最后一位可能是X"
        maxLength={18}
        placeholder=""
      />
      <SelectField
        f={f}
        path={`${at}/education`}
        label="文化程度"
        options={educationLevels.map((e) => ({ value: e, label: educationZh[e] }))}
      />
      <TextField f={f} path={`${at}/major`} label="所学专业" optional maxLength={50} />
      <TextField f={f} path={`${at}/phone`} label="手机号码" inputMode="tel" maxLength={11} />
      <TextField
        f={f}
        path={`${at}/address`}
        label="通讯地址"
        autoComplete="street-address"
        maxLength={100}
      />
      <TextField
        f={f}
        path={`${at}/postcode`}
        label="邮编"
        autoComplete="postal-code"
        inputMode="numeric"
        maxLength={6}
      />
      <SelectField
        f={f}
        path={`${at}/identity`}
        label="参加身份"
        options={(['employee', 'student'] as const).map((id) => ({ value: id, label: identityZh[id] }))}
      />
      <SelectField f={f} path={`${at}/qualificationLevel`} label="现职业资格等级" options={levelOptions} />
      <TextField
        f={f}
        path={`${at}/yearsInTrade`}
        label="从事本职业年限"
        optional
        hint="整数，单位：年；未取得四级（中级工）及以上等级的职工须从事本职业五年以上"
        inputMode="numeric"
        maxLength={2}
      />
      {(contestant.identity === 'student' && rules.includes('student-enrolment')) ||
      rules.includes('exclusions') ? (
        <fieldset class="declarations">
          <legend>选手{index + 1}声明</legend>
          {contestant.identity === 'student' && rules.includes('student-enrolment') && (
            <CheckboxField
              f={f}
              path={`${at}/declarations/fullTimeEnrolledInChongqing`}
              label={`本人为${DECLARATION_WORDS.fullTimeEnrolledInChongqing}`}
            />
          )}
          {rules.includes('exclusions') && (
            <>
              <p class="hint">大赛通知：以下人员不得报名参赛。如属下列情形，请勾选：</p>
              <CheckboxField
                f={f}
                path={`${at}/declarations/chinaSkillsAward`}
                label={DECLARATION_WORDS.chinaSkillsAward}
              />
              <CheckboxField
                f={f}
                path={`${at}/declarations/nationalTechnicalExpert`}
                label={DECLARATION_WORDS.nationalTechnicalExpert}
              />
              <CheckboxField
                f={f}
                path={`${at}/declarations/secondNationalCompetitionAiRole`}
                label={DECLARATION_WORDS.secondNationalCompetitionAiRole}
              />
            </>
          )}
        </fieldset>
      ) : null}
      {contestant.gender === 'female' && rules.includes('retirement-age') && (
        <SelectField
          f={f}
          path={`${at}/declarations/postType`}
          label="岗位类别"
          optional
          hint="用于判断法定退休年龄（女职工：工人岗位50周岁，干部岗位55周岁）；不填由大赛执委会人工复核"
          options={[
            { value: 'worker', label: '工人岗位' },
            { value: 'cadre', label: '干部岗位' },
          ]}
        />
      )}
    </fieldset>
  );
}

const verdictWords = {
  passed: '符合参赛资格',
  failed: '不符合参赛资格',
  review: '需大赛执委会人工复核',
} as const;

function Verdict({ verdict }: { verdict: DraftVerdict }) {
  return (
    <section class={`verdict verdict-${verdict.status}`} role="status" aria-labelledby="verdict-title">
      <h2 id="verdict-title">资格检查：{verdictWords[verdict.status]}</h2>
      <Findings findings={verdict.findings} />
      <p class="hint">
        检查结果仅供参考，尚未提交。{verdict.crossEntryChecked ? '' : '与其他报名之间的核对在提交后进行。'}
      </p>
    </section>
  );
}
