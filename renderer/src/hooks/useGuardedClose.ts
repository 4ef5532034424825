import { useEffect } from 'react';
import { App } from 'antd';
import { useI18n } from '../i18n/context';
import { escapeWasForPopup, watchEscape } from '../lib/escape';

/**
 * Closing something that holds unsaved work: an Escape meant for a dropdown does nothing, a
 * clean form closes, a dirty one asks, with the focus on "keep editing" so that Enter (or
 * Escape again) keeps the work and only a deliberate click on "discard" throws it away.
 */
export function useGuardedClose() {
  const { t } = useI18n();
  const { modal } = App.useApp();
  useEffect(watchEscape, []);
  return (event: unknown, dirty: boolean, close: () => void) => {
    if (escapeWasForPopup(event)) return;
    if (!dirty) return close();
    modal.confirm({
      title: t('form.discardTitle'),
      content: t('form.discardText'),
      okText: t('form.discard'),
      cancelText: t('form.keepEditing'),
      autoFocusButton: 'cancel',
      okButtonProps: { danger: true, ...({ 'data-testid': 'discard-confirm' } as Record<string, string>) },
      cancelButtonProps: { ...({ 'data-testid': 'keep-editing' } as Record<string, string>) },
      onOk: close,
    });
  };
}
