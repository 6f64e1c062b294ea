import { describe, expect, it } from 'vitest';
import { parseEdition } from '../../shared/domain/edition.ts';
import { MAX_FIELD_ERRORS } from '../../shared/domain/field-errors.ts';
import { validateRegistrationInput, validateUnitInput } from '../../shared/domain/registration-validation.ts';
import edition2023Document from '../../shared/editions/bayu-2023.json' with { type: 'json' };
import { makeIdNumber, makeIdNumberEndingInX, withWrongCheckDigit } from '../support/id-numbers.ts';

const edition = parseEdition(edition2023Document);

type Fields = Record<string, unknown>;
interface Body extends Fields {
  trackId: string;
  groupId: string;
  leader: Fields;
  advisor?: Fields;
  contestants: Fields[];
}

const zhangWeiId = makeIdNumber({ birthDate: '2004-05-06', sequence: 3, gender: 'male' });
const liNaId = makeIdNumber({ birthDate: '2003-11-30', sequence: 4, gender: 'female' });

function contestant(overrides: Fields = {}): Fields {
  return {
    name: '张伟',
    gender: 'male',
    idNumber: zhangWeiId,
    education: 'associate',
    major: '人工智能技术应用',
    phone: '13812341234',
    address: '重庆市沙坪坝区大学城中路1号',
    postcode: '401331',
    identity: 'student',
    qualificationLevel: null,
    ...overrides,
  };
}

function studentTeam(): Body {
  return {
    trackId: 'ai-trainer',
    groupId: 'student',
    leader: { name: '王强', phone: '13900001111' },
    advisor: { name: '陈老师', phone: '13700002222' },
    contestants: [contestant(), contestant({ name: '李娜', gender: 'female', idNumber: liNaId })],
  };
}

function employeeTeam(): Body {
  const employee = { identity: 'employee', qualificationLevel: 3, yearsInTrade: 6, education: 'bachelor' };
  return {
    trackId: 'ai-trainer',
    groupId: 'employee',
    leader: { name: '王强', phone: '13900001111' },
    contestants: [
      contestant(employee),
      contestant({ ...employee, name: '李娜', gender: 'female', idNumber: liNaId }),
    ],
  };
}

function machineVisionEntry(overrides: Fields = {}): Body {
  return {
    trackId: 'machine-vision',
    groupId: 'open',
    leader: { name: '王强', phone: '13900001111' },
    contestants: [contestant({ identity: 'employee', qualificationLevel: 4, ...overrides })],
  };
}

/** `path code` of every error, or [] when the body is valid. */
function problems(result: ReturnType<typeof validateRegistrationInput | typeof validateUnitInput>): string[] {
  return result.ok ? [] : result.errors.map((error) => `${error.path} ${error.code}`);
}

function withFirstContestant(field: string, value: unknown): Body {
  const body = studentTeam();
  body.contestants[0]![field] = value;
  return body;
}

describe('validateRegistrationInput: valid entries', () => {
  it('accepts an AI trainer student team and fills the birth dates from the ID numbers', () => {
    const body = studentTeam();

    const result = validateRegistrationInput(edition, body);

    expect(problems(result)).toEqual([]);
    expect(result.ok && result.value.contestants.map((c) => c.birthDate)).toEqual([
      '2004-05-06',
      '2003-11-30',
    ]);
    expect(result.ok && result.value.advisor).toEqual({ name: '陈老师', phone: '13700002222' });
  });

  it('accepts an AI trainer employee team without an advisor', () => {
    const body = employeeTeam();

    const result = validateRegistrationInput(edition, body);

    expect(problems(result)).toEqual([]);
    expect(result.ok && result.value.contestants[0]).toMatchObject({
      identity: 'employee',
      qualificationLevel: 3,
    });
  });

  it('accepts a machine vision individual, employee without advisor or student with one', () => {
    const employee = machineVisionEntry();
    const student = {
      ...machineVisionEntry({ identity: 'student' }),
      advisor: { name: '陈老师', phone: '13700002222' },
    };

    expect(problems(validateRegistrationInput(edition, employee))).toEqual([]);
    expect(problems(validateRegistrationInput(edition, student))).toEqual([]);
  });

  it('returns the normalised value: trimmed text, upper-case X, declarations kept', () => {
    const idNumber = makeIdNumberEndingInX({ birthDate: '2004-02-29', gender: 'male' });
    const body = withFirstContestant('idNumber', idNumber.toLowerCase());
    Object.assign(body.contestants[0]!, {
      name: '  买买提・艾力 ',
      address: ' 重庆市渝中区 ',
      birthDate: '2004-02-29',
      declarations: { fullTimeEnrolledInChongqing: true, postType: 'worker' },
    });

    const result = validateRegistrationInput(edition, body);

    expect(problems(result)).toEqual([]);
    expect(result.ok && result.value.contestants[0]).toMatchObject({
      name: '买买提·艾力',
      address: '重庆市渝中区',
      idNumber,
      birthDate: '2004-02-29',
      declarations: { fullTimeEnrolledInChongqing: true, postType: 'worker' },
    });
  });
});

describe('validateRegistrationInput: track, group, team', () => {
  it('rejects a track that is not in the edition', () => {
    const body = { ...studentTeam(), trackId: 'welding' };

    expect(problems(validateRegistrationInput(edition, body))).toEqual(['/trackId UNKNOWN_TRACK']);
  });

  it('rejects a group that is not in the track', () => {
    const body = { ...studentTeam(), groupId: 'open' };

    expect(problems(validateRegistrationInput(edition, body))).toEqual(['/groupId UNKNOWN_GROUP']);
  });

  it.each([1, 3])('rejects an AI trainer team of %i', (count) => {
    const body = studentTeam();
    body.contestants = [
      contestant(),
      contestant({ name: '李娜', gender: 'female', idNumber: liNaId }),
      contestant(),
    ]
      .slice(0, count)
      .map((c, i) => ({
        ...c,
        idNumber: makeIdNumber({ birthDate: '2004-01-01', sequence: i, gender: 'male' }),
      }))
      .map((c) => ({ ...c, gender: 'male' }));

    expect(problems(validateRegistrationInput(edition, body))).toEqual(['/contestants TEAM_SIZE']);
  });

  it('rejects two contestants for machine vision', () => {
    const body = machineVisionEntry();
    body.contestants.push(contestant({ identity: 'employee', idNumber: liNaId, gender: 'female' }));

    expect(problems(validateRegistrationInput(edition, body))).toEqual(['/contestants TEAM_SIZE']);
  });

  it('does not look into a list of contestants longer than any team', () => {
    const body = { ...studentTeam(), contestants: Array.from({ length: 500 }, () => ({ junk: true })) };

    expect(problems(validateRegistrationInput(edition, body))).toEqual(['/contestants TEAM_SIZE']);
  });

  it('rejects the same ID number twice in one entry', () => {
    const body = withFirstContestant('idNumber', liNaId);
    body.contestants[0]!.gender = 'female';

    expect(problems(validateRegistrationInput(edition, body))).toEqual([
      '/contestants/1/idNumber DUPLICATE_PERSON',
    ]);
  });

  it('sees a duplicate written once with x and once with X', () => {
    const idNumber = makeIdNumberEndingInX({ birthDate: '2004-01-01', gender: 'male' });
    const body = withFirstContestant('idNumber', idNumber.toLowerCase());
    Object.assign(body.contestants[1]!, { idNumber, gender: 'male' });

    expect(problems(validateRegistrationInput(edition, body))).toEqual([
      '/contestants/1/idNumber DUPLICATE_PERSON',
    ]);
  });
});

describe('validateRegistrationInput: identity and advisor rules', () => {
  it('rejects an employee in the student group', () => {
    const body = withFirstContestant('identity', 'employee');

    expect(problems(validateRegistrationInput(edition, body))).toEqual([
      '/contestants/0/identity IDENTITY_NOT_ALLOWED',
    ]);
  });

  it('rejects a student in the employee group', () => {
    const body = employeeTeam();
    body.contestants[1]!.identity = 'student';

    expect(problems(validateRegistrationInput(edition, body))).toEqual([
      '/contestants/1/identity IDENTITY_NOT_ALLOWED',
    ]);
  });

  it('requires an advisor for a student team', () => {
    const body = studentTeam();
    delete body.advisor;

    expect(problems(validateRegistrationInput(edition, body))).toEqual(['/advisor ADVISOR_REQUIRED']);
  });

  it('refuses an advisor for an employee team', () => {
    const body = { ...employeeTeam(), advisor: { name: '陈老师', phone: '13700002222' } };

    expect(problems(validateRegistrationInput(edition, body))).toEqual(['/advisor ADVISOR_NOT_ALLOWED']);
  });

  it('refuses an advisor for a machine vision employee', () => {
    const body = { ...machineVisionEntry(), advisor: { name: '陈老师', phone: '13700002222' } };

    expect(problems(validateRegistrationInput(edition, body))).toEqual(['/advisor ADVISOR_NOT_ALLOWED']);
  });

  it('rejects a null advisor as a wrong type (omit the field instead)', () => {
    const body = { ...studentTeam(), advisor: null };

    expect(problems(validateRegistrationInput(edition, body))).toEqual(['/advisor INVALID_TYPE']);
  });

  it('checks the advisor and leader like any contact', () => {
    const body = { ...studentTeam(), advisor: { name: '陈老师1', phone: '1370000222' }, leader: {} };

    expect(problems(validateRegistrationInput(edition, body))).toEqual([
      '/advisor/name INVALID_NAME',
      '/advisor/phone INVALID_PHONE',
      '/leader/name REQUIRED',
      '/leader/phone REQUIRED',
    ]);
  });
});

describe('validateRegistrationInput: contestant fields', () => {
  it.each([
    ['a Chinese name', '欧阳娜娜'],
    ['a name with the middle dot', '买买提·艾力'],
    ['a Latin name with single spaces', 'Anna Maria Schmidt'],
    ['a mixed name', '李 Lee'],
    ['an accented Latin name', 'José Müller'],
    ['a name of 40 characters', '张'.repeat(40)],
    ['a rare character outside the BMP', '𠮷野'],
  ])('accepts %s', (_, name) => {
    expect(problems(validateRegistrationInput(edition, withFirstContestant('name', name)))).toEqual([]);
  });

  it.each([
    ['an empty name', '', 'REQUIRED'],
    ['a blank name', '   ', 'REQUIRED'],
    ['a name of 41 characters', '张'.repeat(41), 'TOO_LONG'],
    ['two spaces inside', '张  伟', 'INVALID_NAME'],
    ['a digit', '张伟2', 'INVALID_NAME'],
    ['a formula', '=HYPERLINK("x")', 'INVALID_NAME'],
    ['a leading minus', '-张伟', 'INVALID_NAME'],
    ['a leading at', '@张伟', 'INVALID_NAME'],
    ['a tab', '张\t伟', 'INVALID_NAME'],
    ['a carriage return inside', '张\r伟', 'INVALID_NAME'],
    ['a formula after a leading tab', '\t=1+1', 'INVALID_NAME'],
    ['a dot at the end', '张伟·', 'INVALID_NAME'],
    ['a number', 12, 'INVALID_TYPE'],
  ])('rejects %s', (_, name, code) => {
    expect(problems(validateRegistrationInput(edition, withFirstContestant('name', name)))).toEqual([
      `/contestants/0/name ${code}`,
    ]);
  });

  it.each([
    ['phone', '1381234123', 'INVALID_PHONE'],
    ['phone', '12812341234', 'INVALID_PHONE'],
    ['phone', '+8613812341234', 'INVALID_PHONE'],
    ['phone', '138-1234-1234', 'INVALID_PHONE'],
    ['phone', 13812341234, 'INVALID_TYPE'],
    ['postcode', '40133', 'INVALID_POSTCODE'],
    ['postcode', '4013310', 'INVALID_POSTCODE'],
    ['postcode', 'abcdef', 'INVALID_POSTCODE'],
    ['postcode', 401331, 'INVALID_TYPE'],
    ['address', '', 'REQUIRED'],
    ['address', '重'.repeat(101), 'TOO_LONG'],
    ['address', '=1+2', 'FORMULA_LIKE'],
    ['address', '+86 重庆', 'FORMULA_LIKE'],
    ['address', ' @SUM(A1)', 'FORMULA_LIKE'],
    ['address', '重庆市\n渝中区', 'INVALID_VALUE'],
    ['address', '重庆市\u202e渝中区', 'INVALID_VALUE'],
    ['major', 'a'.repeat(51), 'TOO_LONG'],
    ['major', '-人工智能', 'FORMULA_LIKE'],
    ['major', 'AI\u0000', 'INVALID_VALUE'],
    ['gender', 'M', 'INVALID_VALUE'],
    ['gender', 'female', 'GENDER_MISMATCH'],
    ['education', 'phd', 'INVALID_VALUE'],
    ['identity', 'teacher', 'INVALID_VALUE'],
    ['idNumber', withWrongCheckDigit(zhangWeiId), 'INVALID_ID_NUMBER'],
    ['idNumber', zhangWeiId.slice(0, 17), 'INVALID_ID_NUMBER'],
    ['idNumber', 123456, 'INVALID_TYPE'],
    ['birthDate', '2004-05-07', 'BIRTH_DATE_MISMATCH'],
    ['birthDate', '2004-02-30', 'INVALID_DATE'],
    ['birthDate', '2004/05/06', 'INVALID_DATE'],
    ['qualificationLevel', undefined, 'REQUIRED'],
    ['qualificationLevel', 0, 'INVALID_VALUE'],
    ['qualificationLevel', 6, 'INVALID_VALUE'],
    ['qualificationLevel', 2.5, 'INVALID_VALUE'],
    ['qualificationLevel', '3', 'INVALID_TYPE'],
    ['yearsInTrade', -1, 'INVALID_VALUE'],
    ['yearsInTrade', 61, 'INVALID_VALUE'],
    ['yearsInTrade', 1.5, 'INVALID_VALUE'],
    ['declarations', [], 'INVALID_TYPE'],
  ])('rejects %s %j with %s', (field, value, code) => {
    const result = validateRegistrationInput(edition, withFirstContestant(field, value));

    expect(problems(result)).toEqual([`/contestants/0/${field} ${code}`]);
  });

  it.each([
    ['qualificationLevel', 5],
    ['qualificationLevel', 1],
    ['yearsInTrade', 0],
    ['yearsInTrade', 60],
    ['birthDate', '2004-05-06'],
    ['major', ''],
    ['declarations', {}],
  ])('accepts %s %j', (field, value) => {
    expect(problems(validateRegistrationInput(edition, withFirstContestant(field, value)))).toEqual([]);
  });

  it.each(['major', 'birthDate', 'yearsInTrade', 'declarations'])(
    'accepts a contestant without %s',
    (field) => {
      const body = studentTeam();
      delete body.contestants[0]![field];

      expect(problems(validateRegistrationInput(edition, body))).toEqual([]);
    },
  );

  it('rejects wrong values inside the declarations', () => {
    const body = withFirstContestant('declarations', { chinaSkillsAward: 'no', postType: 'boss' });

    expect(problems(validateRegistrationInput(edition, body))).toEqual([
      '/contestants/0/declarations/chinaSkillsAward INVALID_TYPE',
      '/contestants/0/declarations/postType INVALID_VALUE',
    ]);
  });

  it('trims surrounding whitespace, tabs and line breaks off a name', () => {
    const body = withFirstContestant('name', '\t张伟\r\n');

    const result = validateRegistrationInput(edition, body);

    expect(result.ok && result.value.contestants[0]!.name).toBe('张伟');
  });

  it('explains an invalid ID number in its message', () => {
    const body = withFirstContestant('idNumber', withWrongCheckDigit(zhangWeiId));

    const result = validateRegistrationInput(edition, body);

    expect(result.ok ? [] : result.errors).toEqual([
      {
        path: '/contestants/0/idNumber',
        code: 'INVALID_ID_NUMBER',
        message: 'ID number (身份证号) has a wrong check digit',
      },
    ]);
  });
});

describe('validateRegistrationInput: look-alike names', () => {
  it.each([
    ['a Kangxi radical (⼈ U+2F08 for 人)', '李⼈'],
    ['a CJK radical of the supplement (⺅ U+2E85)', '李⺅'],
    ['full-width Latin letters', 'Ｌｉ Ｌｅｉ'],
  ])('refuses %s in every name, with its own code', (_, name) => {
    const body = studentTeam();
    body.contestants[0]!.name = name;
    body.leader.name = name;
    body.advisor!.name = name;
    expect(problems(validateRegistrationInput(edition, body))).toEqual([
      '/advisor/name LOOKALIKE_CHARACTER',
      '/contestants/0/name LOOKALIKE_CHARACTER',
      '/leader/name LOOKALIKE_CHARACTER',
    ]);
  });

  it.each([
    ['a ligature', 'Soﬁa Li', 'Sofia Li'],
    ['an ideographic space', '李\u3000雷', '李 雷'],
    ['a half-width middle dot', '买买提･艾力', '买买提·艾力'],
  ])('stores %s in its NFKC form, so the name-and-phone matching sees one person', (_, typed, stored) => {
    const result = validateRegistrationInput(edition, withFirstContestant('name', typed));
    expect(result.ok && result.value.contestants[0]?.name).toBe(stored);
  });

  it('keeps full-width brackets in unit names, where they are the ordinary spelling', () => {
    const result = validateUnitInput({
      name: '重庆某某（集团）有限公司',
      kind: 'enterprise',
      contact: { name: '李明', phone: '13900001111', email: 'office@example.cn' },
    });
    expect(result.ok && result.value.name).toBe('重庆某某（集团）有限公司');
  });
});

describe('validateRegistrationInput: unknown fields', () => {
  it('rejects an unknown field at the top', () => {
    const body = { ...studentTeam(), remark: 'hi' };

    expect(problems(validateRegistrationInput(edition, body))).toEqual(['/remark UNKNOWN_FIELD']);
  });

  it('rejects unknown fields inside the leader, a contestant and the declarations', () => {
    const body = studentTeam();
    body.leader.email = 'a@b.cn';
    body.contestants[1]!.photo = 'x.jpg';
    body.contestants[0]!.declarations = { retired: false };

    expect(problems(validateRegistrationInput(edition, body))).toEqual([
      '/contestants/0/declarations/retired UNKNOWN_FIELD',
      '/contestants/1/photo UNKNOWN_FIELD',
      '/leader/email UNKNOWN_FIELD',
    ]);
  });

  it('escapes ~ and / in a JSON pointer and reports __proto__ like any other key', () => {
    const body = { ...studentTeam(), ...JSON.parse('{"a/b~c": 1, "__proto__": {"isAdmin": true}}') };

    expect(problems(validateRegistrationInput(edition, body))).toEqual([
      '/__proto__ UNKNOWN_FIELD',
      '/a~1b~0c UNKNOWN_FIELD',
    ]);
  });
});

describe('validateRegistrationInput: every error at once', () => {
  it('reports nine mistakes of one body together, each at its path', () => {
    const body = studentTeam();
    delete body.advisor;
    body.remark = 'please hurry';
    body.leader.phone = '12345';
    body.contestants[0]!.idNumber = withWrongCheckDigit(zhangWeiId);
    body.contestants[0]!.postcode = '4000';
    Object.assign(body.contestants[1]!, {
      gender: 'male',
      identity: 'employee',
      address: '=cmd|calc',
      birthDate: '2003-11-29',
    });

    const result = validateRegistrationInput(edition, body);

    expect(problems(result)).toEqual([
      '/advisor ADVISOR_REQUIRED',
      '/contestants/0/idNumber INVALID_ID_NUMBER',
      '/contestants/0/postcode INVALID_POSTCODE',
      '/contestants/1/address FORMULA_LIKE',
      '/contestants/1/birthDate BIRTH_DATE_MISMATCH',
      '/contestants/1/gender GENDER_MISMATCH',
      '/contestants/1/identity IDENTITY_NOT_ALLOWED',
      '/leader/phone INVALID_PHONE',
      '/remark UNKNOWN_FIELD',
    ]);
    expect(result.ok ? [] : result.errors.filter((e) => e.message.length === 0)).toEqual([]);
  });

  it('reports every missing field of an empty body', () => {
    expect(problems(validateRegistrationInput(edition, {}))).toEqual([
      '/contestants REQUIRED',
      '/groupId REQUIRED',
      '/leader REQUIRED',
      '/trackId REQUIRED',
    ]);
  });

  it('reports every missing field of an empty contestant', () => {
    const body = { ...machineVisionEntry(), contestants: [{}] };

    expect(problems(validateRegistrationInput(edition, body))).toEqual(
      [
        'address',
        'education',
        'gender',
        'idNumber',
        'identity',
        'name',
        'phone',
        'postcode',
        'qualificationLevel',
      ].map((field) => `/contestants/0/${field} REQUIRED`),
    );
  });
});

describe('validateRegistrationInput: hostile input', () => {
  const deep = JSON.parse(`${'['.repeat(5000)}${']'.repeat(5000)}`);
  const huge = 'x'.repeat(2_000_000);

  it.each([
    ['null', null, ' INVALID_TYPE'],
    ['an array', [], ' INVALID_TYPE'],
    ['a number', 42, ' INVALID_TYPE'],
    ['a string', 'hello', ' INVALID_TYPE'],
    ['undefined', undefined, ' REQUIRED'],
    ['deep nesting', deep, ' INVALID_TYPE'],
  ])('answers %s with one error on the whole body', (_, body, problem) => {
    expect(problems(validateRegistrationInput(edition, body))).toEqual([problem]);
  });

  it('answers junk in every field without throwing', () => {
    const body = {
      trackId: huge,
      groupId: deep,
      leader: [deep],
      advisor: { name: huge, phone: huge },
      contestants: [null, 7, deep, { name: huge, idNumber: huge, address: huge, declarations: deep }],
      [huge]: deep,
    };

    const result = validateRegistrationInput(edition, body);

    expect(result.ok).toBe(false);
    expect(problems(result)).toContain('/trackId UNKNOWN_TRACK');
    expect(problems(result)).toContain('/contestants/3/name TOO_LONG');
    expect(problems(result)).toContain('/contestants/3/idNumber INVALID_ID_NUMBER');
  });

  it(`stops at ${MAX_FIELD_ERRORS} errors`, () => {
    const body = {
      ...studentTeam(),
      ...Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i])),
    };

    const result = validateRegistrationInput(edition, body);

    expect(problems(result)).toHaveLength(MAX_FIELD_ERRORS);
  });
});

describe('validateUnitInput', () => {
  function unit(): Fields {
    return {
      name: '重庆机械技师学院（南校区）',
      kind: 'school',
      district: '九龙坡区',
      contact: { name: '刘芳', phone: '023-68001234', email: 'liufang@example.edu.cn' },
    };
  }

  it('accepts a school with a district and a landline', () => {
    const result = validateUnitInput(unit());

    expect(result).toEqual({ ok: true, value: unit() });
  });

  it('accepts an enterprise without a district, with a mobile contact and trims the text', () => {
    const body = {
      name: ' Chongqing AI Co (重庆)-1 ',
      kind: 'enterprise',
      contact: { name: 'Liu', phone: '13812341234', email: ' a@b.cn ' },
    };

    const result = validateUnitInput(body);

    expect(result.ok && result.value).toEqual({
      name: 'Chongqing AI Co (重庆)-1',
      kind: 'enterprise',
      contact: { name: 'Liu', phone: '13812341234', email: 'a@b.cn' },
    });
  });

  it.each([
    ['name', '', 'REQUIRED'],
    ['name', '单'.repeat(101), 'TOO_LONG'],
    ['name', '-重庆', 'FORMULA_LIKE'],
    ['name', '重庆@公司', 'INVALID_NAME'],
    ['name', '重庆\t公司', 'INVALID_NAME'],
    ['name', 'Chongqing AI Co.', 'INVALID_NAME'],
    ['kind', 'government', 'INVALID_VALUE'],
    ['district', '', 'REQUIRED'],
    ['district', '区'.repeat(21), 'TOO_LONG'],
    ['district', '=A1', 'FORMULA_LIKE'],
    ['contact', undefined, 'REQUIRED'],
    ['extra', 1, 'UNKNOWN_FIELD'],
  ])('rejects %s %j with %s', (field, value, code) => {
    const body = { ...unit(), [field]: value };

    expect(problems(validateUnitInput(body))).toEqual([`/${field} ${code}`]);
  });

  it('checks every contact field at once', () => {
    const body = { ...unit(), contact: { name: '', phone: '12345', email: 'nope', fax: '1' } };

    expect(problems(validateUnitInput(body))).toEqual([
      '/contact/email INVALID_EMAIL',
      '/contact/fax UNKNOWN_FIELD',
      '/contact/name REQUIRED',
      '/contact/phone INVALID_PHONE',
    ]);
  });

  it.each([null, [], 'unit', 3])('answers %j with an error', (body) => {
    expect(problems(validateUnitInput(body))).toEqual([' INVALID_TYPE']);
  });
});
