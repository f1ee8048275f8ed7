import type pg from 'pg';

/** How many statements each connection keeps prepared; the least recently used go first. */
export const PREPARED_PER_CONNECTION = 200;

type Query = (...args: unknown[]) => unknown;

/** The driver's record of the statements a connection has parsed (not in its types). */
const parsedStatements = (client: pg.ClientBase) =>
  (client as unknown as { connection?: { parsedStatements?: Record<string, string> } }).connection
    ?.parsedStatements;

/**
 * Makes a pooled connection prepare the parameterised statements it runs: each text is
 * parsed, analysed and (once PostgreSQL settles on a generic plan) planned once per
 * connection instead of at every execution, which for the short statements of a request was
 * more than half of the server's time. The driver prepares a query given a name; the name
 * here is the text's, kept in a per-connection LRU. Texts that vary with their arguments
 * (an `in` list of n items) would otherwise pile up for the connection's life, so past
 * `capacity` the least recently used statement is deallocated on the server and forgotten
 * by the driver. Names are never reused, so an evicted name cannot be confused with a later
 * text. Queries without parameters (scripts, migrations) run as before.
 */
export function prepareStatements(client: pg.ClientBase, capacity = PREPARED_PER_CONNECTION) {
  const query = client.query.bind(client) as Query;
  const names = new Map<string, string>();
  let next = 0;
  const nameOf = (text: string) => {
    const known = names.get(text);
    if (known !== undefined) {
      names.delete(text);
      names.set(text, known);
      return known;
    }
    if (names.size >= capacity) evictOldest();
    const name = `xinyi_${next++}`;
    names.set(text, name);
    return name;
  };
  const evictOldest = () => {
    const [text, name] = names.entries().next().value as [string, string];
    names.delete(text);
    const parsed = parsedStatements(client);
    // Only a statement the server has prepared can be deallocated; one whose parse failed
    // never existed there.
    if (parsed?.[name] === undefined) return;
    delete parsed[name];
    // Queued before the query that evicts it, on the same connection. Deallocation is not
    // transactional; in a transaction that has already failed it is refused and the
    // statement lives on until the connection closes, which is harmless.
    void (query(`deallocate "${name}"`) as Promise<unknown>).catch(() => undefined);
  };
  (client as unknown as { query: Query }).query = (...args: unknown[]) => {
    const [text, values, ...rest] = args;
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0 && rest.length === 0)
      return query({ name: nameOf(text), text, values });
    return query(...args);
  };
}
