/**
 * An entry's state as every list and entry page shows it, in the system's words: 状态 and 资格, the page's
 * own facts (each contestant's photo in a list, the submission on an entry page), then what it still lacks.
 */
import type { ComponentChildren } from 'preact';
import { eligibilityZh, photoZh, statusZh } from '#shared/domain/labels-zh.ts';
import { lacksOf } from '../lacks.ts';
import { beijingMinute } from '../time.ts';
import type { RegistrationView } from '../types.ts';

export function StateFacts({ r, children }: { r: RegistrationView; children?: ComponentChildren }) {
  const lacks = lacksOf(r);
  return (
    <>
      <dt>状态</dt>
      <dd>
        <span class={`status status-${r.status}`}>{statusZh[r.status]}</span>
      </dd>
      <dt>资格</dt>
      <dd>{eligibilityZh[r.eligibility.status]}</dd>
      {children}
      {lacks.length > 0 && (
        <>
          <dt>尚缺</dt>
          <dd>{lacks.join('；')}</dd>
        </>
      )}
    </>
  );
}

/** In a list of entries: the state, and each contestant's photo. */
export function ListedFacts({ r }: { r: RegistrationView }) {
  return (
    <StateFacts r={r}>
      <dt>照片</dt>
      <dd>{r.contestants.map((c) => `${c.name}：${photoZh[c.photo.status]}`).join('；')}</dd>
    </StateFacts>
  );
}

/** On an entry's page: the state, when it was submitted, and why it expired if it did. */
export function EntryFacts({ r, zone }: { r: RegistrationView; zone: string }) {
  return (
    <>
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
    </>
  );
}
