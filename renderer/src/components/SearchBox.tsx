import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Input } from 'antd';

const DEBOUNCE_MS = 300;

/**
 * A list's search box: the list follows as the user types (after a pause of 300 ms, so a name
 * typed quickly is one query, not ten), Enter searches at once. IME composition (pinyin being
 * typed) is not searched until a character is chosen.
 */
export function SearchBox(props: { placeholder: string; onSearch: (q: string) => void; width?: number; 'data-testid'?: string }) {
  const [text, setText] = useState('');
  const composing = useRef(false);
  const onSearch = useRef(props.onSearch);
  useLayoutEffect(() => {
    onSearch.current = props.onSearch;
  });
  useEffect(() => {
    if (composing.current) return;
    const timer = window.setTimeout(() => onSearch.current(text), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text]);
  return (
    <Input.Search
      allowClear
      maxLength={100}
      placeholder={props.placeholder}
      title={props.placeholder}
      style={{ width: props.width ?? 280 }}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onCompositionStart={() => (composing.current = true)}
      onCompositionEnd={(e) => {
        composing.current = false;
        setText((e.target as HTMLInputElement).value);
      }}
      onSearch={(v) => props.onSearch(v)}
      data-testid={props['data-testid']}
    />
  );
}
