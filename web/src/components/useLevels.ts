import { useCallback, useEffect, useState } from 'react';
import { jurisdictionApi, type JurisdictionLevel } from '../api/jurisdiction.ts';
import { useLang } from '../i18n/index.tsx';

// Levels are data (a deployment may add 片区 or 网格); read them once per page load and share.
let cached: Promise<JurisdictionLevel[]> | null = null;
function loadLevels(): Promise<JurisdictionLevel[]> {
  cached ??= jurisdictionApi.levels().then((l) => [...l].sort((a, b) => a.rank - b.rank)).catch((e: unknown) => {
    cached = null;
    throw e;
  });
  return cached;
}

export function useLevels() {
  const { lang } = useLang();
  const [levels, setLevels] = useState<JurisdictionLevel[]>([]);
  useEffect(() => {
    let alive = true;
    loadLevels()
      .then((l) => alive && setLevels(l))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, []);
  const levelName = useCallback(
    (code: string) => {
      const level = levels.find((l) => l.code === code);
      return level ? (lang === 'zh' ? level.nameZh : level.nameEn) : code;
    },
    [levels, lang],
  );
  const rankOf = useCallback((code: string) => levels.find((l) => l.code === code)?.rank ?? 0, [levels]);
  return { levels, levelName, rankOf };
}

/** A stable colour per level, so 社区 and 小区 read differently at a glance in the tree. */
const LEVEL_COLORS = ['magenta', 'red', 'volcano', 'orange', 'gold', 'green', 'cyan', 'blue', 'geekblue', 'purple'];
export function levelColor(rank: number): string {
  return LEVEL_COLORS[Math.floor(rank / 10) % LEVEL_COLORS.length];
}
