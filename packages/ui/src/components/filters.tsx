/** Filter controls that read and write the URL query string. */
import { useEffect, useState } from 'preact/hooks';
import type { QueryState } from '../hooks/use-query-state';

export interface TextFilterProps {
  query: QueryState;
  name: string;
  placeholder: string;
  label: string;
  /** Other parameters cleared when this one changes (pagination). */
  resets?: string[];
  wide?: boolean;
}

/** A text box that updates the URL after a short pause in typing. */
export function TextFilter(props: TextFilterProps) {
  const current = props.query.get(props.name) ?? '';
  const [value, setValue] = useState(current);
  useEffect(() => setValue(current), [current]);
  useEffect(() => {
    if (value === current) return;
    const timer = setTimeout(() => {
      const patch: Record<string, string | undefined> = { [props.name]: value.trim() };
      for (const name of props.resets ?? []) patch[name] = undefined;
      props.query.set(patch, { replace: true });
    }, 300);
    return () => clearTimeout(timer);
  }, [value]);
  return (
    <label class={`filter${props.wide ? ' filter-wide' : ''}`}>
      <span class="filter-label">{props.label}</span>
      <span class="filter-input">
        <input
          type="search"
          name={props.name}
          value={value}
          placeholder={props.placeholder}
          onInput={(event) => setValue(event.currentTarget.value)}
          spellcheck={false}
          autocomplete="off"
        />
      </span>
    </label>
  );
}

export interface SelectFilterProps {
  query: QueryState;
  name: string;
  label: string;
  options: Array<{ value: string; label: string }>;
  resets?: string[];
}

export function SelectFilter(props: SelectFilterProps) {
  const current = props.query.get(props.name) ?? '';
  const options = props.options.some((option) => option.value === current)
    ? props.options
    : [...props.options, { value: current, label: current }];
  return (
    <label class="filter">
      <span class="filter-label">{props.label}</span>
      <select
        name={props.name}
        value={current}
        onChange={(event) => {
          const patch: Record<string, string | undefined> = {
            [props.name]: event.currentTarget.value,
          };
          for (const name of props.resets ?? []) patch[name] = undefined;
          props.query.set(patch);
        }}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
