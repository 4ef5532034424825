import { App } from 'antd';
import { useI18n } from '../i18n/context';
import { errorText } from '../lib/errors';
import { useUi } from '../state/ui';

/** Open a record for editing and soft-delete it from a list, with the messages users expect. */
export function useRecordActions<R>(get: (id: string) => Promise<R>, del: (id: string) => Promise<unknown>, onOpen: (record: R) => void) {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const changed = useUi((s) => s.changed);
  return {
    open: async (id: string) => {
      try {
        onOpen(await get(id));
      } catch (e) {
        void message.error(errorText(e, language));
      }
    },
    remove: async (id: string) => {
      try {
        await del(id);
        void message.success(t('common.deletedUndo'));
        changed();
      } catch (e) {
        void message.error(errorText(e, language));
      }
    },
  };
}
