/** The secretariat's late-entry override for a track, when one is open to the unit now. */
import { openOverride, useSession } from '../context.ts';
import { Notice } from '../fields.tsx';
import { deadlineText } from '../time.ts';

export function OverrideNotice({ trackId, now }: { trackId: string; now: number }) {
  const session = useSession();
  const override = openOverride(session, trackId, now);
  if (!override) return null;
  return (
    <Notice kind="info">
      大赛执委会已同意本单位补报，本赛项对本单位开放至{deadlineText(override.until, session.edition.timeZone)}
      （北京时间）。理由：{override.reason}
    </Notice>
  );
}
