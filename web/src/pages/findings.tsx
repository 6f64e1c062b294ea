import type { EligibilityFinding } from '#shared/domain/registration.ts';

const outcomeZh = { passed: '符合', failed: '不符合', review: '待人工复核' } as const;

/**
 * Eligibility findings: each in Chinese, citing the notice's rule, failures and reviews first. The console
 * passes `relatedHref` to link a cross-entry finding to the other entry (only the secretariat is shown its id).
 */
export function Findings({
  findings,
  relatedHref,
}: {
  findings: Pick<EligibilityFinding, 'outcome' | 'message' | 'rule' | 'relatedRegistrationId'>[];
  relatedHref?: (registrationId: string) => string;
}) {
  if (findings.length === 0) return <p>暂无检查结果。</p>;
  const order = { failed: 0, review: 1, passed: 2 } as const;
  const sorted = [...findings].sort((a, b) => order[a.outcome] - order[b.outcome]);
  return (
    <ul class="findings">
      {sorted.map((f, i) => (
        <li key={i} class={`finding finding-${f.outcome}`}>
          <span class="tag">{outcomeZh[f.outcome]}</span> {f.message}
          {relatedHref && f.relatedRegistrationId && (
            <>
              {' '}
              <a href={relatedHref(f.relatedRegistrationId)}>查看相关报名</a>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
