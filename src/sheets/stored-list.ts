/** A plain object (not null, not an array): the shape every stored record starts from. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Reads the list `raw[key]` from storage record by record. Nothing stored is an empty list;
 * a corrupt value is an empty list with a warning; `read` turns one record into an item, or
 * returns why it is dropped (warned).
 */
export function readStoredList<T>(
  raw: unknown,
  key: string,
  what: string,
  read: (record: unknown) => T | { drop: string },
  warn: (message: string) => void,
): T[] {
  if (raw === null || raw === undefined) return [];
  const list = isObject(raw) ? raw[key] : undefined;
  if (!Array.isArray(list)) {
    warn(`Contexto: stored ${what} are corrupt; using none`);
    return [];
  }
  const items: T[] = [];
  for (const record of list) {
    const item = read(record);
    if (isObject(item) && typeof item.drop === 'string') warn(`Contexto: dropping ${item.drop}`);
    else items.push(item as T);
  }
  return items;
}
