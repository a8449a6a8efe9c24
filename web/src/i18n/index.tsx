import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ConfigProvider, App as AntApp, theme } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import { ERRORS, type ErrorCode } from '@shared/platform/errors.ts';
import { zh, type MessageKey } from './zh.ts';
import { en } from './en.ts';
import { labelOf, optionsOf, type LabelGroup } from './labels.ts';

export type Lang = 'zh' | 'en';
export type { MessageKey };
export type TFunction = (key: MessageKey, vars?: Record<string, string | number>) => string;

const STORAGE_KEY = 'fangkong.lang';
const DICTS: Record<Lang, Record<MessageKey, string>> = { zh, en };

function readStoredLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

// The API client sends this as x-lang; kept outside React so non-component code can read it.
let currentLang: Lang = readStoredLang();
export function getLang(): Lang {
  return currentLang;
}

function applyLang(lang: Lang): void {
  currentLang = lang;
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}
applyLang(currentLang);

export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = DICTS[lang][key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
}

export function errorText(code: string, lang: Lang = currentLang): string {
  return code in ERRORS ? ERRORS[code as ErrorCode][lang] : translate(lang, 'error.unknown');
}

interface LangContextValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

const LangContext = createContext<LangContextValue>({ lang: currentLang, setLang: () => undefined });

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(currentLang);
  const setLang = useCallback((next: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    applyLang(next);
    setLangState(next);
  }, []);
  useEffect(() => {
    document.title = translate(lang, 'app.fullTitle');
  }, [lang]);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return (
    <LangContext.Provider value={value}>
      <ConfigProvider
        locale={lang === 'zh' ? zhCN : enUS}
        theme={{ algorithm: theme.defaultAlgorithm, token: { colorPrimary: '#c62828', borderRadius: 6 } }}
      >
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </LangContext.Provider>
  );
}

export function useLang(): LangContextValue {
  return useContext(LangContext);
}

export function useT(): TFunction {
  const { lang } = useLang();
  return useCallback<TFunction>((key, vars) => translate(lang, key, vars), [lang]);
}

/** Display names of code values (roles, statuses, kinds) in the current language. */
export function useLabels() {
  const { lang } = useLang();
  return useMemo(
    () => ({
      label: (group: LabelGroup, value: string | null | undefined) => labelOf(group, value, lang),
      options: (group: LabelGroup, only?: readonly string[]) => optionsOf(group, lang, only),
    }),
    [lang],
  );
}
