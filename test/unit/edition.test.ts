import { describe, expect, it } from 'vitest';
import {
  type Edition,
  findGroup,
  findTrack,
  isTrackOpen,
  parseEdition,
} from '../../shared/domain/edition.ts';
import { validateRegistrationInput } from '../../shared/domain/registration-validation.ts';
import edition2023Document from '../../shared/editions/bayu-2023.json' with { type: 'json' };
import { makeIdNumber } from '../support/id-numbers.ts';

/** A fresh, mutable copy of the 2023 document. */
function document2023(): Record<string, unknown> & { tracks: Record<string, unknown>[] } {
  return structuredClone(edition2023Document) as unknown as Record<string, unknown> & {
    tracks: Record<string, unknown>[];
  };
}

/** A made-up second edition: other dates and quotas, the 2025 retirement rules and a third, 3-person track. */
function document2024(): Record<string, unknown> {
  const base = document2023();
  const [aiTrainer, machineVision] = base.tracks;
  return {
    ...base,
    id: 'bayu-2024',
    name: '"巴渝工匠"杯重庆市第二届人工智能和工业互联网职业技能竞赛',
    ruleSet: 'retirement-2025-reform',
    tracks: [
      { ...aiTrainer, opensAt: '2024-06-01T09:00:00+08:00', closesAt: '2024-09-01T00:00:00+08:00' },
      { ...machineVision, opensAt: '2024-06-01T09:00:00+08:00', closesAt: '2024-08-24T00:00:00+08:00' },
      {
        id: 'industrial-internet',
        name: '工业互联网运维员',
        mode: 'team',
        teamSize: 3,
        groups: [
          {
            id: 'open',
            name: '不分组',
            identities: ['employee'],
            standardLevel: 3,
            advisor: 'none',
            quota: { enterprise: 3, school: 1 },
          },
        ],
        opensAt: '2024-06-01T09:00:00+08:00',
        closesAt: '2024-09-15T00:00:00+08:00',
        ageReferenceDate: '2024-10-18',
        secretariatEmail: 'iiot@example.cn',
        final: {
          startsOn: '2024-10-18',
          endsOn: '2024-10-19',
          venue: '重庆工程职业技术学院',
          checkIn: { at: '2024-10-18T08:30:00+08:00', place: '实训楼大厅' },
        },
      },
    ],
  };
}

function employee(name: string, idNumber: string, gender: 'male' | 'female') {
  return {
    name,
    gender,
    idNumber,
    education: 'secondary-vocational',
    phone: '13612345678',
    address: '重庆市江北区建新东路1号',
    postcode: '400020',
    identity: 'employee',
    qualificationLevel: 3,
  };
}

describe('the 2023 edition', () => {
  it('parses, with its two tracks and their groups', () => {
    const edition = parseEdition(edition2023Document);

    expect(edition.id).toBe('bayu-2023');
    expect(edition.tracks.map((t) => [t.id, t.teamSize, t.groups.map((g) => g.id)])).toEqual([
      ['ai-trainer', 2, ['student', 'employee']],
      ['machine-vision', 1, ['open']],
    ]);
  });

  it('closes each track at 24:00 Beijing time of its closing day', () => {
    const edition = parseEdition(edition2023Document);
    const machineVision = findTrack(edition, 'machine-vision')!;

    expect(isTrackOpen(machineVision, Date.parse('2023-09-22T23:59:59.999+08:00'))).toBe(true);
    expect(isTrackOpen(machineVision, Date.parse('2023-09-23T00:00:00+08:00'))).toBe(false);
  });
});

describe('a new edition is data only', () => {
  it('parses a 2024 edition with other dates, quotas and a third track', () => {
    const edition = parseEdition(document2024());

    const track = findTrack(edition, 'industrial-internet');

    expect(edition.ruleSet).toBe('retirement-2025-reform');
    expect(track?.teamSize).toBe(3);
    expect(findGroup(track!, 'open')?.quota).toEqual({ enterprise: 3, school: 1 });
  });

  it('validates an entry of the new track with no code change', () => {
    const edition = parseEdition(document2024());
    const body = {
      trackId: 'industrial-internet',
      groupId: 'open',
      leader: { name: '赵刚', phone: '13512345678' },
      contestants: [
        employee('周杰', makeIdNumber({ birthDate: '1985-01-02', sequence: 1, gender: 'male' }), 'male'),
        employee('吴敏', makeIdNumber({ birthDate: '1990-03-04', sequence: 2, gender: 'female' }), 'female'),
        employee('郑凯', makeIdNumber({ birthDate: '1995-05-06', sequence: 3, gender: 'male' }), 'male'),
      ],
    };

    const result = validateRegistrationInput(edition, body);

    expect(result.ok && result.value.contestants.map((c) => c.birthDate)).toEqual([
      '1985-01-02',
      '1990-03-04',
      '1995-05-06',
    ]);
  });

  it('applies the new track team size and group rules', () => {
    const edition = parseEdition(document2024());
    const student = {
      ...employee('周杰', makeIdNumber({ birthDate: '2005-01-02', gender: 'male' }), 'male'),
    };
    const body = {
      trackId: 'industrial-internet',
      groupId: 'open',
      leader: { name: '赵刚', phone: '13512345678' },
      advisor: { name: '陈老师', phone: '13700002222' },
      contestants: [{ ...student, identity: 'student' }],
    };

    const result = validateRegistrationInput(edition, body);

    expect(result.ok ? [] : result.errors.map((e) => `${e.path} ${e.code}`)).toEqual([
      '/advisor ADVISOR_NOT_ALLOWED',
      '/contestants TEAM_SIZE',
      '/contestants/0/identity IDENTITY_NOT_ALLOWED',
    ]);
  });

  it('does not know the new track in the 2023 edition', () => {
    const edition: Edition = parseEdition(edition2023Document);

    const result = validateRegistrationInput(edition, { trackId: 'industrial-internet' });

    expect(result.ok ? [] : result.errors.map((e) => e.code)).toContain('UNKNOWN_TRACK');
  });
});

describe('malformed editions are rejected', () => {
  function withFirstTrack(changes: Record<string, unknown>): Record<string, unknown> {
    const document = document2023();
    document.tracks[0] = { ...document.tracks[0], ...changes };
    return document;
  }

  it('rejects a track that closes before it opens', () => {
    const document = withFirstTrack({
      opensAt: '2023-09-29T00:00:00+08:00',
      closesAt: '2023-07-28T00:00:00+08:00',
    });

    expect(() => parseEdition(document)).toThrow(/opensAt must be before closesAt/);
  });

  it('rejects a track that closes the instant it opens', () => {
    const document = withFirstTrack({ closesAt: '2023-07-28T00:00:00+08:00' });

    expect(() => parseEdition(document)).toThrow(/opensAt must be before closesAt/);
  });

  it('rejects two tracks with the same id', () => {
    const document = document2023();
    document.tracks[1] = { ...document.tracks[1], id: 'ai-trainer' };

    expect(() => parseEdition(document)).toThrow(/track ids must be unique/);
  });

  it('rejects two groups with the same id in a track', () => {
    const document = document2023();
    const groups = document.tracks[0]!.groups as unknown[];
    document.tracks[0] = { ...document.tracks[0], groups: [groups[0], groups[0]] };

    expect(() => parseEdition(document)).toThrow(/group ids must be unique/);
  });

  it.each(['2023-09-29T00:00:00', '2023-09-29', 'next Friday'])(
    'rejects the instant %j without an offset',
    (at) => {
      const document = withFirstTrack({ closesAt: at });

      expect(() => parseEdition(document)).toThrow(/invalid edition/);
    },
  );

  it('rejects an unknown field, so a misspelt setting is not silently ignored', () => {
    const document = { ...document2023(), closingTime: '24:00' };

    expect(() => parseEdition(document)).toThrow(/closingTime/);
  });

  it('rejects an unknown advisor rule', () => {
    const document = document2023();
    const groups = document.tracks[0]!.groups as Record<string, unknown>[];
    document.tracks[0] = {
      ...document.tracks[0],
      groups: [{ ...groups[0], advisor: 'sometimes' }, groups[1]],
    };

    expect(() => parseEdition(document)).toThrow(/invalid edition/);
  });
});
