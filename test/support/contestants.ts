import type { ContestantInput } from '#shared/domain/registration-input.ts';
import { makeIdNumber } from './id-numbers.ts';

/** A contestant as validation leaves one (the birth date is the ID number's), for the pure domain tests. */
export function validContestant(overrides: Partial<ContestantInput> = {}): ContestantInput {
  const gender = overrides.gender ?? 'male';
  const birthDate = overrides.birthDate ?? '1990-01-01';
  return {
    name: '张伟',
    gender,
    idNumber: makeIdNumber({ birthDate, gender }),
    birthDate,
    education: 'bachelor',
    phone: '13912345678',
    address: '重庆市渝中区解放碑1号',
    postcode: '400010',
    identity: 'employee',
    qualificationLevel: 3,
    ...overrides,
  };
}
