#!/usr/bin/env bash
# Seeds for each fuzz target, from the repository's fixtures, in target/fuzz-seeds/<target>/:
# the pages of the demo corpus, the ingestion fixtures and the question bank's sites; indexes
# built from them by the current builder (so they are always of the current format) and the
# frozen format fixtures; the questions of the question sets. Usage: fuzz/seeds.sh CLI [SHARED]
set -euo pipefail
cli=$1
shared=${2:-../shared}
out=target/fuzz-seeds
rm -rf "$out"
for target in decode_index add_shard ask read_text read_markdown read_html read_jsonl read_manifest; do mkdir -p "$out/$target"; done

copy() { # target, files…
  local target=$1; shift
  for file in "$@"; do [ -f "$file" ] && cp "$file" "$out/$target/$(echo "$file" | tr / _)"; done
  return 0
}
shopt -s nullglob globstar
copy read_text corpus/demo/*.txt tests/fixtures/ingest/**/*.txt
copy read_markdown tests/bank/sites/**/*.md tests/fixtures/ingest/**/*.md
copy read_html tests/bank/sites/**/*.html tests/fixtures/ingest/**/*.html tests/fixtures/web/**/*.html
copy read_jsonl tests/fixtures/**/*.jsonl
copy read_manifest corpus/demo/manifest.json tests/fixtures/ingest/**/manifest.json
copy decode_index tests/fixtures/*.idx tests/fixtures/**/*.idx

# Indexes of the current format: the demo corpus and each site of the question bank.
"$cli" build corpus/demo -o "$out/decode_index/demo.idx" --quiet >/dev/null
for site in tests/bank/sites/*/; do
  "$cli" build "$site" -o "$out/decode_index/$(basename "$site").idx" --quiet >/dev/null
done

# The shards of the demo corpus's index sharded as the add_shard target shards it
# (fuzz/src/lib.rs, sharded_demo), each after its number as one byte: the number is in the
# shard's header, the first section (its offset at byte 24, the number after the kind byte).
shards=$(mktemp -d)
"$cli" build corpus/demo -o "$shards/demo.idx" --shards always --postings-shard-kb 4 --texts-shard-kb 8 --quiet >/dev/null
for shard in "$shards"/demo.*.idx; do
  header=$(od -An -tu4 -j24 -N4 "$shard")
  number=$(od -An -tu1 -j$((header + 1)) -N1 "$shard")
  { printf "\\$(printf %o "$number")"; cat "$shard"; } > "$out/add_shard/$(basename "$shard")"
done
rm -rf "$shards"

# One question per file: the CLI's sample questions, the bank's tune questions, the dev set.
n=0
while IFS= read -r question; do
  [ -n "$question" ] && printf '%s' "$question" > "$out/ask/q$((n += 1))"
done < <(cat tests/fixtures/questions.txt
         sed -n 's/.*"q": *"\([^"]*\)".*/\1/p' tests/bank/tune/*.jsonl "$shared/eval/dev.jsonl" 2>/dev/null)
echo "seeds: $(for d in "$out"/*/; do printf '%s %s, ' "$(basename "$d")" "$(ls "$d" | wc -l)"; done)"
