import { Component, type ReactNode } from 'react';
import { Button, Result } from 'antd';
import { getLang, translate } from '../i18n/index.tsx';

/** Keeps a broken page (or a chunk that failed to load after a deploy) from blanking the whole app. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    const lang = getLang();
    return (
      <Result
        status="warning"
        title={translate(lang, 'error.boundary')}
        subTitle={this.state.error.message}
        extra={<Button onClick={() => window.location.reload()}>{translate(lang, 'common.retry')}</Button>}
      />
    );
  }
}
