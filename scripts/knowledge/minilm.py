"""all-MiniLM-L6-v2 run forward in plain numpy, float32, from its safetensors weights.

The model is a 6-layer BERT (384 wide, 12 heads) followed by mean pooling, as its
sentence-transformers configuration says. PyTorch would be a 2 GB install for a job this
small; the forward pass is a dozen matrix products, written out here so that the only
dependencies are numpy, safetensors and tokenizers.
"""

import math

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer


class MiniLM:
    def __init__(self, model_dir):
        self.weights = load_file(f"{model_dir}/model.safetensors")
        self.tokenizer = Tokenizer.from_file(f"{model_dir}/tokenizer.json")
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        self.layers = 1 + max(int(k.split(".")[2]) for k in self.weights if k.startswith("encoder.layer."))
        self.heads = 12

    def ids(self, text):
        """Token ids with [CLS] and [SEP], as the model saw every sentence in training."""
        return self.tokenizer.encode(text).ids

    def _w(self, name):
        return self.weights[name]

    def _layer_norm(self, x, prefix):
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + 1e-12) * self._w(prefix + ".weight") + self._w(prefix + ".bias")

    def _dense(self, x, prefix):
        # As one 2-D product: numpy runs a 3-D one as many small ones.
        flat = x.reshape(-1, x.shape[-1]) @ self._w(prefix + ".weight").T + self._w(prefix + ".bias")
        return flat.reshape(*x.shape[:-1], -1)

    def forward(self, batch_ids):
        """Mean-pooled last hidden states (the model's own pooling, before normalising)."""
        lengths = np.array([len(ids) for ids in batch_ids])
        width = int(lengths.max())
        ids = np.zeros((len(batch_ids), width), dtype=np.int64)
        for row, seq in enumerate(batch_ids):
            ids[row, : len(seq)] = seq
        mask = (np.arange(width)[None, :] < lengths[:, None]).astype(np.float32)
        x = (
            self._w("embeddings.word_embeddings.weight")[ids]
            + self._w("embeddings.position_embeddings.weight")[:width][None]
            + self._w("embeddings.token_type_embeddings.weight")[0][None, None]
        )
        x = self._layer_norm(x, "embeddings.LayerNorm")
        batch, hidden = x.shape[0], x.shape[2]
        head_dim = hidden // self.heads
        bias = (1.0 - mask)[:, None, None, :] * np.float32(-1e9)
        for layer in range(self.layers):
            p = f"encoder.layer.{layer}"

            def heads(t):
                return t.reshape(batch, width, self.heads, head_dim).transpose(0, 2, 1, 3)

            q = heads(self._dense(x, p + ".attention.self.query"))
            k = heads(self._dense(x, p + ".attention.self.key"))
            v = heads(self._dense(x, p + ".attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.float32(math.sqrt(head_dim)) + bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, width, hidden)
            x = self._layer_norm(x + self._dense(context, p + ".attention.output.dense"), p + ".attention.output.LayerNorm")
            inner = self._dense(x, p + ".intermediate.dense")
            inner = 0.5 * inner * (1.0 + _erf(inner / np.float32(math.sqrt(2.0))))
            x = self._layer_norm(x + self._dense(inner, p + ".output.dense"), p + ".output.LayerNorm")
        pooled = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled.astype(np.float32)

    def embed(self, texts, batch_size=512):
        """One vector per text, in order. Texts are batched by token length (less padding)."""
        all_ids = [self.ids(t) for t in texts]
        order = sorted(range(len(texts)), key=lambda i: (len(all_ids[i]), i))
        out = np.zeros((len(texts), self._w("embeddings.word_embeddings.weight").shape[1]), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            out[chunk] = self.forward([all_ids[i] for i in chunk])
        return out


def _erf(x):
    """The exact GELU needs erf; numpy has none. Abramowitz-Stegun 7.1.26 is off by at most
    1.5e-7, below float32's own rounding at these magnitudes."""
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return (sign * (1.0 - poly * np.exp(-a * a))).astype(np.float32)
