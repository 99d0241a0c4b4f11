import styles from './policies.module.css';
import type { Policy } from './policy-types';

/** Two version selects (any policies) submitting to the diff page: a plain GET form. */
export function VersionPicker({
  policies,
  from,
  to,
}: {
  policies: Policy[];
  from: string | undefined;
  to: string | undefined;
}) {
  const options = policies.map((p) => (
    <optgroup key={p.id} label={p.name}>
      {p.versions.map((v) => (
        <option key={v.id} value={v.id}>
          {p.name} v{v.version} (τ {v.tau.toFixed(2)})
        </option>
      ))}
    </optgroup>
  ));
  return (
    <form action="/policies/diff" className={styles.picker} aria-label="Compare versions">
      <label>
        From version
        <select name="from" defaultValue={from}>
          {options}
        </select>
      </label>
      <label>
        To version
        <select name="to" defaultValue={to}>
          {options}
        </select>
      </label>
      <button type="submit">Compare</button>
    </form>
  );
}
