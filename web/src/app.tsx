/**
 * The units' web app: sign in with the unit's access key, then the home page, the entry form and the entry
 * pages, routed by the URL's hash (the server serves one page; `#/entries/<id>` survives a refresh).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Versioned } from './api.ts';
import { type Api, ApiError, createApi } from './api.ts';
import { type Session, SessionContext, useSession } from './context.ts';
import { Notice } from './fields.tsx';
import { EntryPage } from './pages/entry.tsx';
import { EntryFormPage } from './pages/entry-form.tsx';
import { HomePage } from './pages/home.tsx';
import { SignInPage } from './pages/sign-in.tsx';
import { session as keyStore } from './storage.ts';

export type Route =
  | { page: 'home' }
  | { page: 'new' }
  | { page: 'entry'; registrationId: string }
  | { page: 'edit'; registrationId: string }
  | { page: 'missing' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/') return { page: 'home' };
  if (path === '/new') return { page: 'new' };
  const entry = /^\/entries\/([\w-]+)(\/edit)?$/.exec(path);
  if (entry) return { page: entry[2] ? 'edit' : 'entry', registrationId: entry[1]! };
  return { page: 'missing' };
}

const titles: Record<Route['page'], string> = {
  home: '首页',
  new: '新增报名',
  entry: '报名详情',
  edit: '修改报名',
  missing: '页面不存在',
};

interface Props {
  competitionId?: string;
  apiFor?: (key: string) => Api;
}

type Phase =
  | { kind: 'signed-out'; message?: string }
  | { kind: 'loading' }
  | { kind: 'ready'; data: Omit<Session, 'navigate' | 'signOut'> };

export function App({ competitionId = 'bayu-2023', apiFor = (key) => createApi(key) }: Props) {
  const [phase, setPhase] = useState<Phase>(() =>
    keyStore.get() ? { kind: 'loading' } : { kind: 'signed-out' },
  );
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  const [flash, setFlash] = useState<string | undefined>();

  useEffect(() => {
    const onHash = () => {
      setRoute(parseRoute(location.hash));
      // A new page: keyboard and screen-reader users start at its content, as after a page load.
      document.getElementById('main')?.focus();
      window.scrollTo?.(0, 0);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  /** Checks the key against the API and loads what every page needs; a message when it fails. */
  const open = async (key: string): Promise<string | null> => {
    const api = apiFor(key);
    try {
      const [unit, edition, overrides] = await Promise.all([
        api.ownUnit(),
        api.competition(competitionId),
        api.overrides(competitionId),
      ]);
      keyStore.set(key);
      setPhase({ kind: 'ready', data: { api, unit, edition, overrides } });
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
    document.title = `${phase.kind === 'ready' ? titles[route.page] : '登录'} - “巴渝工匠”杯报名系统`;
  }, [route, phase.kind]);

  const signOut = () => {
    keyStore.clear();
    setPhase({ kind: 'signed-out', message: '已退出登录' });
  };

  let content: ComponentChildren;
  if (phase.kind === 'signed-out') content = <SignInPage onSignIn={open} message={phase.message ?? null} />;
  else if (phase.kind === 'loading') content = <p role="status">正在载入…</p>;
  else {
    const session: Session = {
      ...phase.data,
      signOut,
      navigate(hash, message) {
        setFlash(message);
        if (location.hash === hash) setRoute(parseRoute(hash));
        else location.hash = hash;
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
        {phase.kind === 'ready' && (
          <nav aria-label="账户">
            <span class="unit-name">{phase.data.unit.name}</span>
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
