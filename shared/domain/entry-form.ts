/**
 * 附件4 选手报名表: what one contestant's printed form says, in the notice's words. The unit prints it, stamps it
 * (选手所在单位意见 · 公章) and brings it to check-in, so it carries the whole ID number and phone: it is the unit's
 * own form about its own people. Pure: reading the photo and writing the document happen elsewhere.
 */
import { type Edition, findGroup, findTrack } from './edition.ts';
import {
  educationZh,
  genderZh,
  identityZh,
  localDay,
  photoZh,
  qualificationZh,
  typographicQuotes,
} from './labels-zh.ts';
import { safeNamePart, uniqueFileNames } from './photo-names.ts';
import type { Contestant, Registration } from './registration.ts';

/** The form's own name, which 附件4's title prints after the competition's. */
export const ENTRY_FORM_TITLE = '选手报名表';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const ZIP_TYPE = 'application/zip';

/** What the advisor lines say where the group has no advisor: the notice's "（职工身份填无）". */
const NO_ADVISOR = '无';

export interface EntryFormPage {
  /** The competition's name with Chinese quotation marks. */
  competition: string;
  /** 填报时间: the day the entry was submitted, in the edition's zone (2023年9月1日). */
  filledOn: string;
  track: string;
  identity: string;
  name: string;
  gender: string;
  education: string;
  major: string;
  birthDate: string;
  phone: string;
  unitName: string;
  address: string;
  postcode: string;
  idNumber: string;
  qualification: string;
  advisorName: string;
  advisorPhone: string;
  /** Where the photo's object is when it is accepted; otherwise the words for the empty photo box. */
  photo: { objectKey: string } | { missing: string };
}

/** 2023-09-01 → 2023年9月1日, as dates are written on the notice's forms. */
function chineseDate(day: string): string {
  const [year, month, date] = day.split('-');
  return `${year}年${Number(month)}月${Number(date)}日`;
}

/** The track as the form's 参加赛项 names it; the group follows where the track has more than one. */
function entryTrackName(edition: Edition, r: Pick<Registration, 'trackId' | 'groupId'>): string {
  const track = findTrack(edition, r.trackId);
  if (!track) return r.trackId;
  const group = findGroup(track, r.groupId);
  return track.groups.length > 1 && group ? `${track.name}（${group.name}）` : track.name;
}

function photoBox(c: Contestant): EntryFormPage['photo'] {
  return c.photo.status === 'accepted' && c.photo.objectKey
    ? { objectKey: c.photo.objectKey }
    : { missing: `照片${photoZh[c.photo.status]}` };
}

/** One page per contestant of the entry, in the entry's order. */
export function entryFormPages(edition: Edition, r: Registration, unitName: string): EntryFormPage[] {
  const competition = typographicQuotes(edition.name);
  return r.contestants.map((c) => ({
    competition,
    filledOn: chineseDate(localDay(r.createdAt, edition.timeZone)),
    track: entryTrackName(edition, r),
    identity: identityZh[c.identity],
    name: c.name,
    gender: genderZh[c.gender],
    education: educationZh[c.education],
    major: c.major ?? '',
    birthDate: chineseDate(c.birthDate),
    phone: c.phone,
    unitName,
    address: c.address,
    postcode: c.postcode,
    idNumber: c.idNumber,
    qualification: qualificationZh(c.qualificationLevel),
    advisorName: r.advisor?.name ?? NO_ADVISOR,
    advisorPhone: r.advisor?.phone ?? NO_ADVISOR,
    photo: photoBox(c),
  }));
}

/**
 * The files of entries' forms, in the order given: `单位-赛项-组别-选手姓名.docx` (a team's names joined with 、),
 * numbered like photos where two would share a name.
 */
export function entryFormFileNames(
  edition: Edition,
  entries: readonly { registration: Registration; unitName: string }[],
): string[] {
  const bases = entries.map(({ registration: r, unitName }) => {
    const track = findTrack(edition, r.trackId);
    const group = track ? findGroup(track, r.groupId) : undefined;
    const names = r.contestants.map((c) => c.name).join('、');
    return [unitName, track?.name ?? r.trackId, group?.name ?? r.groupId, names].map(safeNamePart).join('-');
  });
  return uniqueFileNames(bases, '.docx');
}
