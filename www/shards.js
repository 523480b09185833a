// Fetching the shards of a sharded index: only those a question needs, all at once, each once.
// The engine (Rust, in the wasm) says which it lacks and checks what it is given; this module
// only fetches, relative to the root's URL, and keeps nothing but what it hands to the engine.

/**
 * A loader for one engine's shards. `base` is the root's URL (shard files are beside it);
 * `fetchFn` is the fetch to use. `load(numbers)` resolves once every shard is in the engine, or
 * rejects with a QaWidgetError: "shard-unavailable" (not downloadable) or "corrupt" (not the
 * shard the root names). A failed shard is fetched again by the next question that needs it.
 */
export function shardLoader(engine, base, fetchFn, coded) {
  const inFlight = new Map(); // shard number → Promise, while it downloads

  function fetchShard(shard) {
    const name = engine.shardFile(shard);
    const job = (async () => {
      let url;
      try {
        url = new URL(name, base);
      } catch {
        throw coded(`this index is sharded and its part ${name} is needed, but there is no URL to fetch it from: pass load(bytes, { base: rootUrl })`, 'shard-unavailable');
      }
      const where = url.href;
      let response;
      try {
        response = await fetchFn(where);
      } catch (cause) {
        throw coded(`could not download part of the index (${where}): ${cause.message}`, 'shard-unavailable');
      }
      if (!response.ok) throw coded(`could not download part of the index (${where}): HTTP ${response.status}`, 'shard-unavailable');
      const bytes = new Uint8Array(await response.arrayBuffer());
      try {
        engine.addShard(shard, bytes);
      } catch (error) {
        throw coded(`part of the index (${where}) is damaged or from another build: ${error.message}`, 'corrupt');
      }
    })();
    inFlight.set(shard, job);
    job.then(() => inFlight.delete(shard), () => inFlight.delete(shard));
    return job;
  }

  return {
    load: (shards) => Promise.all(shards.map((shard) => inFlight.get(shard) ?? fetchShard(shard))),
  };
}
