/**
 * 首页: the competition, each track's deadline in Beijing time with the days left, the unit's places per track
 * and group, and every entry with its state in the system's words and what it still lacks.
 */
import { useEffect, useState } from 'preact/hooks';
import { typographicQuotes, unitKindZh } from '#shared/domain/labels-zh.ts';
import { ApiError } from '../api.ts';
import { trackWritable, useSession } from '../context.ts';
import { Notice } from '../fields.tsx';
import { daysLeftText, deadlineText, nowMs } from '../time.ts';
import type { RegistrationView } from '../types.ts';
import { OverrideNotice } from './override-notice.tsx';
import { ListedFacts } from './state-facts.tsx';

const HOLDS_PLACE = new Set(['submitted', 'complete']);

export function HomePage() {
  const session = useSession();
  const { api, unit, edition } = session;
  const [entries, setEntries] = useState<RegistrationView[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    api
      .registrations(edition.id)
      .then(setEntries)
      .catch((error) => setProblem(error instanceof ApiError ? error.message : '报名列表载入失败'));
  }, []);

  const now = nowMs();
  const zone = edition.timeZone;
  const anyWritable = edition.tracks.some((t) => trackWritable(session, t, now));

  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title">{unit.name}</h1>
      <p class="lead">
        {typographicQuotes(edition.name)} · {unitKindZh[unit.kind]}
      </p>

      <h2>各赛项报名截止时间与名额</h2>
      <div class="tracks">
        {edition.tracks.map((track) => {
          const writable = trackWritable(session, track, now);
          return (
            <article class="card" key={track.id} aria-labelledby={`track-${track.id}`}>
              <h3 id={`track-${track.id}`}>{track.name}</h3>
              <p>
                报名截止：{deadlineText(track.closesAt, zone)}（北京时间）·{' '}
                <strong>{daysLeftText(track.opensAt, track.closesAt, now)}</strong>
              </p>
              <OverrideNotice trackId={track.id} now={now} />
              {!writable && (
                <Notice kind="warning">
                  本赛项报名已截止，报名信息只能查看，不能再提交、修改或上传照片。
                </Notice>
              )}
              <table class="places">
                <caption class="visually-hidden">{track.name}各组别名额</caption>
                <thead>
                  <tr>
                    <th scope="col">组别</th>
                    <th scope="col">名额</th>
                    <th scope="col">已用</th>
                    <th scope="col">剩余</th>
                  </tr>
                </thead>
                <tbody>
                  {track.groups
                    .filter((g) => (g.quota[unit.kind] ?? 0) > 0)
                    .map((g) => {
                      const quota = g.quota[unit.kind] ?? 0;
                      const used = (entries ?? []).filter(
                        (r) => r.trackId === track.id && r.groupId === g.id && HOLDS_PLACE.has(r.status),
                      ).length;
                      return (
                        <tr key={g.id}>
                          <th scope="row">{g.name}</th>
                          <td>{quota}</td>
                          <td>{entries ? used : '…'}</td>
                          <td>{entries ? Math.max(0, quota - used) : '…'}</td>
                        </tr>
                      );
                    })}
                </tbody>
              </table>
            </article>
          );
        })}
      </div>

      <div class="actions">
        {anyWritable ? (
          <a class="button" href="#/new">
            新增报名
          </a>
        ) : (
          <Notice kind="warning">所有赛项的报名均已截止。</Notice>
        )}
        <a class="button secondary" href="#/import">
          批量导入
        </a>
      </div>

      <h2>本单位的报名</h2>
      {problem && <Notice kind="error">{problem}</Notice>}
      {!entries && !problem && <p role="status">正在载入…</p>}
      {entries && entries.length === 0 && <p>还没有报名。</p>}
      {entries && entries.length > 0 && (
        <ul class="entries">
          {entries.map((r) => (
            <EntryCard key={r.registrationId} r={r} />
          ))}
        </ul>
      )}
    </section>
  );
}

function EntryCard({ r }: { r: RegistrationView }) {
  const { edition } = useSession();
  const track = edition.tracks.find((t) => t.id === r.trackId);
  const group = track?.groups.find((g) => g.id === r.groupId);
  const names = r.contestants.map((c) => c.name).join('、');
  return (
    <li class="card entry">
      <h3>
        <a href={`#/entries/${r.registrationId}`}>
          {track?.name ?? r.trackId} · {group?.name ?? r.groupId}：{names}
        </a>
      </h3>
      <dl class="facts">
        <ListedFacts r={r} />
      </dl>
    </li>
  );
}
