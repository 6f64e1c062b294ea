/**
 * 概览: per track and group the entries by state and the places they hold, each track's progress to the
 * edition's finalist goal (entries complete), the days left, and what waits for the secretariat now.
 */
import { statusZh } from '#shared/domain/labels-zh.ts';
import { activeStatuses, type RegistrationStatus } from '#shared/domain/registration.ts';
import { Notice } from '../fields.tsx';
import { daysLeftText, deadlineText, nowMs } from '../time.ts';
import type { RegistrationView } from '../types.ts';
import { useConsole } from './context.ts';
import { useLoad } from './load.ts';
import { waitsForReview } from './parts.tsx';

const STATES: RegistrationStatus[] = ['submitted', 'complete', 'rejected', 'withdrawn', 'expired'];

/** The rows of a track's table: entries in each state, the places they hold, those waiting for review. */
const figures: [string, (r: RegistrationView) => boolean][] = [
  ...STATES.map((s): [string, (r: RegistrationView) => boolean] => [statusZh[s], (r) => r.status === s]),
  ['占用名额', (r) => activeStatuses.has(r.status)],
  ['待复核', waitsForReview],
];

export function OverviewPage() {
  const { api, edition } = useConsole();
  const entries = useLoad(() => api.registrations(edition.id), [], '报名');
  const deadLetters = useLoad(() => api.deadLetters(), [], '失败消息');
  const now = nowMs();
  const all = entries.data ?? [];
  const count = (pick: (r: RegistrationView) => boolean) => (entries.data ? all.filter(pick).length : '…');
  const waiting = all.filter(waitsForReview).length;
  const goal = edition.settings.finalistGoal;

  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">概览</h1>
      {entries.problem && <Notice kind="error">{entries.problem}</Notice>}
      {!entries.data && !entries.problem && <p role="status">正在载入…</p>}

      <h2>待处理事项</h2>
      {entries.data &&
        (waiting > 0 ? (
          <Notice kind="warning">
            有{waiting}条报名等待人工复核。<a href="#/console/reviews">去复核</a>
          </Notice>
        ) : (
          <p>目前没有等待人工复核的报名。</p>
        ))}
      {deadLetters.problem && <Notice kind="error">{deadLetters.problem}</Notice>}
      {deadLetters.data &&
        (deadLetters.data.total > 0 ? (
          <Notice kind="error">
            有{deadLetters.data.total}
            条系统消息多次重试仍未处理（如邮件未发出、资格未审核），已进入死信队列，请通知系统运维人员处理。
          </Notice>
        ) : (
          <p>系统消息均已处理，没有失败的消息。</p>
        ))}

      <div class="tracks">
        {edition.tracks.map((track) => {
          const complete = all.filter((r) => r.trackId === track.id && r.status === 'complete').length;
          return (
            <article class="card" key={track.id} aria-labelledby={`overview-${track.id}`}>
              <h2 id={`overview-${track.id}`}>{track.name}</h2>
              <p>
                报名截止：{deadlineText(track.closesAt, edition.timeZone)}（北京时间）·{' '}
                <strong>{daysLeftText(track.opensAt, track.closesAt, now)}</strong>
              </p>
              <p>
                <label for={`progress-${track.id}`}>
                  报名完成 {entries.data ? complete : '…'} / {goal}（{track.mode === 'team' ? '队' : '人'}）
                </label>
                <progress id={`progress-${track.id}`} max={goal} value={Math.min(complete, goal)} />
              </p>
              {/* One column per group (a track has one or two), one row per figure: fits a 360 px screen. */}
              <table class="places">
                <caption class="visually-hidden">{track.name}各组别报名状态</caption>
                <thead>
                  <tr>
                    <th scope="col">状态</th>
                    {track.groups.map((g) => (
                      <th scope="col" key={g.id}>
                        {g.name}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {figures.map(([label, pick]) => (
                    <tr key={label}>
                      <th scope="row">{label}</th>
                      {track.groups.map((g) => (
                        <td key={g.id}>
                          {count((r) => r.trackId === track.id && r.groupId === g.id && pick(r))}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </article>
          );
        })}
      </div>
    </section>
  );
}
