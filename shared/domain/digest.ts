/**
 * The organisers' nightly digest: the figures (pure, from a tally of the stored entries) and the Chinese mail
 * rendered from them, as text and as HTML with every value escaped.
 */
import escapeHtml from 'escape-html';
import type { Edition, Track } from './edition.ts';
import { localDay, localMinute, typographicQuotes } from './labels-zh.ts';
import { formatDeadline } from './mail/templates.ts';
import { type Counts, countsOf, type SummaryTally } from './summary-tally.ts';

/** SES refuses messages over 40 MB (after base64 encoding); keep a margin for the body and headers. */
const SES_MESSAGE_LIMIT_BYTES = 40 * 1024 * 1024;
const MESSAGE_OVERHEAD_BYTES = 1024 * 1024;

/** MIME wraps base64 at 76 characters a line, each line ending in CRLF. */
const BASE64_LINE = 76;

/** Whether files of these sizes can travel as attachments (base64 turns 3 bytes into 4, in lines of 76). */
export function attachmentsFit(sizes: number[]): boolean {
  const encoded = sizes.reduce((sum, bytes) => {
    const characters = Math.ceil(bytes / 3) * 4;
    return sum + characters + Math.ceil(characters / BASE64_LINE) * 2;
  }, 0);
  return encoded + MESSAGE_OVERHEAD_BYTES <= SES_MESSAGE_LIMIT_BYTES;
}

export interface TrackFigures {
  track: Track;
  groups: Array<{ name: string; counts: Counts }>;
  total: Counts;
  /** The last day entries are accepted, in the edition's zone (closesAt is the instant after it). */
  lastDay: string;
  /** Whole days from today to the last day (0 on the last day); undefined once the track has closed. */
  daysLeft: number | undefined;
  goal: number;
}

export interface DigestFigures {
  edition: Edition;
  asOf: string;
  since: string | undefined;
  tracks: TrackFigures[];
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);

export function digestFigures(
  edition: Edition,
  tally: SummaryTally,
  asOf: string,
  since: string | undefined,
): DigestFigures {
  const now = Date.parse(asOf);
  const today = localDay(now, edition.timeZone);
  return {
    edition,
    asOf,
    since,
    tracks: edition.tracks.map((track) => {
      const t = tally.track(track.id);
      const lastDay = localDay(Date.parse(track.closesAt) - 1, edition.timeZone);
      return {
        track,
        groups: track.groups.map((g) => ({ name: g.name, counts: countsOf(t.groups, g.id) })),
        total: t.total,
        lastDay,
        daysLeft: now < Date.parse(track.closesAt) ? dayNumber(lastDay) - dayNumber(today) : undefined,
        goal: edition.settings.finalistGoal,
      };
    }),
  };
}

export interface DigestFile {
  fileName: string;
  /** Present when the file is linked (to the signed-in download) rather than attached. */
  url?: string;
}

const percent = (part: number, whole: number) => `${Math.round((100 * part) / whole)}%`;

/** Worded as the mails to the units word it: a midnight deadline is 24:00 of the day before. */
function deadlineText(t: TrackFigures, timeZone: string): string {
  const deadline = formatDeadline(t.track.closesAt, timeZone);
  if (t.daysLeft === undefined) return `报名已于 ${deadline} 截止`;
  if (t.daysLeft === 0) return `报名今天截止：${deadline}`;
  return `报名截止 ${deadline}，还剩 ${t.daysLeft} 天`;
}

/** The digest as lines of plain text: headings, then indented lines. Both bodies are built from these. */
function digestLines(f: DigestFigures, files: DigestFile[]): Array<{ heading?: true; text: string }> {
  const { edition } = f;
  const range = f.since ? `${localMinute(f.since, edition.timeZone)} 上次日报以来` : '报名开始以来';
  const lines: Array<{ heading?: true; text: string }> = [
    { heading: true, text: `${typographicQuotes(edition.name)} 报名日报` },
    {
      text: `截至 ${localMinute(f.asOf, edition.timeZone)}（北京时间）；“新增、撤回、未通过”统计自${range}。`,
    },
  ];
  for (const t of f.tracks) {
    const unit = t.track.mode === 'team' ? '支队伍' : '名选手';
    lines.push({ heading: true, text: `${t.track.name}（${deadlineText(t, edition.timeZone)}）` });
    for (const g of t.groups) {
      lines.push({
        text: `${g.name}：有效报名 ${g.counts.entries} 个（选手 ${g.counts.contestants} 人），已完成 ${g.counts.complete} 个`,
      });
    }
    lines.push(
      {
        text: `合计：有效报名 ${t.total.entries} 个，选手 ${t.total.contestants} 人，已完成 ${t.total.complete} 个`,
      },
      {
        text: `新增 ${t.total.newEntries} 个，撤回 ${t.total.withdrawnSince} 个，未通过 ${t.total.rejectedSince} 个；待人工复核 ${t.total.waitingForReview} 个`,
      },
      {
        text: `决赛目标：至少 ${t.goal} ${unit}；已完成 ${t.total.complete}（${percent(t.total.complete, t.goal)}），有效报名 ${t.total.entries}（${percent(t.total.entries, t.goal)}）`,
      },
    );
  }
  lines.push({ heading: true, text: '参赛信息汇总表' });
  const linked = files.some((file) => file.url);
  lines.push({
    text: linked
      ? '汇总表含完整身份证号码、联系电话等个人信息，不随邮件发送；请执委会工作人员登录系统后通过以下链接下载：'
      : '汇总表见附件（含完整个人信息，请勿转发）。',
  });
  for (const file of files) lines.push({ text: file.url ? `${file.fileName}：${file.url}` : file.fileName });
  return lines;
}

export function renderDigest(
  f: DigestFigures,
  files: DigestFile[],
): { subject: string; text: string; html: string } {
  const day = localDay(f.asOf, f.edition.timeZone);
  const entries = f.tracks.reduce((sum, t) => sum + t.total.entries, 0);
  const added = f.tracks.reduce((sum, t) => sum + t.total.newEntries, 0);
  const lines = digestLines(f, files);
  const text = lines.map((l) => (l.heading ? `\n${l.text}` : `  ${l.text}`)).join('\n');
  const html = [
    '<!doctype html><html lang="zh-CN"><body style="font-family: sans-serif">',
    ...lines.map((l) => (l.heading ? `<h3>${escapeHtml(l.text)}</h3>` : `<p>${linkify(l.text)}</p>`)),
    '</body></html>',
  ].join('\n');
  return { subject: `报名日报 ${day}：有效报名 ${entries} 个，新增 ${added} 个`, text: text.trim(), html };
}

/** Escapes a line and turns its URL (our own download route) into a link. */
function linkify(line: string): string {
  const match = /https?:\/\/\S+/.exec(line);
  if (!match) return escapeHtml(line);
  const url = escapeHtml(match[0]);
  return `${escapeHtml(line.slice(0, match.index))}<a href="${url}">${url}</a>`;
}
