import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useLang, useT } from '../i18n/index.tsx';

/** One tap toggles 中文 ⇄ English; the choice is kept in localStorage. */
export function LangSwitch({ ghost }: { ghost?: boolean }) {
  const { lang, setLang } = useLang();
  const t = useT();
  return (
    <Button
      type={ghost ? 'text' : 'default'}
      icon={<GlobalOutlined />}
      data-testid="lang-switch"
      aria-label={t('lang.switch')}
      onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
      style={ghost ? { color: 'inherit' } : undefined}
    >
      {t('lang.switch')}
    </Button>
  );
}
