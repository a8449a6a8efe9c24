import { z } from 'zod';
import { FIELD_MESSAGES } from '@shared/platform/validation.ts';
import { getLang, type Lang } from './index.tsx';

// Kept apart from i18n/index.tsx so zod (and the shared schemas) load with the first form, not with the login page.
let zodLang: Lang | null = null;

/** Zod's own messages ("too long", "invalid date") follow the UI language. */
export function syncZodLocale(): void {
  const lang = getLang();
  if (zodLang === lang) return;
  z.config(lang === 'zh' ? z.locales.zhCN() : z.locales.en());
  zodLang = lang;
}

/** A message key from a shared schema (FIELD_MESSAGES) in the user's language; other text passes through. */
export function fieldText(message: string, lang: Lang = getLang()): string {
  return FIELD_MESSAGES[message]?.[lang] ?? message;
}
