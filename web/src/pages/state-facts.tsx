/**
 * An entry's state as the home page and the entry page both show it, in the system's words: 状态 and 资格,
 * the page's own facts, then what the entry still lacks.
 */
import type { ComponentChildren } from 'preact';
import { eligibilityZh, statusZh } from '#shared/domain/labels-zh.ts';
import { lacksOf } from '../lacks.ts';
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
