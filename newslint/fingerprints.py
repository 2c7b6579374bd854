"""Corpus fingerprints: how many documents of a run hold each line, counted in a first pass.

Rules that judge a line by the corpus around it (NL305, template lines) set ``corpus_pass`` and
give :meth:`Rule.fingerprints` (the keys of one document). The first pass parses every input and
counts, per key, the documents that hold it: 64-bit hashes, never text, so memory stays bounded
by the number of distinct lines, not their length. Counting is a sum, so the table is the same
with ``--jobs 1`` and ``--jobs N``. A table can be written (``--write-fingerprints``) and read
back (``--fingerprints``) so a single-article run can use what a corpus run learned.
"""
from __future__ import annotations

from typing import Iterable

MAGIC = b"NEWSLINT-FINGERPRINTS 1\n"


def key_of(*parts: str) -> int:
    """A 64-bit key for a scope and a normalised line."""
    import hashlib  # here, not at import: OpenSSL's loading is a cost of every run, and only NL305 needs it

    data = "\0".join(parts).encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


class FingerprintTable:
    """Document counts per key."""

    def __init__(self, counts: dict[int, int] | None = None, documents: int = 0):
        self.counts: dict[int, int] = counts if counts is not None else {}
        self.documents = documents

    def add(self, keys: Iterable[int]) -> None:
        """Count one document's keys (each once, however often the document repeats it)."""
        counts = self.counts
        for key in set(keys):
            counts[key] = counts.get(key, 0) + 1
        self.documents += 1

    def merge(self, other: "FingerprintTable") -> None:
        counts = self.counts
        for key, n in other.counts.items():
            counts[key] = counts.get(key, 0) + n
        self.documents += other.documents

    def get(self, key: int) -> int:
        return self.counts.get(key, 0)

    def __len__(self) -> int:
        return len(self.counts)

    def write(self, path: str, keep_from: int = 2) -> None:
        """Keys held by at least ``keep_from`` documents, sorted, as packed integers."""
        import os
        import json
        from array import array  # fingerprint files only: not on every run's import path

        kept = sorted((k, n) for k, n in self.counts.items() if n >= keep_from)
        keys, counts = array("Q", (k for k, _ in kept)), array("I", (min(n, 2**32 - 1) for _, n in kept))
        header = json.dumps({"documents": self.documents, "keys": len(kept)}).encode() + b"\n"
        import tempfile

        # an exclusive temporary (O_EXCL, no link followed) beside the target, removed on failure
        fd, tmp = tempfile.mkstemp(prefix=os.path.basename(path) + ".", suffix=".newslint-tmp",
                                   dir=os.path.dirname(os.path.abspath(path)))
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(MAGIC + header)
                keys.tofile(fh)
                counts.tofile(fh)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise

    @classmethod
    def read(cls, path: str) -> "FingerprintTable":
        import json
        from array import array

        from .errors import UsageError

        try:
            with open(path, "rb") as fh:
                if fh.read(len(MAGIC)) != MAGIC:
                    raise UsageError(f"{path}: not a newslint fingerprint file (write one with --write-fingerprints)")
                header = json.loads(fh.readline())
                keys, counts = array("Q"), array("I")
                keys.fromfile(fh, header["keys"])
                counts.fromfile(fh, header["keys"])
        except (OSError, ValueError, EOFError, KeyError) as exc:
            raise UsageError(f"{path}: cannot read fingerprints: {exc}") from None
        return cls(dict(zip(keys, counts)), header["documents"])


def prepare_corpus(args, linter, paths: list[str], config, jobs: int) -> None:
    """Give the linter the counts its corpus rules need: from ``--fingerprints FILE``, or from a
    first pass over this run (a run of one document has no corpus); ``--write-fingerprints``."""
    from .errors import UsageError
    from .runner import count_pass

    read_from, write_to = getattr(args, "fingerprints", None), getattr(args, "write_fingerprints", None)
    if not linter.corpus_rules:
        if read_from or write_to:
            raise UsageError("--fingerprints and --write-fingerprints need a corpus rule: enable NL305 "
                             "(--extend-select NL305)")
        return
    if read_from:
        linter.corpus = FingerprintTable.read(read_from)
        return
    if "-" in paths:
        return
    table = count_pass(paths, config, jobs, linter)
    if write_to:
        table.write(write_to)
    linter.corpus = table if table.documents > 1 else None
