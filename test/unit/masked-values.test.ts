import { describe, expect, it } from 'vitest';
import { unmaskAmendment } from '#shared/domain/masked-values.ts';
import { registrationView } from '#shared/domain/views.ts';
import { contestant, storedRegistration } from '../support/registrations.ts';

const existing = storedRegistration({
  trackId: 'ai-trainer',
  groupId: 'student',
  advisor: { name: '刘老师', phone: '13600005678' },
  contestants: [contestant(), contestant()],
});
/** The entry as its unit reads it: every number masked. */
const shown = registrationView(existing);
const body = (view: typeof shown) => ({
  trackId: view.trackId,
  groupId: view.groupId,
  leader: view.leader,
  advisor: view.advisor,
  contestants: view.contestants.map(({ photo: _photo, ...c }) => c),
});

describe('an amendment sending back the masked numbers as shown', () => {
  it('stands each mask for the stored value it masks, the contestants in any order', () => {
    const sent = body(shown);
    sent.contestants.reverse();
    sent.contestants[0] = { ...sent.contestants[0]!, address: '重庆市九龙坡区杨家坪正街2号' };
    const restored = unmaskAmendment(existing, sent) as ReturnType<typeof body>;
    const [first, second] = existing.contestants;
    expect(restored.leader.phone).toBe(existing.leader.phone);
    expect(restored.advisor?.phone).toBe(existing.advisor?.phone);
    expect(restored.contestants.map((c) => [c.idNumber, c.phone, c.address])).toEqual([
      [second!.idNumber, second!.phone, '重庆市九龙坡区杨家坪正街2号'],
      [first!.idNumber, first!.phone, first!.address],
    ]);
  });

  it('keeps whole numbers typed again, and leaves a mask of nothing stored as sent (to be refused)', () => {
    const sent = body(shown);
    const retyped = '13911112222';
    sent.contestants[0] = { ...sent.contestants[0]!, phone: retyped };
    sent.contestants[1] = { ...sent.contestants[1]!, idNumber: '500103********9999', phone: '139****0000' };
    sent.leader = { ...sent.leader, phone: '137****9999' };
    const restored = unmaskAmendment(existing, sent) as ReturnType<typeof body>;
    expect(restored.contestants[0]?.idNumber).toBe(existing.contestants[0]?.idNumber);
    expect(restored.contestants[0]?.phone).toBe(retyped);
    expect(restored.contestants[1]?.idNumber).toBe('500103********9999');
    expect(restored.contestants[1]?.phone).toBe('139****0000');
    expect(restored.leader.phone).toBe('137****9999');
  });

  it('leaves a body that is not an object, or has no such parts, as it is', () => {
    expect(unmaskAmendment(existing, 'text')).toBe('text');
    expect(unmaskAmendment(existing, null)).toBeNull();
    expect(unmaskAmendment(existing, { trackId: 'ai-trainer' })).toEqual({ trackId: 'ai-trainer' });
    expect(unmaskAmendment(existing, { contestants: 'x', leader: 7 })).toEqual({
      contestants: 'x',
      leader: 7,
    });
  });
});
