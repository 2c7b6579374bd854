"""The lint flow: file -> decode -> parse -> check -> select -> suppress -> diagnostics."""
from __future__ import annotations

import fnmatch
import os
import re
import sys
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Sequence

from .config import Config, find_config, load_config
from .diagnostics import Diagnostic
from .document import Document
from .errors import ConfigError, InputError
from .parsers import format_of
from .plugins import Registry, load_registry
from .rules import MIN_CONFIDENCE, Rule, RuleContext
from .selection import check_selectors, code_matches_any, ignored_for_path, is_enabled

MAX_FILE_BYTES = 256 * 1024 * 1024
#: Past this many characters a text, Markdown or HTML file is checked only up to a line end
#: before the limit (with a warning): no article is this long, and time must stay bounded.
MAX_CHECK_CHARS = 2_000_000
#: JSON Lines files larger than this are read and linted in chunks of whole lines, so memory
#: stays bounded whatever the corpus size, and the chunks spread over the worker processes.
STREAM_JSONL_BYTES = 4 * 1024 * 1024
CHUNK_BYTES = 512 * 1024


@dataclass
class FileResult:
    """What linting one input produced: findings, plus problems that stopped part of the work."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # unusable input: exit code 2
    crashes: list[str] = field(default_factory=list)  # a rule raised: exit code 2
    warnings: list[str] = field(default_factory=list)  # noted on stderr, exit code unaffected
    source: str | None = None  # the decoded text, kept only when a reporter asks for it


@dataclass
class CompiledRule:
    rule: Rule
    cls: type[Rule]
    options: dict[str, Any]
    severity: str


# -- decoding ------------------------------------------------------------------------------------
def decode(path: str, data: bytes) -> str:
    """Decode a file: UTF-8 (BOM optional) or UTF-16 with a BOM; line ends normalised to LF.

    Anything else (binary data, NUL bytes, invalid UTF-8 such as Latin-1) is an InputError: the
    file is reported and skipped, never guessed at, so positions are never silently wrong.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        encoding = "utf-8"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
        if b"\x00" in data[:8192] or b"\x00" in data:
            raise InputError(path, "binary file (contains NUL bytes); skipped")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            path, f"not valid {encoding.upper()} (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "newslint reads UTF-8 or UTF-16 with a BOM; file skipped", line) from None
    if encoding == "utf-16":
        text = text.lstrip("\ufeff")
        if "\x00" in text:
            raise InputError(path, "binary file (contains NUL characters); skipped")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


# -- suppression comments ------------------------------------------------------------------------
_SUPPRESS_RE = re.compile(r"<!--\s*newslint:\s*(disable-next-line|disable|enable)\b([^>]*?)-->")


def suppressions(source: str) -> list[tuple[int, str, set[str]]] | None:
    """``(line, action, codes)`` for each ``<!-- newslint: ... -->`` comment; empty codes = all."""
    if "newslint:" not in source:
        return None
    out = []
    for m in _SUPPRESS_RE.finditer(source):
        line = source.count("\n", 0, m.start()) + 1
        codes = {c for c in re.split(r"[\s,]+", m.group(2).strip()) if c}
        out.append((line, m.group(1), codes))
    return out


def is_suppressed(diag: Diagnostic, marks: list[tuple[int, str, set[str]]]) -> bool:
    """Whether the comments before ``diag`` (or one on the line just above it) switch it off."""
    everything = False
    disabled: set[str] = set()
    for line, action, codes in marks:
        if action == "disable-next-line":
            if line == diag.line - 1 and (not codes or code_matches_any(diag.code, codes)):
                return True
            continue
        if line > diag.line:
            break
        if action == "disable":
            everything = everything or not codes
            disabled |= codes
        elif codes:
            disabled -= codes
        else:
            everything, disabled = False, set()
    return everything or code_matches_any(diag.code, disabled)


# -- the linter ----------------------------------------------------------------------------------
class Linter:
    """Rules compiled once for a config; lints any number of files or strings."""

    def __init__(self, config: Config | None = None, registry: Registry | None = None, keep_source: bool = False):
        self.config = config or Config()
        self.keep_source = keep_source
        self.registry = registry or load_registry(self.config)
        self.pm = self.registry.pm
        check_selectors(self.config, self.registry.rules)
        self.pm.hook.newslint_configure(config=self.config)
        self.rules = [self._compile(cls) for cls in self.registry.rules.values() if is_enabled(cls, self.config)]

    def _compile(self, cls: type[Rule]) -> CompiledRule:
        # every rule takes min-confidence (global default, overridable per rule); see RuleContext.report
        options = {MIN_CONFIDENCE: self.config.min_confidence, **cls.options}
        where = self.config.path or "<config>"
        for key, value in self.config.rules.get(cls.code, {}).items():
            if key not in options:
                known = ", ".join(sorted(options)) or "none"
                raise ConfigError(where, f"rules.{cls.code}: unknown option {key!r} (known: {known})")
            default = options[key]
            if default is not None and not _same_type(default, value):
                raise ConfigError(
                    where, f"rules.{cls.code}.{key}: expected {type(default).__name__}, got {value!r}")
            options[key] = value
        return CompiledRule(cls(), cls, options, self.config.severity.get(cls.code, cls.severity))

    # parsing -----------------------------------------------------------------------------------
    def parse(self, path: str, source: str, problems: list[str] | None = None) -> list[Document]:
        """Documents of one decoded file; per-record problems of multi-record files go to ``problems``."""
        result = self.pm.hook.newslint_parse_document(path=path, source=source, config=self.config)
        if result is None:
            return []
        if problems is not None:
            problems.extend(getattr(result, "errors", ()))
        return [result] if isinstance(result, Document) else list(result)

    # checking ----------------------------------------------------------------------------------
    def check(self, document: Document, result: FileResult) -> None:
        skip = ignored_for_path(document.path, self.config) if self.config.per_file_ignores else ()
        for compiled in self.rules:
            if skip and code_matches_any(compiled.cls.code, skip):
                continue
            ctx = RuleContext(compiled.cls, document, compiled.options, compiled.severity)
            try:
                compiled.rule.check(document, ctx)
            except Exception as exc:
                where = f"{document.path}" + (f" (record {document.record})" if document.record else "")
                detail = f"{type(exc).__name__}: {exc}"
                if os.environ.get("NEWSLINT_VERBOSE") == "1":
                    import traceback

                    detail += "\n" + traceback.format_exc()
                result.crashes.append(
                    f"rule {compiled.cls.code} ({compiled.cls.name}) from plugin {compiled.cls.plugin} "
                    f"crashed on {where}: {detail}")
                continue
            result.diagnostics.extend(ctx.diagnostics)

    def lint_source(self, path: str, source: str, first_line: int = 1) -> FileResult:
        """Lint decoded text. ``first_line`` > 1 marks whole lines from inside a streamed JSON
        Lines file: positions, record numbers and problems are then given in the file's lines."""
        result = FileResult(path, source=source if self.keep_source else None)
        if len(source) > MAX_CHECK_CHARS and format_of(path) not in ("json", "jsonl"):
            cut = source.rfind("\n", 0, MAX_CHECK_CHARS)
            source = source[:cut + 1 if cut > 0 else MAX_CHECK_CHARS]
            line = source.count("\n") + 1
            result.warnings.append(f"{path}: longer than {MAX_CHECK_CHARS:,} characters; "
                                   f"checked only up to line {line}")
        problems: list[str] = []
        try:
            documents = self.parse(path, source, problems)
        except InputError as exc:
            problems.append(str(exc))
            documents = []
        except RecursionError:
            problems.append(f"{path}: input nested too deeply to parse; skipped")
            documents = []
        except Exception as exc:  # a parser bug must not end the run or hide other files
            detail = ""
            if os.environ.get("NEWSLINT_VERBOSE") == "1":
                import traceback

                detail = "\n" + traceback.format_exc()
            result.crashes.append(f"{path}: parser failed: {type(exc).__name__}: {exc}{detail}")
            return result
        result.errors.extend(_shift_line(p, path, first_line) for p in problems)
        for document in documents:
            if first_line > 1:
                document.first_line = first_line
                if document.record is not None:
                    document.record += first_line - 1
            self.check(document, result)
        marks = suppressions(source)
        if marks:
            shift = first_line - 1
            marks = [(line + shift, action, codes) for line, action, codes in marks]
            result.diagnostics = [d for d in result.diagnostics if not is_suppressed(d, marks)]
        result.diagnostics.sort(key=Diagnostic.sort_key)
        return result

    def lint_chunk(self, path: str, first_line: int, data: bytes) -> FileResult:
        """Lint whole lines of a JSON Lines file that start at ``first_line``."""
        try:
            source = decode(path, data)
        except InputError as exc:
            return FileResult(path, errors=[_shift_line(str(exc), path, first_line)])
        return self.lint_source(path, source, first_line)

    def lint_file(self, path: str) -> FileResult:
        try:
            size = os.path.getsize(path)
            if size > MAX_FILE_BYTES:
                return FileResult(path, errors=[f"{path}: file is {size} bytes, over the {MAX_FILE_BYTES} byte limit; skipped"])
            with open(path, "rb") as fh:
                data = fh.read()
        except FileNotFoundError:
            return FileResult(path, errors=[f"{path}: file not found (it may have been removed during the run)"])
        except IsADirectoryError:
            return FileResult(path, errors=[f"{path}: is a directory"])
        except OSError as exc:
            return FileResult(path, errors=[f"{path}: cannot read: {exc.strerror or exc}"])
        try:
            source = decode(path, data)
        except InputError as exc:
            return FileResult(path, errors=[str(exc)])
        return self.lint_source(path, source)


def _same_type(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float))
    if isinstance(default, (list, tuple)):
        return isinstance(value, list)
    return isinstance(value, type(default))


# -- file discovery ------------------------------------------------------------------------------
def _excluded(rel: str, patterns: Sequence[str]) -> bool:
    if not patterns:
        return False
    parts = rel.replace("\\", "/").split("/")
    return any(fnmatch.fnmatch(rel, p) or any(fnmatch.fnmatch(part, p) for part in parts) for p in patterns)


def discover(paths: Iterable[str], config: Config, warnings: list[str] | None = None) -> Iterator[str]:
    """Expand folders into the files to lint; files named explicitly are always linted.

    A folder's own files come first (sorted), then its sub-folders (sorted). Folders are read
    with ``os.scandir``, whose entries already know whether they are links or folders: a
    corpus of thousands of files then costs one system call per folder, not one per file.
    """
    # one pattern for every include glob; case-blind where the file system is (as fnmatch is)
    include = re.compile("|".join(fnmatch.translate(p) for p in config.include) or "(?!)",
                         re.IGNORECASE if os.path.normcase("A") == "a" else 0)
    for given in paths:
        if given == "-" or not os.path.isdir(given):
            yield given
            continue
        root_real = os.path.realpath(given)
        stack = [(given, ".")]  # depth first without recursion: trees may be deeper than Python's stack
        while stack:
            folder, rel_folder = stack.pop()
            files, subfolders = _list_folder(folder, rel_folder, root_real, include, config, warnings)
            yield from files
            stack.extend(reversed(subfolders))


def _list_folder(folder: str, rel_folder: str, root_real: str, include: "re.Pattern[str]", config: Config,
                 warnings: list[str] | None) -> tuple[list[str], list[tuple[str, str]]]:
    """The files of one folder to lint, and its sub-folders to visit (path, relative path), sorted."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        if warnings is not None:
            warnings.append(f"{folder}: cannot list folder: {exc.strerror or exc}; skipped")
        return [], []
    files: list[str] = []
    subfolders: list[tuple[str, str]] = []
    for entry in entries:
        rel = entry.name if rel_folder == "." else f"{rel_folder}{os.sep}{entry.name}"
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            # a linked folder is never followed: it may loop or leave the tree
            if not entry.is_symlink() and not _excluded(rel, config.all_excludes):
                subfolders.append((entry.path, rel))
            continue
        if not include.match(entry.name) or _excluded(rel, config.exclude):
            continue
        if entry.is_symlink():
            target = os.path.realpath(entry.path)
            if not (target + os.sep).startswith(root_real + os.sep) or not os.path.isfile(target):
                if warnings is not None:
                    warnings.append(f"{entry.path}: symbolic link to outside the tree or to nothing; skipped")
                continue
        files.append(entry.path)
    return files, subfolders


def _shift_line(problem: str, path: str, first_line: int) -> str:
    """Re-number a "path:N: message" problem found in a chunk to the file's own line."""
    prefix = f"{path}:"
    if problem.startswith(prefix):
        number, sep, rest = problem[len(prefix):].partition(": ")
        if sep and number.isdigit():
            return f"{path}:{int(number) + first_line - 1}: {rest}"
    return problem


# -- units of work -----------------------------------------------------------------------------------
# A unit is a tuple: ("files", [paths]) for a batch of ordinary files, or ("chunk", path, first_line,
# bytes) for whole lines of a large JSON Lines file. Units are processed in order, so the output
# is identical whatever --jobs is.
def _units(files: Sequence[str], batch: int) -> Iterator[tuple]:
    pending: list[str] = []
    for path in files:
        if format_of(path) != "jsonl" or _size(path) <= STREAM_JSONL_BYTES:
            pending.append(path)
            if len(pending) >= batch:
                yield ("files", pending)
                pending = []
            continue
        if pending:
            yield ("files", pending)
            pending = []
        yield from _jsonl_chunks(path)
    if pending:
        yield ("files", pending)


def _jsonl_chunks(path: str) -> Iterator[tuple]:
    try:
        fh = open(path, "rb")
    except OSError as exc:
        yield ("error", path, f"{path}: cannot read: {exc.strerror or exc}")
        return
    with fh:
        line_no = 1
        first = True
        while True:
            lines = fh.readlines(CHUNK_BYTES)
            if not lines:
                break
            data = b"".join(lines)
            if first and data.startswith(b"\xef\xbb\xbf"):
                data = data[3:]
            first = False
            yield ("chunk", path, line_no, data)
            line_no += len(lines)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _process(linter: "Linter", unit: tuple) -> list[FileResult]:
    kind = unit[0]
    if kind == "files":
        return [linter.lint_file(p) for p in unit[1]]
    if kind == "chunk":
        return [linter.lint_chunk(unit[1], unit[2], unit[3])]
    return [FileResult(unit[1], errors=[unit[2]])]


_WORKER: Linter | None = None
_PARENT: Linter | None = None
_WARM_UP_TEXT = "Warm-up headline for the linter\n\nA sentence of warm-up prose, said the minister.[1]\n\n[1] Note.\n"
_WARM_UP = {"text": _WARM_UP_TEXT, "markdown": "# Warm-up\n\n" + _WARM_UP_TEXT, "html": "<h1>Warm-up</h1><p>Text.</p>",
            "json": '{"title": "Warm-up", "body": "Text."}', "jsonl": '{"title": "Warm-up", "body": "Text."}\n'}
_WARM_UP_SUFFIX = {"text": "txt", "markdown": "md", "html": "html", "json": "json", "jsonl": "jsonl"}


def _init_worker(config: Config, keep_source: bool) -> None:
    global _WORKER
    _WORKER = _PARENT if _PARENT is not None and _PARENT.config is config else Linter(config, keep_source=keep_source)


def _work(unit: tuple) -> list[FileResult]:
    assert _WORKER is not None
    return _process(_WORKER, unit)


def run(paths: Sequence[str], config: Config, jobs: int = 1, stdin_name: str = "-",
        linter: Linter | None = None) -> Iterator[FileResult]:
    """Lint every input, yielding FileResults in input order, whatever ``jobs`` is.

    Each file gives one result, except a large JSON Lines file, which gives one per chunk of
    lines (same path, in order). At most a few units are in flight at once, so memory stays
    bounded on corpora of any size.
    """
    linter = linter or Linter(config)
    warnings: list[str] = []
    files = list(discover(paths, config, warnings))
    if warnings:
        yield FileResult("", warnings=warnings)
    if "-" in files:
        for path in files:
            if path != "-":
                yield linter.lint_file(path)
                continue
            try:
                source = decode(stdin_name, sys.stdin.buffer.read())
            except InputError as exc:
                yield FileResult(stdin_name, errors=[str(exc)])
                continue
            yield linter.lint_source(stdin_name, source)
        return
    units = _units(files, batch=max(1, min(32, len(files) // (max(jobs, 1) * 4) or 1)))
    streamed = any(format_of(p) == "jsonl" and _size(p) > STREAM_JSONL_BYTES for p in files)
    if jobs <= 1 or (len(files) <= 8 and not streamed):  # a pool costs more than a few files
        for unit in units:
            yield from _process(linter, unit)
        return
    import collections
    import multiprocessing

    # Build every lazy cache (phrase automata, parsers, regexes) once here, before forking, so
    # each worker starts warm instead of paying for it again.
    for fmt in {format_of(p) for p in files}:
        linter.lint_source(f"warm-up.{_WARM_UP_SUFFIX.get(fmt, 'txt')}", _WARM_UP.get(fmt, _WARM_UP["text"]))
    ctx = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    global _PARENT
    _PARENT = linter  # inherited by forked workers, warm; spawned ones build their own
    import gc

    gc.freeze()  # the workers' garbage collector then never walks (and copies) the inherited heap
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(linter.config, linter.keep_source)) as pool:
        window: collections.deque = collections.deque()
        for unit in units:
            window.append(pool.apply_async(_work, (unit,)))
            if len(window) >= jobs * 3:
                yield from window.popleft().get()
        while window:
            yield from window.popleft().get()


# -- public helpers --------------------------------------------------------------------------------
def resolve_config(config: Config | str | os.PathLike[str] | None) -> Config:
    if isinstance(config, Config):
        return config
    if config is None:
        found = find_config()
        return load_config(found) if found else Config()
    return load_config(config)


_DEFAULT_LINTER: Linter | None = None


def lint_text(text: str, filename: str = "article.txt", config: Config | None = None) -> list[Diagnostic]:
    """Lint a string as if it were the file ``filename`` (its extension picks the parser).

    ``config=None`` means newslint's defaults (no config file is read); the rules are compiled
    once and reused by later calls, so calling this per record of a corpus is cheap.
    """
    global _DEFAULT_LINTER
    if config is None:
        if _DEFAULT_LINTER is None:
            _DEFAULT_LINTER = Linter(Config())
        linter = _DEFAULT_LINTER
    else:
        linter = Linter(resolve_config(config))
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    result = linter.lint_source(filename, text.lstrip("\ufeff"))
    if result.errors:
        raise InputError(filename, "; ".join(result.errors))
    return result.diagnostics


def lint_paths(paths: Iterable[str | os.PathLike[str]], config: Config | None = None,
               errors: list[str] | None = None) -> list[Diagnostic]:
    """Lint files and folders; input problems go to ``errors`` (when given) instead of raising."""
    config = resolve_config(config)
    out: list[Diagnostic] = []
    for result in run([os.fspath(p) for p in paths], config):
        out.extend(result.diagnostics)
        if errors is not None:
            errors.extend(result.errors + result.crashes)
    out.sort(key=Diagnostic.sort_key)
    return out
