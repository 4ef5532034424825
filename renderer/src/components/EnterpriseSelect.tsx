import { useEffect, useMemo, useRef, useState } from 'react';
import { Select, Spin } from 'antd';
import { api } from '../api';
import { useI18n } from '../i18n/context';
import { inParens } from '../lib/text';

interface Found {
  id: string;
  name: string;
  uscc?: string | null;
}

/**
 * Picks enterprises from the register by name or credit code, searching as the user types
 * (two characters are enough). `known` gives labels for ids already chosen.
 */
export function EnterpriseSelect(props: {
  value?: string | string[];
  onChange?: (v: string | string[]) => void;
  multiple?: boolean;
  known?: { id: string; name: string; uscc?: string | null }[];
  id?: string;
  'data-testid'?: string;
}) {
  const { t, language } = useI18n();
  const [found, setFound] = useState<Found[]>([]);
  const [searching, setSearching] = useState(false);
  const seq = useRef(0);
  const label = (e: Found) => (e.uscc ? `${e.name}${inParens(e.uscc, language)}` : e.name);
  const knownOptions = useMemo(() => (props.known ?? []).map((e) => ({ value: e.id, label: e.uscc ? `${e.name}${inParens(e.uscc, language)}` : e.name })), [props.known, language]);
  const options = found.map((e) => ({ value: e.id, label: label(e) }));

  async function search(q: string) {
    const n = ++seq.current;
    setSearching(true);
    try {
      const page = await api['enterprises.list']({ q: q || undefined, limit: 30 });
      if (n === seq.current) setFound(page.rows);
    } finally {
      if (n === seq.current) setSearching(false);
    }
  }

  useEffect(() => {
    void search('');
  }, []);

  const merged = [...knownOptions, ...options.filter((o) => !knownOptions.some((k) => k.value === o.value))];
  return (
    <Select
      id={props.id}
      data-testid={props['data-testid']}
      mode={props.multiple ? 'multiple' : undefined}
      showSearch={{ filterOption: false, onSearch: (q) => void search(q) }}
      value={props.value}
      onChange={(v) => props.onChange?.(v)}
      options={merged}
      placeholder={t('enterprise.pickPlaceholder')}
      notFoundContent={searching ? <Spin size="small" /> : t('common.noMatch')}
      allowClear
      style={{ width: '100%' }}
    />
  );
}
