"""Text that goes into an official document: no command-line words in it (issue 16, layout rules).

Findings and verdict notes are written for the person at the terminal and may say how to fix
something with a command ("Pakai templat terbaru (integritas templat rencana-aksi-zi)",
"pakai --sudah-wbk bila …"). A letter or report that goes to a unit or to KPK must not carry
such words: :func:`for_document` removes the command hints and keeps the sentence.
"""

from __future__ import annotations

import re

_COMMANDS = r"(?:surat|validasi|templat|rekap|nilai|checklist|inspektorat|excel|kantor)"
_PAREN_HINT = re.compile(r"\s*\((?:[^()]*?\b(?:pakai|dengan|lihat|jalankan)\s+)?['\"]?(?:integritas\s+" + _COMMANDS
                         + r"|--[a-z])[^()]*\)")
_OPTION_CLAUSE = re.compile(r"[;,]?\s*\b(?:pakai|gunakan|dengan)\s+--[a-z][\w-]*[^.;()]*", re.IGNORECASE)
_COMMAND_SENTENCE = re.compile(r"(?:(?<=[.;]\s)|^)[^.;]*?\bintegritas\s+" + _COMMANDS + r"\b.*?(?:[.;](?=\s|$)|$)")
_OPTION = re.compile(r"(?<![\w-])--[a-z][\w-]*")


def for_document(text: str) -> str:
    """``text`` without command-line hints, tidy spaces and punctuation."""
    out = _PAREN_HINT.sub("", text)
    out = _OPTION_CLAUSE.sub("", out)
    out = _COMMAND_SENTENCE.sub("", out)
    out = _OPTION.sub("", out)
    out = re.sub(r"\s+([.,;:])", r"\1", out)
    out = re.sub(r"\(\s*\)", "", out)
    out = re.sub(r"\s{2,}", " ", out).strip()
    out = re.sub(r"[;,]\s*$", ".", out)
    return out
