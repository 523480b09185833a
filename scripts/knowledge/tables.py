"""The binary layout of the knowledge tables, written here and read by
src/build/knowledge/tables.rs. All integers little-endian.

    vocabulary.bin  magic "QAKVOCAB" | version u16 (1) | entry count u32
                    | per entry, sorted by its UTF-8 bytes: length u8, the entry's bytes,
                      commonness u8 (wordfreq's Zipf frequency x 10, rounded), sources u8
                      (1 general English, 2 WordNet, 4 clinical, 8 phrase)
    neighbours.bin  magic "QAKNEIGH" | version u16 (1) | entry count u32
                    | per entry, in vocabulary order: count u8, then per neighbour, best
                      first: entry id u24, cosine u8 (round(255 x cosine))
    wordnet.bin     magic "QAKWNREL" | version u16 (1) | entry count u32
                    | per entry, in vocabulary order: count u8, then per relation: entry
                      id u24, kind u8 (KIND_*), the word's sense number u8, the other's
                      sense number u8 (WordNet orders senses from the most frequent; 99 when
                      unnumbered), cosine u8 (round(255 x max(cosine, 0)))
"""

import struct

VERSION = 1
KIND_SYNONYM, KIND_DERIVED, KIND_PERTAINYM, KIND_PARTICIPLE, KIND_SIMILAR, KIND_HYPERNYM, KIND_HYPONYM = range(1, 8)


def _header(magic, count):
    return magic + struct.pack("<HI", VERSION, count)


def _cosine_byte(cosine):
    return max(0, min(255, int(round(255 * max(cosine, 0.0)))))


def _id(entry):
    if not 0 <= entry < 1 << 24:
        raise ValueError("entry id out of range")
    return struct.pack("<I", entry)[:3]


def vocabulary_table(entries, commonness, sources):
    out = bytearray(_header(b"QAKVOCAB", len(entries)))
    previous = b""
    for entry, zipf, source in zip(entries, commonness, sources):
        raw = entry.encode("utf-8")
        if raw <= previous or len(raw) > 255:
            raise ValueError(f"entries must be sorted, unique and short: {entry!r}")
        previous = raw
        out += bytes([len(raw)]) + raw + bytes([int(round(zipf * 10)), source])
    return bytes(out)


def neighbour_table(count, neighbours):
    out = bytearray(_header(b"QAKNEIGH", count))
    for entry in range(count):
        rows = neighbours.get(entry, [])
        out.append(len(rows))
        for other, cosine in rows:
            out += _id(other) + bytes([_cosine_byte(cosine)])
    return bytes(out)


def wordnet_table(count, relations):
    out = bytearray(_header(b"QAKWNREL", count))
    for entry in range(count):
        rows = relations.get(entry, [])
        out.append(len(rows))
        for other, kind, sense, other_sense, cosine in rows:
            out += _id(other) + bytes([kind, sense, other_sense, _cosine_byte(cosine)])
    return bytes(out)
