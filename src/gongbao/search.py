"""Search stage: a Chinese full-text index over documents and provisions, and its queries.

The index lives in the embedded store, in tables this module owns (SQLite FTS5):

- ``search_units``: one row per indexed unit (a provision, or a paragraph of a document's
  logical lines while the record has no `provisions`), with its original and normalised
  text and its line span;
- ``search_fts``: the FTS5 table, two columns (``title``, ``body``) holding jieba
  search-mode tokens separated by spaces, read by the ``unicode61`` tokenizer, ranked BM25;
- ``search_terms``: every token ever indexed (the vocabulary), used to widen one-character
  and unknown query words to the indexed words that contain them (煤 → 燃煤, 煤炭 …);
- ``search_dictionary``: the jieba user dictionary built from the corpus by rule (terms in
  《》 and “”, unit names listed after 责任单位： …), so that 市发展改革委 or 双随机一公开 are
  single tokens.

Text is normalised the same way at index and query time: NFKC (full-width → half-width),
traditional → simplified (OpenCC t2s), lower case. The public verb is `search`; ingest calls
`index_issue` inside its transaction, `gongbao reindex` calls `reindex`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import jieba
from opencc import OpenCC

from gongbao.docnumber import parse_document_number
from gongbao.models import Hit, ParsedQuery, QueryTerm, SearchFilters, SearchUnit

jieba.setLogLevel(logging.WARNING)

SCHEMA = """
CREATE TABLE IF NOT EXISTS search_units (
    id         INTEGER PRIMARY KEY,
    doc_id     TEXT NOT NULL,
    issue      TEXT NOT NULL,
    eid        TEXT,
    heading    TEXT,
    text       TEXT NOT NULL,
    norm       TEXT NOT NULL,
    line_start INTEGER,
    line_end   INTEGER
);
CREATE INDEX IF NOT EXISTS search_units_issue ON search_units(issue);
CREATE INDEX IF NOT EXISTS search_units_doc ON search_units(doc_id);
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
    title, body, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS search_terms (term TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS search_dictionary (
    term  TEXT PRIMARY KEY,
    rule  TEXT NOT NULL,
    issue TEXT NOT NULL,
    late  INTEGER NOT NULL DEFAULT 0  -- 1: added after other issues were indexed without it
) WITHOUT ROWID;
"""

# Marks around matched words in a snippet.
MARK_OPEN, MARK_CLOSE = "【", "】"

# BM25 column weights: a word in the document title says more than one in a paragraph.
_TITLE_WEIGHT, _BODY_WEIGHT = 4.0, 1.0
# How many candidate units are ranked by BM25 before grouping by document.
_CANDIDATES = 200
# A one-character or unknown query word is widened to at most this many indexed words.
_MAX_EXPANSION = 300
_SNIPPET_CHARS = 90

_CC = OpenCC("t2s")
# What jieba treats as one run of word characters; a dictionary term must be one run.
_JIEBA_BLOCK_REGEX = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")
_CJK_REGEX = re.compile(r"[\u4e00-\u9fff]")
_CJK_ONLY_REGEX = re.compile(r"[\u4e00-\u9fff]+")
_WORD_CHAR_REGEX = re.compile(r"\w")
# 《郑州市政务服务容缺受理办法（试行）》: titles cited in the text.
_TITLE_TERM_REGEX = re.compile(r"《([^《》\n]{2,40})》")
# “放管服”, “双随机一公开”: coined policy terms are put in quotes the first time.
_QUOTED_TERM_REGEX = re.compile(r"“([^“”\n]{2,12})”")
# 责任单位：市发展改革委、市工信委，郑州供电公司 — lists of units in assignment lines.
_UNIT_LIST_REGEX = re.compile(
    r"^(?:[（(]?(?:责任|牵头|配合|参与|主责|协办|承办)(?:单位|部门)[)）]?)\s*[:：]\s*(?P<units>.+)$"
)
_UNIT_SPLIT_REGEX = re.compile(r"[、，,；;。\s]+")
_SENTENCE_END = ("。", "；", "！", "？", ";", "!", "?", "：", ":")
_QUOTE_PAIRS = {'"': '"', "“": "”", "「": "」", "『": "』"}


# ---------------------------------------------------------------------------------------
# Normalisation and segmentation
# ---------------------------------------------------------------------------------------


def normalize(text: str) -> str:
    """The form text is indexed and queried in: NFKC, simplified, lower case.

    >>> normalize("總部企業 ＡＢＣ１２３")
    '总部企业 abc123'
    """
    return _CC.convert(unicodedata.normalize("NFKC", text)).lower()


_BASE_TOKENIZER: jieba.Tokenizer | None = None
_SEGMENTERS: dict[str, Segmenter] = {}
_MAIN_SEGMENTER: Segmenter | None = None


def _base_tokenizer() -> jieba.Tokenizer:
    global _BASE_TOKENIZER
    if _BASE_TOKENIZER is None:
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        _BASE_TOKENIZER = tokenizer
    return _BASE_TOKENIZER


class Segmenter:
    """jieba with the corpus's user dictionary, in search mode over words of any length.

    jieba's own `cut_for_search` adds only the 2- and 3-character dictionary words inside a
    longer word; here every dictionary word inside a word is added, so that 留守儿童 is found
    inside a user-dictionary title such as 农村留守儿童关爱保护工作意见.
    """

    def __init__(self, words: Iterable[str] = ()) -> None:
        base = _base_tokenizer()
        self.words: set[str] = set(words)
        # Words that joined the dictionary after other issues were indexed without them.
        self.late_words: set[str] = set()
        if not self.words:
            self.tokenizer = base
            return
        self.tokenizer = jieba.Tokenizer()
        # Copy the loaded main dictionary instead of reading it again from disk.
        self.tokenizer.FREQ = dict(base.FREQ)
        self.tokenizer.total = base.total
        self.tokenizer.initialized = True
        for word in sorted(self.words):
            self.tokenizer.add_word(word)

    def tokens(self, norm: str) -> list[str]:
        """Search-mode tokens of normalised text, in order, words before their parts.

        >>> Segmenter().tokens("留守儿童关爱")
        ['留守', '儿童', '关爱']
        """
        out: list[str] = []
        freq = self.tokenizer.FREQ
        for word in self.tokenizer.cut(norm, HMM=False):
            if not _WORD_CHAR_REGEX.search(word):
                continue
            word = word.strip()
            out.append(word)
            n = len(word)
            if n > 2 and _CJK_REGEX.search(word):
                for size in range(n - 1, 1, -1):
                    for i in range(n - size + 1):
                        part = word[i : i + size]
                        if freq.get(part):
                            out.append(part)
        return out


def _main_segmenter() -> Segmenter:
    """jieba's main dictionary alone: how a word was cut before it joined the user dictionary."""
    global _MAIN_SEGMENTER
    if _MAIN_SEGMENTER is None:
        _MAIN_SEGMENTER = Segmenter()
    return _MAIN_SEGMENTER


def _segmenter(rows: list[tuple[str, int]], key: str) -> Segmenter:
    segmenter = _SEGMENTERS.get(key)
    if segmenter is None:
        segmenter = Segmenter(term for term, _ in rows)
        segmenter.late_words = {term for term, late in rows if late}
        _SEGMENTERS.clear()  # one dictionary at a time is enough; bounded memory
        _SEGMENTERS[key] = segmenter
    return segmenter


def _dictionary_key(words: Iterable[str]) -> str:
    return hashlib.sha1("\n".join(sorted(words)).encode()).hexdigest()


_LOADED: dict[int, tuple[tuple[int, int], Segmenter]] = {}


def load_segmenter(conn: sqlite3.Connection) -> Segmenter:
    """The segmenter for the user dictionary stored in `conn` (cached per dictionary).

    The dictionary is read again only when the database changed since the last call (own
    writes: `total_changes`; other connections' commits: `PRAGMA data_version`).
    """
    version = (conn.total_changes, conn.execute("PRAGMA data_version").fetchone()[0])
    loaded = _LOADED.get(id(conn))
    if loaded and loaded[0] == version and loaded[1] in _SEGMENTERS.values():
        return loaded[1]
    rows = conn.execute("SELECT term, late FROM search_dictionary").fetchall()
    segmenter = _segmenter(rows, _dictionary_key(f"{term}\t{late}" for term, late in rows))
    _LOADED.clear()  # one connection remembered: a new id() may reuse a closed one's
    _LOADED[id(conn)] = (version, segmenter)
    return segmenter


@lru_cache(maxsize=100_000)
def _normalized_title(title: str) -> str:
    return normalize(title)


@lru_cache(maxsize=200_000)
def _cached_tokens(key: str, norm: str) -> str:
    return " ".join(_SEGMENTERS[key].tokens(norm))


def _token_string(segmenter: Segmenter, norm: str) -> str:
    # Gazettes repeat whole paragraphs (addressee lines, boilerplate); segment each once.
    key = next((k for k, s in _SEGMENTERS.items() if s is segmenter), None)
    if key is None:
        return " ".join(segmenter.tokens(norm))
    return _cached_tokens(key, norm)


# ---------------------------------------------------------------------------------------
# Units and the user dictionary, from export records
# ---------------------------------------------------------------------------------------


def units_of(record: dict[str, Any]) -> list[SearchUnit]:
    """The indexed units of a document: its provisions, or else paragraphs of its lines.

    >>> record = {"id": "x", "lines": [
    ...     {"text": "（一）指导思想", "line_start": 15, "line_end": 15},
    ...     {"text": "全面落实党的十九大精神。", "line_start": 17, "line_end": 17}]}
    >>> [(u.heading, u.line_start, u.line_end) for u in units_of(record)]
    [('（一）指导思想', 15, 17)]
    """
    provisions = record.get("provisions")
    if provisions:
        units = list(_provision_units(record["id"], provisions))
        if units:
            return units
    return _paragraph_units(record["id"], record.get("lines") or [])


def _provision_units(doc_id: str, nodes: list[dict[str, Any]]) -> Iterator[SearchUnit]:
    for node in nodes:
        # 第五条, （一） 落户奖励: the number as printed and the short title, as a reader sees them.
        heading = " ".join(p.strip() for p in (node.get("num"), node.get("heading")) if p and p.strip()) or None
        text = (node.get("text") or "").strip()
        span = node.get("span") or {}
        if heading or text:
            yield SearchUnit(
                doc_id=doc_id,
                eid=node.get("eid"),
                heading=heading,
                text="\n".join(part for part in (heading, text) if part),
                line_start=span.get("line_start"),
                line_end=span.get("line_end"),
            )
        yield from _provision_units(doc_id, node.get("children") or [])


def _is_heading_like(text: str) -> bool:
    """Short lines without a sentence ending (一、总体要求, （一）指导思想) head what follows."""
    return len(text) <= 40 and not text.endswith(_SENTENCE_END) and "\t" not in text


def _paragraph_units(doc_id: str, lines: list[dict[str, Any]]) -> list[SearchUnit]:
    units: list[SearchUnit] = []
    group: list[dict[str, Any]] = []

    def flush() -> None:
        if not group:
            return
        first = group[0]["text"].strip()
        units.append(
            SearchUnit(
                doc_id=doc_id,
                eid=None,
                heading=first if len(group) > 1 and _is_heading_like(first) else None,
                text="\n".join(line["text"] for line in group),
                line_start=group[0]["line_start"],
                line_end=group[-1]["line_end"],
            )
        )
        group.clear()

    for line in lines:
        text = line["text"].strip()
        if not text:
            continue
        if group:
            last = group[-1]["text"].strip()
            is_row, last_row = "\t" in text, "\t" in group[-1]["text"]
            size = sum(len(g["text"]) for g in group)
            # Table rows stay together (up to a screenful); anything else closes a group
            # unless the group so far is only headings.
            if is_row and last_row:
                if size > 600:
                    flush()
            elif not (_is_heading_like(last) and all(_is_heading_like(g["text"].strip()) for g in group)):
                flush()
        group.append(line)
    flush()
    return units


def dictionary_terms(records: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Domain words of the corpus, by rule, each with the rule that found it.

    >>> dictionary_terms([{"lines": [{"text": "责任单位：市发展改革委、市工信委"},
    ...                              {"text": "全面推行“双随机一公开”监管"}]}])
    {'市发展改革委': 'unit', '市工信委': 'unit', '双随机一公开': 'quoted'}
    """
    terms: dict[str, str] = {}

    main = _base_tokenizer().FREQ

    def add(candidate: str, rule: str) -> None:
        term = normalize(candidate.strip())
        # A word of the main dictionary needs no entry; a term must be one jieba run
        # (no punctuation) with at least two Chinese characters.
        if (
            len(term) <= 40
            and len(_CJK_REGEX.findall(term)) >= 2
            and _JIEBA_BLOCK_REGEX.fullmatch(term)
            and not main.get(term)
        ):
            terms.setdefault(term, rule)

    for record in records:
        for line in record.get("lines") or []:
            text = line["text"]
            unit_list = _UNIT_LIST_REGEX.match(text.strip())
            if unit_list:
                for unit in _UNIT_SPLIT_REGEX.split(unit_list["units"]):
                    if 3 <= len(unit) <= 16 and _CJK_ONLY_REGEX.fullmatch(unit):
                        add(unit, "unit")
            for m in _QUOTED_TERM_REGEX.finditer(text):
                add(m[1], "quoted")
            for m in _TITLE_TERM_REGEX.finditer(text):
                add(m[1], "title")
    return terms


# ---------------------------------------------------------------------------------------
# Indexing
# ---------------------------------------------------------------------------------------


def create_search_schema(conn: sqlite3.Connection) -> None:
    """Create the search tables (called by `store.create_schema`)."""
    conn.executescript(SCHEMA)
    columns = {row[1] for row in conn.execute("PRAGMA table_info(search_dictionary)")}
    if "late" not in columns:  # stores indexed before the column existed
        conn.execute("ALTER TABLE search_dictionary ADD COLUMN late INTEGER NOT NULL DEFAULT 1")


def _title_text(record: dict[str, Any]) -> str:
    """The title, with the title of the instrument it issues when that is not already in it."""
    title, enclosed = record.get("title") or "", record.get("enclosed_title") or ""
    return f"{title} {enclosed}" if enclosed and enclosed not in title else title


def _insert_units(
    conn: sqlite3.Connection, segmenter: Segmenter, issue: str, records: list[dict[str, Any]]
) -> None:
    vocabulary: set[str] = set()
    for record in records:
        title_tokens = _token_string(segmenter, normalize(_title_text(record)))
        vocabulary.update(title_tokens.split())
        for unit in units_of(record):
            norm = normalize(unit.text)
            body_tokens = _token_string(segmenter, norm)
            vocabulary.update(body_tokens.split())
            cursor = conn.execute(
                "INSERT INTO search_units (doc_id, issue, eid, heading, text, norm, line_start, line_end)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (unit.doc_id, issue, unit.eid, unit.heading, unit.text, norm, unit.line_start, unit.line_end),
            )
            conn.execute(
                "INSERT INTO search_fts (rowid, title, body) VALUES (?, ?, ?)",
                (cursor.lastrowid, title_tokens, body_tokens),
            )
    conn.executemany("INSERT OR IGNORE INTO search_terms (term) VALUES (?)", ((t,) for t in vocabulary))


def _delete_issue(conn: sqlite3.Connection, issue: str) -> None:
    conn.execute(
        "DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_units WHERE issue = ?)", (issue,)
    )
    conn.execute("DELETE FROM search_units WHERE issue = ?", (issue,))


def add_dictionary_words(conn: sqlite3.Connection, batch: dict[str, list[dict[str, Any]]]) -> None:
    """Register the dictionary words of a batch of issues before any of them is indexed.

    Called by `store.save_issues` inside its transaction, so that issues of one batch are
    all segmented with the batch's whole dictionary. A word is `late` only when the store
    already holds units of issues outside the batch (indexed without it).

    >>> add_dictionary_words(conn, {"2018-09": records})  # doctest: +SKIP
    """
    names = json.dumps(sorted(batch), ensure_ascii=False)
    others = conn.execute(
        "SELECT 1 FROM search_units WHERE issue NOT IN (SELECT value FROM json_each(?)) LIMIT 1", (names,)
    ).fetchone()
    conn.executemany(
        "INSERT OR IGNORE INTO search_dictionary (term, rule, issue, late) VALUES (?, ?, ?, ?)",
        [
            (term, rule, issue, int(others is not None))
            for issue, records in batch.items()
            for term, rule in dictionary_terms(records).items()
        ],
    )


def index_issue(conn: sqlite3.Connection, issue: str, records: list[dict[str, Any]]) -> int:
    """Replace the index rows of one issue by those of `records`; return the units indexed.

    Runs inside the caller's transaction (`store.save_issue`). New dictionary words found in
    this issue join the user dictionary. Units of earlier issues are not segmented again:
    a query word from the user dictionary also matches its pieces under the main dictionary
    (see `_token_group`), and `reindex` makes the whole index uniform.
    """
    found = dictionary_terms(records)
    late = int(conn.execute("SELECT 1 FROM search_units WHERE issue != ? LIMIT 1", (issue,)).fetchone() is not None)
    conn.executemany(
        "INSERT OR IGNORE INTO search_dictionary (term, rule, issue, late) VALUES (?, ?, ?, ?)",
        [(t, rule, issue, late) for t, rule in found.items()],
    )
    segmenter = load_segmenter(conn)
    _delete_issue(conn, issue)
    _insert_units(conn, segmenter, issue, records)
    return conn.execute("SELECT COUNT(*) FROM search_units WHERE issue = ?", (issue,)).fetchone()[0]


def reindex(conn: sqlite3.Connection) -> int:
    """Rebuild the whole index (dictionary included) from the stored records; return units.

    One transaction: a failure leaves the previous index in place.
    """
    by_issue: dict[str, list[dict[str, Any]]] = {}
    for issue, record in conn.execute("SELECT issue, record FROM documents ORDER BY issue, ordinal"):
        by_issue.setdefault(issue, []).append(json.loads(record))
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table in ("search_fts", "search_units", "search_terms", "search_dictionary"):
            conn.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
        for issue, records in by_issue.items():
            found = dictionary_terms(records)
            conn.executemany(
                "INSERT OR IGNORE INTO search_dictionary (term, rule, issue) VALUES (?, ?, ?)",
                [(t, rule, issue) for t, rule in found.items()],
            )
        segmenter = load_segmenter(conn)
        for issue, records in by_issue.items():
            _insert_units(conn, segmenter, issue, records)
        conn.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return conn.execute("SELECT COUNT(*) FROM search_units").fetchone()[0]


def index_size(conn: sqlite3.Connection) -> int:
    """How many units are indexed."""
    return conn.execute("SELECT COUNT(*) FROM search_units").fetchone()[0]


# ---------------------------------------------------------------------------------------
# Queries
# ---------------------------------------------------------------------------------------


def parse_query(query: str, segmenter: Segmenter) -> ParsedQuery:
    """Split a query into words, quoted phrases and ``-excluded`` words; never raises.

    A quote without its partner, and FTS5 operators (``* : ( ) ^ +``), are plain text.

    >>> q = parse_query('总部企业 "办公用房" -租赁', Segmenter())
    >>> [(t.text, t.phrase) for t in q.terms], [t.text for t in q.excluded]
    ([('总部企业', False), ('办公用房', True)], ['租赁'])
    """
    text = normalize(query)
    terms: list[QueryTerm] = []
    excluded: list[QueryTerm] = []
    rest: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        close = _QUOTE_PAIRS.get(ch)
        end = text.find(close, i + 1) if close else -1
        if close and end > i:
            phrase = text[i + 1 : end].strip()
            negated = bool(rest) and rest[-1] == "-"
            if negated:
                rest.pop()
            term = _term(phrase, segmenter, phrase=True)
            if term is not None:
                (excluded if negated else terms).append(term)
            rest.append(" ")
            i = end + 1
            continue
        rest.append(" " if ch in _QUOTE_PAIRS or ch in _QUOTE_PAIRS.values() else ch)
        i += 1
    for word in "".join(rest).split():
        negated = word.startswith("-") and len(word) > 1
        term = _term(word[1:] if negated else word, segmenter, phrase=False)
        if term is not None:
            (excluded if negated else terms).append(term)
    return ParsedQuery(tuple(terms), tuple(excluded))


def _term(text: str, segmenter: Segmenter, phrase: bool) -> QueryTerm | None:
    tokens = tuple(dict.fromkeys(segmenter.tokens(text)))
    if not tokens:
        return None
    return QueryTerm(text=text, tokens=tokens, phrase=phrase)


def _fts_string(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _expand(conn: sqlite3.Connection, token: str, word: str, at: int) -> list[str]:
    """Indexed words that can hold `token` where it stands in the query word, shortest first.

    `token` is ``word[at:at + len(token)]``. An indexed word fits when, laid over the query
    word so that it covers the token, every character it shares with the query word is the
    same: it may run past the word's start or end (燃煤 for 煤 in 煤炭削减), never past a
    neighbouring character that differs. A one-character query word therefore widens to
    every indexed word holding it (煤 → 煤, 燃煤, 煤炭 …), while 大 inside 大数据 widens only
    to words ending in 大, 大数 … (扩大) or holding 大数据 — not to the hundreds of words that
    merely hold 大, which at scale made one such query cost more than the whole index lookup.

    >>> _fits("扩大", "大", "大数据", 0), _fits("大学", "大", "大数据", 0)
    (True, False)
    """
    rows = conn.execute("SELECT term FROM search_terms WHERE instr(term, ?) > 0", (token,))
    words = sorted((r[0] for r in rows if _fits(r[0], token, word, at)), key=lambda w: (len(w), w))
    return words[:_MAX_EXPANSION]


def _fits(candidate: str, token: str, word: str, at: int) -> bool:
    """Whether `candidate`, covering `token` at `word[at:]`, agrees with `word` where they overlap."""
    k = candidate.find(token)
    while k >= 0:
        start = at - k  # where the candidate begins, in positions of the query word
        lo, hi = max(start, 0), min(start + len(candidate), len(word))
        if candidate[lo - start : hi - start] == word[lo:hi]:
            return True
        k = candidate.find(token, k + 1)
    return False


def _token_group(
    conn: sqlite3.Connection, token: str, user_words: set[str], word: str | None = None, at: int = 0
) -> str | None:
    """The FTS5 expression for one query token, or None when nothing indexed can match.

    `word` is the query word the token was cut from (the token itself when None) and `at`
    the token's position in it.

    - a word that joined the user dictionary late: the word, or its pieces under the main
      dictionary (units indexed before the word joined the dictionary hold only the pieces);
    - an indexed word of two or more characters: the word;
    - one character, or a word never indexed: the indexed words that can hold it there
      (`_expand`);
    - failing that: all of its characters, each widened the same way.
    """
    if word is None:
        word, at = token, 0
    if not _CJK_REGEX.search(token):
        return _fts_string(token)
    indexed = len(token) > 1 and conn.execute("SELECT 1 FROM search_terms WHERE term = ?", (token,)).fetchone()
    if token in user_words:
        pieces = _covering_tokens(tuple(dict.fromkeys(_main_segmenter().tokens(token))))
        groups = (
            [_token_group(conn, piece, set(), word, at + max(token.find(piece), 0)) for piece in pieces]
            if pieces != [token]
            else []
        )
        alternatives = [_fts_string(token)] if indexed else []
        if groups and all(groups):
            alternatives.append("(" + " AND ".join(g for g in groups if g) + ")")
        if alternatives:
            return "(" + " OR ".join(alternatives) + ")"
    if indexed:
        return _fts_string(token)
    words = _expand(conn, token, word, at)
    if words:
        return "(" + " OR ".join(_fts_string(w) for w in words) + ")"
    if len(token) == 1:
        return None
    # A word the index never saw whole (segmented differently in context): all its characters.
    groups = [_token_group(conn, ch, set(), word, at + i) for i, ch in enumerate(token)]
    if any(g is None for g in groups):
        return None
    return "(" + " AND ".join(g for g in groups if g) + ")"


def _term_expression(conn: sqlite3.Connection, term: QueryTerm, user_words: set[str]) -> str | None:
    groups = []
    cursor = 0
    for token in _covering_tokens(term.tokens):
        # Tokens come in the order they were cut: find each after the previous one.
        at = term.text.find(token, cursor)
        if at < 0:
            at = max(term.text.find(token), 0)
        else:
            cursor = at + len(token)
        groups.append(_token_group(conn, token, user_words, term.text, at))
    if not groups or any(g is None for g in groups):
        return None
    return " AND ".join(g for g in groups if g)


def _covering_tokens(tokens: tuple[str, ...]) -> list[str]:
    """Drop tokens that are parts of another token of the query: 留守儿童 needs no 儿童."""
    return [t for t in tokens if not any(t != o and t in o for o in tokens)]


@dataclass
class _Candidate:
    unit_id: int
    doc_id: str
    eid: str | None
    heading: str | None
    text: str
    norm: str
    line_start: int | None
    line_end: int | None
    issue: str
    doc_no: str | None
    title: str
    score: float


def _filter_sql(filters: SearchFilters) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if filters.year is not None:
        clauses.append("COALESCE(d.year, CAST(substr(d.date, 1, 4) AS INTEGER)) = ?")
        params.append(filters.year)
    if filters.issue:
        clauses.append("d.issue = ?")
        params.append(filters.issue)
    if filters.issuer:
        clauses.append("instr(d.issuer, ?) > 0")
        params.append(filters.issuer)
    if filters.genre:
        clauses.append("d.genre = ?")
        params.append(filters.genre)
    if filters.prefix:
        clauses.append("d.prefix = ?")
        params.append(filters.prefix)
    if filters.ids is not None:
        clauses.append("d.id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(sorted(filters.ids), ensure_ascii=False))
    return "".join(" AND " + c for c in clauses), params


def _candidates(
    conn: sqlite3.Connection, expression: str, filters: SearchFilters, limit: int
) -> list[_Candidate]:
    where, params = _filter_sql(filters)
    columns = (
        "u.id, u.doc_id, u.eid, u.heading, '', u.norm, u.line_start, u.line_end, u.issue, d.doc_no, d.title"
    )
    rank = f"bm25(search_fts, {_TITLE_WEIGHT}, {_BODY_WEIGHT})"
    if where:
        rows = conn.execute(
            f"SELECT {columns}, {rank} AS rank FROM search_fts JOIN search_units u ON u.id = search_fts.rowid"
            " JOIN documents d ON d.id = u.doc_id"
            f" WHERE search_fts MATCH ?{where} ORDER BY rank LIMIT ?",  # noqa: S608 - fixed SQL pieces
            [expression, *params, limit],
        ).fetchall()
    else:
        # Rank row ids alone, then read the few best units: joining every matching row first
        # made the sorter carry each unit's text (a common word matches 1/3 of the units).
        rows = conn.execute(
            f"SELECT {columns}, f.rank FROM (SELECT rowid, {rank} AS rank FROM search_fts"  # noqa: S608
            " WHERE search_fts MATCH ? ORDER BY rank LIMIT ?) f"
            " JOIN search_units u ON u.id = f.rowid JOIN documents d ON d.id = u.doc_id ORDER BY f.rank",
            [expression, limit],
        ).fetchall()
    return [_Candidate(*row[:11], score=-row[11]) for row in rows]


def _excluded_documents(
    conn: sqlite3.Connection, terms: tuple[QueryTerm, ...], user_words: set[str]
) -> set[str]:
    excluded: set[str] = set()
    for term in terms:
        expression = _term_expression(conn, term, user_words)
        if expression is None:
            continue
        rows = conn.execute(
            "SELECT u.doc_id, u.norm FROM search_fts JOIN search_units u ON u.id = search_fts.rowid"
            " WHERE search_fts MATCH ?",
            (expression,),
        )
        excluded.update(doc_id for doc_id, norm in rows if not term.phrase or term.text in norm)
    return excluded


def _number_hits(conn: sqlite3.Connection, query: str, filters: SearchFilters) -> list[Hit]:
    """The document a query names by its number (郑政〔2017〕34号, 郑政[2017]34号, 郑政2017-34)."""
    number = parse_document_number(query)
    if number is None:
        return []
    where, params = _filter_sql(filters)
    year_clause = "d.year IS NULL" if number.year is None else "d.year = ?"
    year_param = [] if number.year is None else [number.year]
    rows = conn.execute(
        "SELECT d.id, d.doc_no, d.title, d.issue, d.record FROM documents d"
        f" WHERE d.prefix = ? AND {year_clause} AND d.serial = ?{where} ORDER BY d.issue",  # noqa: S608
        [number.prefix, *year_param, number.serial, *params],
    ).fetchall()
    hits = []
    for doc_id, doc_no, title, issue, record in rows:
        source = json.loads(record).get("source") or {}
        hits.append(
            Hit(doc_id=doc_id, doc_no=doc_no, title=title, eid=None, snippet=f"{MARK_OPEN}{doc_no}{MARK_CLOSE} {title}",
                score=math.inf, issue=issue, line_start=source.get("line_start"), line_end=source.get("line_end"))
        )
    return hits


def search(
    conn: sqlite3.Connection,
    query: str,
    filters: SearchFilters | None = None,
    limit: int = 10,
    per_document: int = 3,
) -> list[Hit]:
    """Ranked hits for a query: up to `limit` documents, each with its best units.

    Words are ANDed; a quoted phrase must occur verbatim; ``-word`` drops documents that
    contain the word. A unit scores its BM25 (title words weigh 4×, body words 1×) plus a
    bonus for each query word found verbatim; a document ranks by its best unit, helped a
    little by how many of its units match. A query that is a document number returns that
    document first. Malformed queries are read as plain text; no match gives ``[]``.

    >>> [h.doc_no for h in search(conn, "郑政[2017]34号")][:1]  # doctest: +SKIP
    ['郑政〔2017〕34号']
    """
    filters = filters or SearchFilters()
    segmenter = load_segmenter(conn)
    hits = _number_hits(conn, query, filters)
    number = parse_document_number(query)
    # After the document itself, the units that cite it by its printed number.
    parsed = parse_query(f'"{number}"' if number else query, segmenter)
    expressions = [_term_expression(conn, term, segmenter.late_words) for term in parsed.terms]
    if not expressions or any(e is None for e in expressions):
        for hit in hits:
            hit.score = 1.0
        return hits[:limit]
    candidates = _candidates(conn, " AND ".join(f"({e})" for e in expressions), filters, _CANDIDATES)
    excluded = _excluded_documents(conn, parsed.excluded, segmenter.late_words) if parsed.excluded else set()
    by_document: dict[str, list[_Candidate]] = {}
    for candidate in candidates:
        if candidate.doc_id in excluded or not _phrases_present(candidate, parsed.terms):
            continue
        candidate.score += _verbatim_bonus(candidate, parsed.terms)
        by_document.setdefault(candidate.doc_id, []).append(candidate)
    ranked = sorted(by_document.values(), key=_document_score, reverse=True)
    seen = {h.doc_id for h in hits}
    highlight = _highlight_regex(parsed.terms)
    for units in ranked:
        if len(seen) >= limit and units[0].doc_id not in seen:
            break
        if units[0].doc_id in seen:
            continue
        seen.add(units[0].doc_id)
        document_score = _document_score(units)
        for unit in sorted(units, key=lambda u: u.score, reverse=True)[:per_document]:
            # The original text only for the units shown (candidates carry the normalised one).
            unit.text = conn.execute("SELECT text FROM search_units WHERE id = ?", (unit.unit_id,)).fetchone()[0]
            hits.append(
                Hit(doc_id=unit.doc_id, doc_no=unit.doc_no, title=unit.title, eid=unit.eid,
                    snippet=snippet(unit.text, unit.norm, highlight), score=document_score if unit is units[0]
                    else unit.score, heading=unit.heading, issue=unit.issue, line_start=unit.line_start,
                    line_end=unit.line_end)
            )
    # A document named by its number ranks just above the best text match (finite, for JSON).
    top = max((h.score for h in hits if math.isfinite(h.score)), default=0.0)
    for hit in hits:
        if math.isinf(hit.score):
            hit.score = top + 1.0
    return hits


def _phrases_present(candidate: _Candidate, terms: tuple[QueryTerm, ...]) -> bool:
    title = _normalized_title(candidate.title)
    return all(t.text in candidate.norm or t.text in title for t in terms if t.phrase)


def _verbatim_bonus(candidate: _Candidate, terms: tuple[QueryTerm, ...]) -> float:
    """Words found as typed, not only as separate tokens (燃煤削减, not 燃煤 … 削减)."""
    bonus = 0.0
    title = _normalized_title(candidate.title)
    for term in terms:
        if len(term.tokens) < 2 and not term.phrase:
            continue
        if term.text in title:
            bonus += 3.0
        if term.text in candidate.norm:
            bonus += 2.0
    return bonus


def _document_score(units: list[_Candidate]) -> float:
    scores = sorted((u.score for u in units), reverse=True)
    return scores[0] + 0.5 * math.log1p(len(scores) - 1)


def _highlight_regex(terms: tuple[QueryTerm, ...]) -> re.Pattern[str] | None:
    words: set[str] = set()
    for term in terms:
        words.add(term.text)
        words.update(t for t in _covering_tokens(term.tokens) if len(t) > 1 or len(term.text) == 1)
    words.discard("")
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def snippet(text: str, norm: str, highlight: re.Pattern[str] | None, width: int = _SNIPPET_CHARS) -> str:
    """A window of `text` around the first match, matches marked 【…】.

    `norm` is `normalize(text)`; matching runs on it and is mapped back to `text`.

    >>> snippet("市政府决定：加强农村留守儿童关爱保护。", normalize("市政府决定：加强农村留守儿童关爱保护。"),
    ...         re.compile("留守儿童"))
    '市政府决定：加强农村【留守儿童】关爱保护。'
    """
    offsets = _norm_offsets(text)
    if len(offsets) != len(norm):
        # Normalisation changed the length (rare): show the normalised text.
        text, offsets = norm, list(range(len(norm)))
    spans = [(m.start(), m.end()) for m in highlight.finditer(norm)] if highlight else []
    if spans:
        first = offsets[spans[0][0]]
        start = max(0, first - width // 4)
    else:
        start = 0
    end = min(len(text), start + width)
    out: list[str] = []
    cursor = start
    for s, e in spans:
        s, e = offsets[s], offsets[e - 1] + 1
        if s < cursor or s >= end:
            continue
        out.append(text[cursor:s])
        out.append(MARK_OPEN + text[s:e] + MARK_CLOSE)
        cursor = e
    out.append(text[cursor:max(cursor, end)])
    body = re.sub(r"\s+", " ", "".join(out)).strip()
    return ("…" if start > 0 else "") + body + ("…" if end < len(text) else "")


def _norm_offsets(text: str) -> list[int]:
    offsets: list[int] = []
    for i, ch in enumerate(text):
        offsets.extend([i] * len(unicodedata.normalize("NFKC", ch).lower()))
    return offsets


def evaluate(conn: sqlite3.Connection, cases: list[dict[str, Any]]) -> tuple[float, float, list[str]]:
    """Top-1 and top-5 accuracy of labelled queries, and the queries that missed top 1.

    Each case is ``{"query": "留守儿童", "expected": ["郑政-2018-43"]}`` (document ids).

    >>> evaluate(conn, [{"query": "留守儿童", "expected": ["郑政-2018-43"]}])  # doctest: +SKIP
    (1.0, 1.0, [])
    """
    top1 = top5 = 0
    misses: list[str] = []
    for case in cases:
        ranked = list(dict.fromkeys(hit.doc_id for hit in search(conn, case["query"], limit=5, per_document=1)))
        expected = set(case["expected"])
        top1 += bool(ranked) and ranked[0] in expected
        top5 += bool(expected & set(ranked[:5]))
        if not ranked or ranked[0] not in expected:
            misses.append(f"{case['query']} → {ranked[:3]} (expected {sorted(expected)})")
    n = max(len(cases), 1)
    return top1 / n, top5 / n, misses
