/**
 * The secretariat's console (大赛执委会工作台), loaded only for a member's key: its sections in a nav, each
 * page under `#/console/...` (`#/` is the overview).
 */
import { useEffect } from 'preact/hooks';
import type { Edition } from '#shared/domain/edition.ts';
import type { AccountView } from '../types.ts';
import { AccountsPage } from './accounts.tsx';
import type { ConsoleApi } from './api.ts';
import { ConsoleContext } from './context.ts';
import { ConsoleEntryPage, EntriesPage } from './entries.tsx';
import { ExclusionsPage } from './exclusions.tsx';
import { OverridesPage } from './overrides.tsx';
import { OverviewPage } from './overview.tsx';
import { PortalsPage } from './portals.tsx';
import { ReviewsPage } from './reviews.tsx';
import { SummariesPage } from './summaries.tsx';
import { UnitPage, UnitsPage } from './units.tsx';
import { WebhooksPage } from './webhooks.tsx';

export { createConsoleApi } from './api.ts';

type Section =
  | 'overview'
  | 'entries'
  | 'reviews'
  | 'units'
  | 'overrides'
  | 'exclusions'
  | 'summaries'
  | 'webhooks'
  | 'accounts'
  | 'portals';

export type ConsoleRoute =
  | { page: Section }
  | { page: 'entry'; registrationId: string }
  | { page: 'unit'; unitId: string }
  | { page: 'missing' };

const sections: { page: Section; label: string; adminOnly?: boolean }[] = [
  { page: 'overview', label: '概览' },
  { page: 'entries', label: '报名' },
  { page: 'reviews', label: '人工复核' },
  { page: 'units', label: '参赛单位' },
  { page: 'overrides', label: '补报' },
  { page: 'exclusions', label: '排除名单' },
  { page: 'summaries', label: '汇总表' },
  { page: 'webhooks', label: '回调通知' },
  { page: 'accounts', label: '账户', adminOnly: true },
  { page: 'portals', label: '门户', adminOnly: true },
];

export const sectionHash = (page: Section) => (page === 'overview' ? '#/' : `#/console/${page}`);

export function parseConsoleRoute(hash: string): ConsoleRoute {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/' || path === '/console') return { page: 'overview' };
  const section = /^\/console\/(\w+)$/.exec(path)?.[1];
  const known = sections.find((s) => s.page === section);
  if (known) return { page: known.page };
  const entry = /^\/console\/entries\/([\w-]+)$/.exec(path);
  if (entry) return { page: 'entry', registrationId: entry[1]! };
  const unit = /^\/console\/units\/([\w-]+)$/.exec(path);
  if (unit) return { page: 'unit', unitId: unit[1]! };
  return { page: 'missing' };
}

const titleOf = (route: ConsoleRoute): string =>
  route.page === 'entry'
    ? '报名详情'
    : route.page === 'unit'
      ? '参赛单位'
      : route.page === 'missing'
        ? '页面不存在'
        : (sections.find((s) => s.page === route.page)?.label ?? '');

/** The section a page belongs to, for the nav's current link. */
const sectionOf = (route: ConsoleRoute): Section | undefined =>
  route.page === 'entry'
    ? 'entries'
    : route.page === 'unit'
      ? 'units'
      : route.page === 'missing'
        ? undefined
        : route.page;

interface Props {
  api: ConsoleApi;
  account: AccountView;
  edition: Edition;
  hash: string;
}

export function ConsoleApp({ api, account, edition, hash }: Props) {
  const route = parseConsoleRoute(hash);
  const admin = account.role === 'admin';
  useEffect(() => {
    document.title = `${titleOf(route)} - 大赛执委会工作台 - “巴渝工匠”杯报名系统`;
  }, [hash]);
  const current = sectionOf(route);
  return (
    <ConsoleContext.Provider value={{ api, account, edition }}>
      <nav class="console-nav" aria-label="工作台">
        <ul>
          {sections
            .filter((s) => admin || !s.adminOnly)
            .map((s) => (
              <li key={s.page}>
                <a href={sectionHash(s.page)} aria-current={s.page === current ? 'page' : undefined}>
                  {s.label}
                </a>
              </li>
            ))}
        </ul>
      </nav>
      <ConsolePage route={route} admin={admin} />
    </ConsoleContext.Provider>
  );
}

function ConsolePage({ route, admin }: { route: ConsoleRoute; admin: boolean }) {
  switch (route.page) {
    case 'overview':
      return <OverviewPage />;
    case 'entries':
      return <EntriesPage />;
    case 'entry':
      return <ConsoleEntryPage registrationId={route.registrationId} />;
    case 'reviews':
      return <ReviewsPage />;
    case 'units':
      return <UnitsPage />;
    case 'unit':
      return <UnitPage unitId={route.unitId} />;
    case 'overrides':
      return <OverridesPage />;
    case 'exclusions':
      return <ExclusionsPage />;
    case 'summaries':
      return <SummariesPage />;
    case 'webhooks':
      return <WebhooksPage />;
    case 'accounts':
      if (admin) return <AccountsPage />;
      return <Missing text="只有管理员可以管理账户。" />;
    case 'portals':
      if (admin) return <PortalsPage />;
      return <Missing text="只有管理员可以管理门户。" />;
    default:
      return <Missing text="找不到这个页面。" />;
  }
}

function Missing({ text }: { text: string }) {
  return (
    <section aria-labelledby="missing-title">
      <h1 id="missing-title">页面不存在</h1>
      <p>{text}</p>
      <p>
        <a href="#/">返回概览</a>
      </p>
    </section>
  );
}
