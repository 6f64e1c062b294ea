/**
 * The web app: sign in with an access key; GET /v1/me tells whose it is. A unit's key opens the units' app (the
 * home page, the entry form and the entry pages), a secretariat member's key the console, loaded as a chunk of
 * its own so that units never download it. Routes are in the URL's hash (the server serves one page;
 * `#/entries/<id>` survives a refresh).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Versioned } from './api.ts';
import { type Api, ApiError, createApi, signingOutOn401 } from './api.ts';
import type { ConsoleApi } from './console/api.ts';
import { type Session, SessionContext, useSession } from './context.ts';
import { Notice } from './fields.tsx';
import { EntryPage } from './pages/entry.tsx';
import { EntryFormPage } from './pages/entry-form.tsx';
import { HomePage } from './pages/home.tsx';
import { ImportPage } from './pages/import.tsx';
import { SignInPage } from './pages/sign-in.tsx';
import { session as keyStore } from './storage.ts';
import type { AccountView } from './types.ts';

export type Route =
  | { page: 'home' }
  | { page: 'new' }
  | { page: 'import' }
  | { page: 'entry'; registrationId: string }
  | { page: 'edit'; registrationId: string }
  | { page: 'missing' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/') return { page: 'home' };
  if (path === '/new') return { page: 'new' };
  if (path === '/import') return { page: 'import' };
  const entry = /^\/entries\/([\w-]+)(\/edit)?$/.exec(path);
  if (entry) return { page: entry[2] ? 'edit' : 'entry', registrationId: entry[1]! };
  return { page: 'missing' };
}

const titles: Record<Route['page'], string> = {
  home: '首页',
  new: '新增报名',
  import: '批量导入',
  entry: '报名详情',
  edit: '修改报名',
  missing: '页面不存在',
};

interface Props {
  competitionId?: string;
  apiFor?: (key: string) => Api;
  /** The console's client for a secretariat key (default: the console chunk's own). */
  consoleApiFor?: (key: string) => ConsoleApi;
}

type ConsoleModule = typeof import('./console/console.tsx');

type Phase =
  | { kind: 'signed-out'; message?: string }
  | { kind: 'loading' }
  | { kind: 'ready'; data: Omit<Session, 'navigate' | 'signOut'> }
  | {
      kind: 'console';
      module: ConsoleModule;
      data: { api: ConsoleApi; account: AccountView; edition: Session['edition'] };
    };

/** Said on the sign-in page when a key stops working after sign-in (revoked by an admin, or expired). */
export const PORTAL_KEY_MESSAGE = '这是门户密钥，供门户系统对接接口使用；请用单位或执委会的访问密钥登录';
export const KEY_LOST_MESSAGE = '访问密钥已失效或已被撤销，请重新登录';

export function App({ competitionId = 'bayu-2023', apiFor = (key) => createApi(key), consoleApiFor }: Props) {
  const [phase, setPhase] = useState<Phase>(() =>
    keyStore.get() ? { kind: 'loading' } : { kind: 'signed-out' },
  );
  // The page is the hash: the units' app reads it as a Route, the console by its own routes.
  const [hash, setHash] = useState(() => location.hash);
  const route = parseRoute(hash);
  const [flash, setFlash] = useState<string | undefined>();

  useEffect(() => {
    const onHash = () => {
      setHash(location.hash);
      // A new page: keyboard and screen-reader users start at its content, as after a page load.
      document.getElementById('main')?.focus();
      window.scrollTo?.(0, 0);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const keyLost = () => {
    keyStore.clear();
    setPhase({ kind: 'signed-out', message: KEY_LOST_MESSAGE });
  };

  /** Checks the key against the API and loads what every page needs; a message when it fails. */
  const open = async (key: string): Promise<string | null> => {
    const api = apiFor(key);
    try {
      const me = await api.me();
      if (me.kind === 'secretariat') {
        const module = await import('./console/console.tsx');
        const consoleApi = signingOutOn401((consoleApiFor ?? module.createConsoleApi)(key), keyLost);
        const edition = await consoleApi.competition(competitionId);
        keyStore.set(key);
        setPhase({ kind: 'console', module, data: { api: consoleApi, account: me.account, edition } });
        return null;
      }
      // A portal's key is for its own system (it names a unit per request): no page here works with it.
      if (me.kind === 'portal') {
        setPhase({ kind: 'signed-out' });
        return PORTAL_KEY_MESSAGE;
      }
      const [edition, overrides] = await Promise.all([
        api.competition(competitionId),
        api.overrides(competitionId),
      ]);
      keyStore.set(key);
      setPhase({
        kind: 'ready',
        data: { api: signingOutOn401(api, keyLost), unit: me.unit, edition, overrides },
      });
      return null;
    } catch (error) {
      keyStore.clear();
      const message =
        error instanceof ApiError && error.code === 'UNAUTHENTICATED'
          ? '访问密钥不正确，请核对后重试'
          : error instanceof ApiError
            ? error.message
            : '登录未成功，请重试';
      setPhase({ kind: 'signed-out' });
      return message;
    }
  };

  useEffect(() => {
    const key = keyStore.get();
    if (key && phase.kind === 'loading') {
      open(key).then((message) => {
        if (message) setPhase({ kind: 'signed-out', message });
      });
    }
  }, []);

  useEffect(() => {
    // The console names its own pages.
    if (phase.kind === 'console') return;
    document.title = `${phase.kind === 'ready' ? titles[route.page] : '登录'} - “巴渝工匠”杯报名系统`;
  }, [hash, phase.kind]);

  const signOut = () => {
    keyStore.clear();
    setPhase({ kind: 'signed-out', message: '已退出登录' });
  };

  let content: ComponentChildren;
  if (phase.kind === 'signed-out') content = <SignInPage onSignIn={open} message={phase.message ?? null} />;
  else if (phase.kind === 'loading') content = <p role="status">正在载入…</p>;
  else if (phase.kind === 'console') {
    const { ConsoleApp } = phase.module;
    content = <ConsoleApp {...phase.data} hash={hash} />;
  } else {
    const session: Session = {
      ...phase.data,
      signOut,
      navigate(target, message) {
        // The same page again shows the message (a hash change would not fire).
        setFlash(message);
        if (location.hash !== target) location.hash = target;
      },
    };
    content = (
      <SessionContext.Provider value={session}>
        <Page route={route} flash={flash} />
      </SessionContext.Provider>
    );
  }

  return (
    <>
      <a class="skip-link" href="#main">
        跳到主要内容
      </a>
      <header class="site-header">
        <p class="site-title">
          <a href="#/">“巴渝工匠”杯 参赛报名</a>
        </p>
        {(phase.kind === 'ready' || phase.kind === 'console') && (
          <nav aria-label="账户">
            <span class="unit-name">
              {phase.kind === 'ready' ? phase.data.unit.name : phase.data.account.name}
            </span>
            <button type="button" class="link" onClick={signOut}>
              退出
            </button>
          </nav>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {content}
      </main>
    </>
  );
}

function Page({ route, flash }: { route: Route; flash: string | undefined }) {
  switch (route.page) {
    case 'home':
      return (
        <>
          {flash && <Notice kind="success">{flash}</Notice>}
          <HomePage />
        </>
      );
    case 'new':
      return <EntryFormPage />;
    case 'import':
      return <ImportPage />;
    case 'entry':
      return <EntryPage registrationId={route.registrationId} flash={flash} />;
    case 'edit':
      return <EditPage registrationId={route.registrationId} />;
    default:
      return (
        <section>
          <h1>页面不存在</h1>
          <p>
            <a href="#/">返回首页</a>
          </p>
        </section>
      );
  }
}

function EditPage({ registrationId }: { registrationId: string }) {
  const { api } = useSession();
  const [loaded, setLoaded] = useState<Versioned | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    api
      .registration(registrationId)
      .then(setLoaded)
      .catch((error) => setProblem(error instanceof ApiError ? error.message : '报名载入失败'));
  }, [registrationId]);
  if (problem) return <Notice kind="error">{problem}</Notice>;
  if (!loaded) return <p role="status">正在载入…</p>;
  return <EntryFormPage existing={loaded} />;
}
