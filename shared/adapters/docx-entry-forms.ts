/**
 * 附件4 选手报名表 as a Word document (docx), laid out as the notice prints it: the title, 填报时间, one table with
 * the photo box at its top right, the advisor lines, and the two boxes for stamps. Each contestant's form is a
 * section of its own, so each starts on a new page; the sizes keep a form on one A4 page.
 *
 * Fonts are the ones every Chinese desktop (Windows, WPS, macOS with Office) has: 宋体 for the text and 黑体 for
 * the title, named for East Asian text (w:eastAsia), which is what Word and WPS choose Chinese glyphs by.
 */
import {
  AlignmentType,
  Document,
  HeightRule,
  ImageRun,
  Packer,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { ENTRY_FORM_TITLE } from '#shared/domain/entry-form.ts';
import type { EntryFormWriter, PrintedEntryForm } from '#shared/ports/documents.ts';
import { sharp } from './sharp.ts';

/** A4 portrait in twentieths of a point (w:pgSz 11906 x 16838). */
const A4 = { width: 11906, height: 16838 };
/** 15 mm above and below, 22 mm at the sides: a form with long addresses still fits its page. */
const MARGIN = { top: 850, bottom: 850, left: 1247, right: 1247 };
const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;

/** The five columns: label, value, label, value, the photo; in twips, adding up to the text width. */
const PHOTO_COLUMN = 2040;
const COLUMNS = [1500, 2450, 1500, TEXT_WIDTH - 1500 - 2450 - 1500 - PHOTO_COLUMN, PHOTO_COLUMN];
/** The four rows beside the photo hold its 49 mm between them (4 x 740 twips = 52 mm). */
const PHOTO_ROW_HEIGHT = 740;
const ROW_HEIGHT = 640;
/** The stamp boxes leave room for a seal (about 42 mm across) and the date. */
const STAMP_ROW_HEIGHT = 2500;

/** The 2-inch photo box, 35 x 49 mm: docx sizes images in pixels at 96 per inch. */
const PHOTO_BOX_MM = { width: 35, height: 49 };
const mmToPx = (mm: number) => Math.round((mm / 25.4) * 96);
/** The photo is printed at 300 dpi: a few tens of kilobytes instead of the stored copy's hundreds. */
const PHOTO_PRINT_PX = {
  width: Math.round((PHOTO_BOX_MM.width / 25.4) * 300),
  height: Math.round((PHOTO_BOX_MM.height / 25.4) * 300),
};

const BODY_FONT = 'SimSun';
const TITLE_FONT = 'SimHei';
const font = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name });
/** Sizes in half-points: 五号 (10.5 pt) for the table, 小二 (18 pt) for the title. */
const BODY_SIZE = 21;
const TITLE_SIZE = 36;

const text = (value: string) => new TextRun({ text: value, font: font(BODY_FONT), size: BODY_SIZE });

const paragraph = (
  children: ParagraphChild[],
  alignment: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.CENTER,
) => new Paragraph({ alignment, children });

/** A cell of the table: label cells carry the notice's words, value cells the entry's. */
function cell(lines: string[], options: { span?: number } = {}) {
  return new TableCell({
    children: lines.map((line) => paragraph([text(line)])),
    verticalAlign: VerticalAlignTable.CENTER,
    ...(options.span ? { columnSpan: options.span } : {}),
    margins: { left: 80, right: 80 },
  });
}

const row = (cells: TableCell[], height = ROW_HEIGHT) =>
  new TableRow({ children: cells, height: { value: height, rule: HeightRule.ATLEAST }, cantSplit: true });

/** The photo fitted to the box (cut to its proportions from the centre, as a print shop would). */
async function printPhoto(jpeg: Uint8Array): Promise<Uint8Array> {
  return sharp()(jpeg)
    .resize({ ...PHOTO_PRINT_PX, fit: 'cover' })
    .jpeg({ quality: 90 })
    .toBuffer();
}

async function photoCell(page: PrintedEntryForm): Promise<TableCell> {
  const content: ParagraphChild =
    'jpeg' in page.photo
      ? new ImageRun({
          type: 'jpg',
          data: await printPhoto(page.photo.jpeg),
          transformation: { width: mmToPx(PHOTO_BOX_MM.width), height: mmToPx(PHOTO_BOX_MM.height) },
          altText: { name: 'photo', title: '2寸红底免冠登记照片', description: page.name },
        })
      : text(page.photo.missing);
  return new TableCell({
    children: [paragraph([content])],
    rowSpan: 4,
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: 0, right: 0, top: 0, bottom: 0 },
  });
}

const stampRow = (label: string[]) =>
  row(
    [
      cell(label),
      new TableCell({
        columnSpan: 4,
        verticalAlign: VerticalAlignTable.BOTTOM,
        children: [
          paragraph([text('公章：')], AlignmentType.LEFT),
          paragraph([text('年    月    日')], AlignmentType.RIGHT),
        ],
        margins: { left: 120, right: 600, bottom: 200 },
      }),
    ],
    STAMP_ROW_HEIGHT,
  );

async function formTable(p: PrintedEntryForm): Promise<Table> {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: COLUMNS,
    layout: TableLayoutType.FIXED,
    rows: [
      row(
        [
          cell(['参加赛项']),
          cell([p.track]),
          cell(['参加身份', '（职工/学生）']),
          cell([p.identity]),
          await photoCell(p),
        ],
        PHOTO_ROW_HEIGHT,
      ),
      row([cell(['姓名']), cell([p.name]), cell(['性别']), cell([p.gender])], PHOTO_ROW_HEIGHT),
      row([cell(['文化程度']), cell([p.education]), cell(['所学专业']), cell([p.major])], PHOTO_ROW_HEIGHT),
      row([cell(['出生日期']), cell([p.birthDate]), cell(['电话/手机']), cell([p.phone])], PHOTO_ROW_HEIGHT),
      row([cell(['所在单位']), cell([p.unitName], { span: 4 })]),
      row([cell(['通讯地址']), cell([p.address], { span: 2 }), cell(['邮编']), cell([p.postcode])]),
      row([cell(['身份证号码']), cell([p.idNumber], { span: 4 })]),
      row([cell(['现职业资格等级']), cell([p.qualification], { span: 4 })]),
      row([
        cell(['指导教师姓名', '（职工身份填无）']),
        cell([p.advisorName]),
        cell(['手机号码', '（职工身份填无）']),
        cell([p.advisorPhone], { span: 2 }),
      ]),
      stampRow(['选手所在', '单位意见']),
      stampRow(['竞赛', '执委会', '审核意见']),
    ],
  });
}

/**
 * The notice's title, the competition's name and the form's, on two lines of about equal length as 附件4 prints
 * it (a line broken by the page's width would leave a word or two on the second).
 */
function titleLines(title: string): string[] {
  const chars = [...title];
  const half = Math.ceil(chars.length / 2);
  return [chars.slice(0, half).join(''), chars.slice(half).join('')];
}

async function formSection(page: PrintedEntryForm) {
  return {
    properties: { page: { size: A4, margin: MARGIN } },
    children: [
      paragraph(
        [new TextRun({ text: '附件4', font: font(TITLE_FONT), size: BODY_SIZE })],
        AlignmentType.LEFT,
      ),
      paragraph(
        titleLines(page.competition + ENTRY_FORM_TITLE).map(
          (line, i) => new TextRun({ text: line, font: font(TITLE_FONT), size: TITLE_SIZE, break: i }),
        ),
      ),
      new Paragraph({ spacing: { before: 200, after: 120 }, children: [text(`填报时间：${page.filledOn}`)] }),
      await formTable(page),
    ],
  };
}

export const docxEntryForms: EntryFormWriter = {
  async write(pages) {
    const sections = [];
    // One at a time: each page's photo is decoded and resized while its section is built.
    for (const page of pages) sections.push(await formSection(page));
    const document = new Document({
      creator: '“巴渝工匠”杯报名系统',
      title: ENTRY_FORM_TITLE,
      styles: {
        default: {
          // Chinese as the East Asian language: Word and WPS then lay the text out (and check it) as Chinese.
          document: { run: { font: font(BODY_FONT), size: BODY_SIZE, language: { eastAsia: 'zh-CN' } } },
        },
      },
      sections,
    });
    return Packer.toBuffer(document);
  },
};
