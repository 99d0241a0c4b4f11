/**
 * A table's header row: one column header a name, in order. A name given as `null` or `false` (a
 * column the caller may not see, e.g. `canEdit ? 'Delete' : null`) is left out.
 */
export function TableHead({ columns }: { columns: readonly (string | null | false)[] }) {
  return (
    <thead>
      <tr>
        {columns.map((name) =>
          name ? (
            <th scope="col" key={name}>
              {name}
            </th>
          ) : null,
        )}
      </tr>
    </thead>
  );
}
