import { useCallback } from 'react';
import { App } from 'antd';
import { ApiError } from '../api/client.ts';
import { detailText } from './ApiErrorAlert.tsx';
import { errorMessage } from './errorMessage.ts';

/** Shows a failed action as a toast, or as a dialog when the server listed details (e.g. what still depends on a record). */
export function useReportError() {
  const { message, modal } = App.useApp();
  return useCallback(
    (error: unknown, title?: string) => {
      if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') return;
      if (error instanceof ApiError && error.details.length > 0) {
        modal.error({
          title: title ?? error.message,
          content: (
            <div data-testid="error-details">
              {title && <p>{error.message}</p>}
              <ul style={{ paddingInlineStart: 18, margin: 0 }}>
                {error.details.slice(0, 30).map((d, i) => (
                  <li key={i}>{detailText(d)}</li>
                ))}
              </ul>
            </div>
          ),
        });
        return;
      }
      void message.error(title ? `${title}：${errorMessage(error)}` : errorMessage(error));
    },
    [message, modal],
  );
}
