#!/usr/bin/env python3
"""check-severities.py - every message tierstat can print, against its severity.

Issue 11 item 1 and METRICS.md section 7: the exit status follows the
severities printed (0: nothing worse than a note; 1: outputs written and at
least one warning or error; 2: usage error, no usable tier, outputs not
written), so each message's severity must be the one its words describe.

This script reads src/*.c itself (a small C tokenizer: comments, string and
character literals with their escapes, adjacent literals joined, calls over
several lines), finds every diagnostic call and every direct write to stderr,
works out each call's severity and format text(s) (`c ? "a" : "b"` gives
both; a `%s` whose argument is a literal, or a choice of literals, is filled
in), and applies RULES below.

usage: tests/check-severities.py [--quiet] [--self-test] [--rules] [SRC_DIR]
  prints  src/FILE.c:LINE: SEVERITY: format        one line per message site
          ... FAIL / KNOWN / advice lines ...
          severity audit: N checked, M failed
  exits 1 when M > 0.  --quiet prints only what is not a plain pass.
  --self-test runs the audit on synthetic C snippets that must be flagged
  (and some that must not), instead of on src/.  --rules prints RULES.
  With TS_COUNTS set (make test), appends "PASSED FAILED" to that file, as
  tests/run-unit.sh does: one passed per message site that satisfies the
  rules (a KNOWN disagreement is neither passed nor failed).
Python 3 standard library only.
"""
import os
import re
import sys

# ---------------------------------------------------------------------------
# RULES.  Each rule: id, what it demands, and why (issue 11 item 1 = "item 1";
# METRICS.md section 7 = "M7").  "Text" is one possible message after the
# format alternatives and literal %s arguments are filled in, compared in
# lower case.  A failing rule fails the test unless the site is in KNOWN.
# ---------------------------------------------------------------------------

# Words saying that something the statistics would have used was dropped.
DROP_WORDS = [
    "(file skipped",        # also "(file skipped: counted once)"
    "(row skipped)",
    "(value left out)",
    "(not used)",
    "(skipped)",
    "(not followed)",       # a symbolic link not followed: the file is left out
    "counted once",
    "taken as unknown",
    "(hardware unknown)",
    "row counted as not successful",
    "its statistics are unknown",
    "left out",
]
# Phrases that look like a drop but say that nothing was lost; they are
# removed from the text before DROP_WORDS are searched.
NOTHING_LOST = [
    # M7: "A value the statistics exclude by definition (a non-finite
    # number) is at most a note."
    ("left out of the statistics", "M7: a non-finite number is at most a note"),
    # M7: "A value that is missing by the monitor's own conventions (an
    # empty field, nan) is not a problem": an empty row holds no value.
    ("empty row (skipped)", "M7: an empty row holds no value to lose"),
    # scan.c: the link's target is in the folder and read under its own
    # name, so skipping the link loses nothing (counting it would double it).
    ("which is read itself (skipped)", "the target is read under its own name"),
]
# Words saying that a value was kept but changed, so that it is no longer
# what the input said (item 1: "a value kept but suspect is a warning";
# not "input normalised with nothing lost").
ALTERED_WORDS = [
    "shown as u+fffd",      # invalid bytes replaced: the bytes are lost
]
# Words saying a whole file (or folder) was left out.
WHOLE_FILE_WORDS = ["(file skipped", "(skipped)", "could not be used"]

RULES = [
    ("VARSEV",
     "the severity is a constant (TS_NOTE, TS_WARNING, TS_ERROR), or the call "
     "site is in ALLOW with a reason",
     "a severity chosen at run time cannot be checked against the words"),
    ("VARFMT",
     "the format is a string literal (or a choice of literals), or the call "
     "site is in ALLOW with a reason",
     "words that are not in the source cannot be checked"),
    ("DROP",
     "a message whose words say something was dropped (DROP_WORDS, minus the "
     "NOTHING_LOST phrases) is a warning or an error",
     "item 1: a cell, row, column or file left out is a warning (or error for "
     "a whole file); notes never change the status, so a drop said in a note "
     "would leave exit 0 with data missing"),
    ("FILE",
     "a whole file left out ('(file skipped', '(not used)' with "
     "TS_DROP_FILE ...) is a warning or an error: both pass",
     "decision: item 1 says 'a ... file left out ... is a warning (or error "
     "for a whole file)' and M7 'a whole file that could not be used, an "
     "error'. Error fits a file that could not be used (cannot open/read/"
     "parse, not CSV), warning a readable file deliberately left out "
     "(duplicate content, no tier, a link not followed); the words do not "
     "tell these apart mechanically, and both give exit 1, so both pass and "
     "the choice is left to the message's author (see SAMEWHAT)"),
    ("NOTEDROP",
     "a note passes TS_DROP_NONE",
     "item 1: a note is 'input normalised with nothing lost'; a note that "
     "counts a cell, row or file as dropped contradicts itself"),
    ("ALTERED",
     "a message whose words say a value was changed (ALTERED_WORDS) is a "
     "warning",
     "item 1: 'a value kept but suspect is a warning'; a note is only for "
     "input normalised with nothing lost"),
    ("ERROR",
     "an error about a file says the whole file was left out "
     "(WHOLE_FILE_WORDS) and passes TS_DROP_FILE; an error of the run (no "
     "file: store, output folder, outputs) is always allowed",
     "item 1 / M7: error is for a whole file that could not be used, or a "
     "problem of the run (those lead to exit 2); a cell or row is a warning"),
    ("SAME",
     "two sites that can print the same text print it with the same severity",
     "item 1: the severity is the one its words describe; the same words "
     "cannot describe two severities"),
    ("DIRECT",
     "a direct write to stderr that starts a 'tierstat: ' line names its "
     "severity (': note: ', ...) or is in DIRECT_EXCEPTIONS with a reason",
     "every line the tool prints must be accounted for"),
    ("WRAPPER",
     "every printf-like function (TS_PRINTF) and every macro that calls a "
     "diagnostic form is in FORMS or NOT_MESSAGES",
     "a new wrapper would hide its call sites from this audit"),
    ("STALE",
     "every entry of KNOWN and ALLOW still matches a site that needs it",
     "so that the lists shrink as the lead fixes the source"),
]
# Advice only (printed with 'advice:', never a failure): a message should end
# with what was done in parentheses (M7: "WHAT (WHAT WAS DONE)"); the drop
# counter should agree with the words; the same WHAT should not have two
# severities (SAMEWHAT).
PAREN_EXCEPTIONS = [
    # (file basename, text fragment, reason)
    ("diag.c", "more problem", "the per-file cap's summary: nothing was done to the input"),
]

# ---------------------------------------------------------------------------
# The call forms.  name: (severity, drop, file, fmt) where each is either an
# argument index or a constant ('note'/'warning'/'error', a TS_DROP_ name,
# None = a problem of the run).  only: restrict a local wrapper to its file.
# ---------------------------------------------------------------------------
FORMS = {
    "ts_diag_report":     dict(sev=1, drop=2, file=3, fmt=6),
    "ts_diag_note":       dict(sev="note", drop="TS_DROP_NONE", file=1, fmt=3),
    "ts_diag_file_error": dict(sev="error", drop="TS_DROP_FILE", file=1, fmt=3),
    "ts_diag_warn":       dict(sev="warning", drop=1, file=2, fmt=4),
    "ts_diag_run":        dict(sev=1, drop="TS_DROP_NONE", file=None, fmt=2),
    # scan.c queues the walk's messages and prints them in path order
    "say":                dict(sev=0, drop=1, file=2, fmt=3, only="scan.c"),
    # scan.c words why a name is not a metrics file name; say() prints it
    # as a note, with "(file ignored)" after it
    "why_set":            dict(sev="note", drop="TS_DROP_NONE", file=None, fmt=2, only="scan.c"),
}
USAGE_FORMS = {"ts_cli_usage_error": 1}   # name: fmt index; exit 2, no severity
# printf-like functions that do not print a diagnostic of their own
NOT_MESSAGES = {
    "ts_xasprintf": "builds a string (mem.c)",
    "vreport": "diag.c: prints what the forms above pass it",
}
# Function bodies whose writes to stderr are the printing machinery, or pass
# on text already made by the forms above (in memory, on another thread),
# not message sites: (basename, function): reason.
IMPLEMENTATION = {
    ("diag.c", "put"): "writes every diagnostic made by vreport, and text captured or "
                       "replayed (ts_diag_replay: another thread's, a previous run's)",
    ("cli.c", "ts_cli_usage_error"): "prints every usage error (listed as usage below)",
    ("draw.c", "log_writer"): "GLib's log writer: passes on what GLib, Pango or cairo log, "
                              "one line each, its severity from GLib's level (critical and "
                              "error: error; warning: warning; message: note); it runs on any "
                              "thread, so it cannot use a struct ts_diag (issue 12 item 2)",
}
# Direct writes to stderr that are not diagnostics: (basename, text
# fragment, reason).
DIRECT_EXCEPTIONS = [
    ("mem.c", "out of memory", "fatal: exit(TS_EXIT_FAILURE) = 2 at once; no severity"),
    ("cmd_analyze.c", "timing (wall clock)", "--timing report asked for by the user, not a problem"),
    ("cmd_analyze.c", "%-24s", "--timing report lines"),
    ("cmd_analyze.c", "%-22s", "--timing report lines"),
    ("cmd_analyze.c", "files read: %lu", "--timing report: what was read"),
    ("progress.c", "files, %llu/%llu mb", "the progress line on a terminal, cleared at the end"),
    ("progress.c", "\r\x1b[k", "clears the progress line"),
]
# Call sites whose severity or format is a variable: (basename, function it
# is in, reason).
ALLOW = [
    ("scan.c", "say_all",
     "prints the messages queued by say(), in path order; each say() call "
     "site is checked itself"),
]
# ---------------------------------------------------------------------------
# KNOWN disagreements in the current source (lead: delete an entry when the
# message is fixed; the audit fails on an entry that no longer matches).
# (basename, rule, text fragment, what to do)
# ---------------------------------------------------------------------------
KNOWN = [
]

SEVS = {"TS_NOTE": "note", "TS_WARNING": "warning", "TS_ERROR": "error"}
DROPS = {"TS_DROP_NONE", "TS_DROP_CELL", "TS_DROP_ROW", "TS_DROP_FILE"}


# ---------------------------------------------------------------------------
# A tiny C tokenizer
# ---------------------------------------------------------------------------
class Tok:
    __slots__ = ("kind", "text", "value", "line", "pp")

    def __init__(self, kind, text, value, line, pp):
        self.kind, self.text, self.value, self.line, self.pp = kind, text, value, line, pp

    def __repr__(self):
        return "%s:%r@%d" % (self.kind, self.text, self.line)


SIMPLE_ESC = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f",
              "v": "\v", "\\": "\\", "'": "'", '"': '"', "?": "?", "e": "\x1b"}
PUNCT3 = ("...", "<<=", ">>=")
PUNCT2 = ("->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||",
          "+=", "-=", "*=", "/=", "%=", "&=", "^=", "|=", "##")


def unescape(body, where):
    out, i = [], 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        i += 1
        if i >= len(body):
            raise SyntaxError("%s: backslash at the end of a literal" % where)
        c = body[i]
        if c in SIMPLE_ESC:
            out.append(SIMPLE_ESC[c])
            i += 1
        elif c == "x":
            m = re.match(r"[0-9a-fA-F]+", body[i + 1:])
            if not m:
                raise SyntaxError("%s: \\x without digits" % where)
            out.append(chr(int(m.group(0), 16) & 0xff))
            i += 1 + len(m.group(0))
        elif c in "01234567":
            m = re.match(r"[0-7]{1,3}", body[i:])
            out.append(chr(int(m.group(0), 8) & 0xff))
            i += len(m.group(0))
        elif c in "uU":
            n = 4 if c == "u" else 8
            out.append(chr(int(body[i + 1:i + 1 + n], 16)))
            i += 1 + n
        else:
            raise SyntaxError("%s: unknown escape \\%s" % (where, c))
    return "".join(out)


def tokenize(src, name):
    """C tokens of src; comments dropped; string literals unescaped
    (value); pp = the number of the preprocessor directive the token is
    part of (0: none; a directive goes on over spliced lines)."""
    toks, i, line, n = [], 0, 1, len(src)
    bol = True          # only blanks since the start of the line
    in_pp = 0
    n_pp = 0
    while i < n:
        c = src[i]
        if c == "\\" and src.startswith("\\\n", i):     # line splice
            i += 2
            line += 1
            continue
        if c == "\n":
            line += 1
            i += 1
            bol = True
            in_pp = 0
            continue
        if c in " \t\r\f\v":
            i += 1
            continue
        if src.startswith("/*", i):
            j = src.find("*/", i + 2)
            if j < 0:
                raise SyntaxError("%s:%d: comment never closed" % (name, line))
            line += src.count("\n", i, j)
            i = j + 2
            continue
        if src.startswith("//", i):
            while i < n and src[i] != "\n":
                if src.startswith("\\\n", i):   # a spliced // comment goes on
                    line += 1
                    i += 1
                i += 1
            continue
        if c == "#" and bol:
            n_pp += 1
            in_pp = n_pp
            bol = False
            toks.append(Tok("punct", "#", None, line, in_pp))
            i += 1
            continue
        bol = False
        m = re.match(r"(u8|u|U|L)?([\"'])", src[i:i + 3])
        if m:
            q = m.group(2)
            j = i + len(m.group(0))
            start_line = line
            while True:
                if j >= n or src[j] == "\n":
                    raise SyntaxError("%s:%d: literal never closed" % (name, start_line))
                if src[j] == "\\":
                    if src.startswith("\\\n", j):
                        line += 1
                    j += 2
                    continue
                if src[j] == q:
                    break
                j += 1
            body = src[i + len(m.group(0)):j].replace("\\\n", "")
            kind = "string" if q == '"' else "char"
            toks.append(Tok(kind, src[i:j + 1], unescape(body, "%s:%d" % (name, start_line)),
                            start_line, in_pp))
            i = j + 1
            continue
        m = re.match(r"[A-Za-z_][A-Za-z_0-9]*", src[i:i + 256])
        if m:
            toks.append(Tok("ident", m.group(0), None, line, in_pp))
            i += len(m.group(0))
            continue
        m = re.match(r"\.?[0-9](?:[eEpP][+-]|[0-9A-Za-z_.])*", src[i:i + 256])
        if m:
            toks.append(Tok("number", m.group(0), None, line, in_pp))
            i += len(m.group(0))
            continue
        for p in PUNCT3 + PUNCT2:
            if src.startswith(p, i):
                toks.append(Tok("punct", p, None, line, in_pp))
                i += len(p)
                break
        else:
            toks.append(Tok("punct", c, None, line, in_pp))
            i += 1
    return toks


# ---------------------------------------------------------------------------
# Calls, arguments, literal alternatives
# ---------------------------------------------------------------------------
OPEN, CLOSE = "([{", ")]}"
CALL_AFTER_IDENT = {"return", "else", "do", "case", "sizeof"}


def split_args(toks, k):
    """toks[k] is '('. Returns (list of argument token lists, index after
    the matching ')')."""
    depth, args, cur, j = 0, [], [], k
    while j < len(toks):
        t = toks[j]
        if t.kind == "punct" and t.text in OPEN:
            depth += 1
            if depth > 1:
                cur.append(t)
        elif t.kind == "punct" and t.text in CLOSE:
            depth -= 1
            if depth == 0:
                if cur or args:
                    args.append(cur)
                return args, j + 1
            cur.append(t)
        elif t.kind == "punct" and t.text == "," and depth == 1:
            args.append(cur)
            cur = []
        else:
            cur.append(t)
        j += 1
    raise SyntaxError("call at line %d never closed" % toks[k].line)


def strip_parens(ts):
    while len(ts) >= 2 and ts[0].text == "(" and ts[-1].text == ")":
        depth = 0
        for idx, t in enumerate(ts):
            if t.kind == "punct" and t.text in OPEN:
                depth += 1
            elif t.kind == "punct" and t.text in CLOSE:
                depth -= 1
                if depth == 0 and idx != len(ts) - 1:
                    return ts
        ts = ts[1:-1]
    return ts


def top_level_ternary(ts):
    """(cond, then, else) when ts is `c ? a : b` at its top level."""
    depth, q = 0, None
    nest = 0
    for idx, t in enumerate(ts):
        if t.kind == "punct" and t.text in OPEN:
            depth += 1
        elif t.kind == "punct" and t.text in CLOSE:
            depth -= 1
        elif depth == 0 and t.kind == "punct" and t.text == "?":
            if q is None:
                q = idx
            else:
                nest += 1
        elif depth == 0 and t.kind == "punct" and t.text == ":" and q is not None:
            if nest:
                nest -= 1
            else:
                return ts[:q], ts[q + 1:idx], ts[idx + 1:]
    return None


PRI = re.compile(r"^PRI([diouxX])")


def alternatives(ts):
    """The strings an expression can be, when every result of it is a
    literal (adjacent literals joined; `c ? x : y` gives both); None when
    some result is not known."""
    ts = strip_parens(ts)
    if not ts:
        return None
    tern = top_level_ternary(ts)
    if tern:
        a, b = alternatives(tern[1]), alternatives(tern[2])
        if a is None or b is None:
            return None
        return a + [x for x in b if x not in a]
    if any(t.kind == "string" for t in ts) and all(t.kind == "string" or t.kind == "ident" for t in ts):
        s = []
        for t in ts:
            if t.kind == "string":
                s.append(t.value)
            elif PRI.match(t.text):
                s.append(PRI.match(t.text).group(1))   # "%" PRIu64 -> "%u"
            else:
                s.append("<%s>" % t.text)              # a macro: unknown text
        return ["".join(s)]
    return None


def constants(ts, table):
    """The constant names an argument can be (c ? A : B gives both); None
    when some result is not one of table."""
    ts = strip_parens(ts)
    tern = top_level_ternary(ts)
    if tern:
        a, b = constants(tern[1], table), constants(tern[2], table)
        return None if a is None or b is None else sorted(set(a + b))
    if len(ts) == 1 and ts[0].kind == "ident" and ts[0].text in table:
        return [ts[0].text]
    return None


CONV = re.compile(r"%(?P<flags>[-+ #0']*)(?P<width>\*|\d+)?(?:\.(?P<prec>\*|\d+))?"
                  r"(?P<len>hh|h|ll|l|j|z|t|L)?(?P<conv>[diouxXeEfFgGaAcspn%])")


def fill_in(fmt, args, cap=16):
    """Texts fmt can print: each %s whose argument is a literal (or a choice
    of literals) filled in; other conversions left as they are."""
    texts = [""]
    pos, a = 0, 0
    for m in CONV.finditer(fmt):
        lit = fmt[pos:m.start()]
        texts = [t + lit for t in texts]
        pos = m.end()
        if m.group("conv") == "%":
            texts = [t + "%" for t in texts]
            continue
        a += (m.group("width") == "*") + (m.group("prec") == "*")
        alt = None
        if m.group("conv") == "s" and a < len(args) and not m.group("width") and not m.group("prec"):
            alt = alternatives(args[a])
        a += 1
        if alt and len(texts) * len(alt) <= cap:
            texts = [t + x for t in texts for x in alt]
        else:
            texts = [t + m.group(0) for t in texts]
    return [t + fmt[pos:] for t in texts]


class Site:
    def __init__(self, path, line, func, kind):
        self.path, self.line, self.func, self.kind = path, line, func, kind
        self.sev = None         # 'note' / 'warning' / 'error' / None
        self.sev_var = False
        self.drop = None        # TS_DROP_ name / None (unknown)
        self.run = False        # a problem of the whole run (no file)
        self.formats = None     # literal alternatives, None = variable
        self.texts = []         # formats with literal %s arguments filled in
        self.fails = []         # (rule, message)
        self.known = []         # (rule, message, KNOWN entry)
        self.advice = []

    @property
    def base(self):
        return os.path.basename(self.path)

    def where(self):
        return "%s:%d" % (self.path, self.line)


def find_sites(path, src, header=False):
    """(message sites, usage sites, wrapper problems) of one C file; of a
    header only the wrapper problems (the forms are defined there)."""
    base = os.path.basename(path)
    toks = tokenize(src, path)
    sites, usage, problems = [], [], []
    depth = 0            # brace depth: 0 = file scope
    func = None          # the function whose body we are in
    last_call_name = None
    k = 0
    while k < len(toks):
        t = toks[k]
        if t.kind == "punct" and t.text == "{":
            if depth == 0 and not t.pp:
                func = last_call_name
            depth += 1
        elif t.kind == "punct" and t.text == "}":
            depth -= 1
            if depth == 0:
                func = None
                last_call_name = None
        elif t.kind == "punct" and t.text == ";" and depth == 0:
            last_call_name = None
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if t.kind != "ident" or not nxt or nxt.text != "(":
            k += 1
            continue
        if depth == 0 and not t.pp:
            last_call_name = t.text
        prev = toks[k - 1] if k else None
        # a declaration or definition (`void say(`, `int *f(`) or a macro
        # being defined (`#define ts_diag_note(`) is not a call
        decl = prev is not None and (
            (prev.kind == "ident" and prev.text not in CALL_AFTER_IDENT)
            or (prev.text == "*" and depth == 0)
            or (prev.pp and prev.text == "define"))
        name = t.text
        if decl:
            if name not in FORMS and name not in USAGE_FORMS and name not in NOT_MESSAGES:
                # a printf-like declaration: TS_PRINTF(...) after the ')'
                _, after = split_args(toks, k + 1)
                if after < len(toks) and toks[after].text == "TS_PRINTF":
                    problems.append(("WRAPPER", path, t.line,
                                     "%s() is printf-like (TS_PRINTF): add it to FORMS or NOT_MESSAGES" % name))
                if t.pp and prev.text == "define":
                    end = k
                    while end < len(toks) and toks[end].pp == t.pp:
                        end += 1
                    body = {x.text for x in toks[k + 1:end]}
                    calls = sorted(body & (set(FORMS) | {"vreport"}))
                    if calls:
                        problems.append(("WRAPPER", path, t.line,
                                         "macro %s() calls %s: add it to FORMS" % (name, ", ".join(calls))))
            k += 1
            continue
        if header or t.pp:
            # a call in a macro body is checked where the macro is used
            # (WRAPPER above makes sure that is a known form)
            k += 1
            continue
        form = FORMS.get(name)
        if form and form.get("only") not in (None, base):
            form = None
        if form and func in FORMS:
            form = None   # one form defined by another: checked where it is called
        if form:
            args, k2 = split_args(toks, k + 1)
            sites.append(make_site(path, t.line, func, name, form, args))
            k = k2
            continue
        if name in USAGE_FORMS:
            args, k2 = split_args(toks, k + 1)
            if (base, func) in IMPLEMENTATION:
                USED_IMPL.add((base, func))
            else:
                s = Site(path, t.line, func, "usage")
                i = USAGE_FORMS[name]
                s.formats = alternatives(args[i]) if i < len(args) else None
                s.texts = [f for f in (s.formats or [])]
                usage.append(s)
            k = k2
            continue
        if name in ("fprintf", "vfprintf", "fputs", "fputc", "putc", "fwrite", "perror",
                    "dprintf", "write"):
            args, k2 = split_args(toks, k + 1)
            s = direct_site(path, t.line, func, name, args)
            if s and (base, func) in IMPLEMENTATION:
                USED_IMPL.add((base, func))
            elif s:
                sites.append(s)
            k = k2
            continue
        k += 1
    return sites, usage, problems


def arg_const(args, spec, table):
    """A form's severity/drop: the constant, or the argument's constant(s)."""
    if isinstance(spec, str):
        return [spec], False
    if spec >= len(args):
        return None, True
    c = constants(args[spec], table)
    return c, c is None


def make_site(path, line, func, name, form, args):
    s = Site(path, line, func, name)
    spec = form["sev"]
    if isinstance(spec, str):
        s.sev = spec
    else:
        c = constants(args[spec], SEVS) if spec < len(args) else None
        if c and len(c) == 1:
            s.sev = SEVS[c[0]]
        else:
            s.sev_var = True
    d, _ = arg_const(args, form["drop"], DROPS)
    s.drop = d[0] if d and len(d) == 1 else None
    f = form["file"]
    s.run = f is None or (f < len(args) and [x.text for x in strip_parens(args[f])] == ["NULL"])
    i = form["fmt"]
    s.formats = alternatives(args[i]) if i < len(args) else None
    if s.formats is not None:
        s.texts = []
        for fmt in s.formats:
            for x in fill_in(fmt, args[i + 1:]):
                if x not in s.texts:
                    s.texts.append(x)
    return s


def direct_site(path, line, func, name, args):
    """A write to stderr outside the diagnostic forms, or None."""
    def is_stderr(a):
        txt = [x.text for x in strip_parens(a)]
        return txt == ["stderr"] or txt[-2:] == ["->", "out"] or txt in (["2"], ["STDERR_FILENO"])
    if name in ("fprintf", "vfprintf", "dprintf", "write"):
        stream, text = (args[0] if args else []), (args[1] if len(args) > 1 else [])
    elif name == "perror":
        stream, text = None, (args[0] if args else [])
    else:
        stream, text = (args[-1] if args else []), (args[0] if args else [])
    if stream is not None and not is_stderr(stream):
        return None
    s = Site(path, line, func, "direct")
    s.formats = alternatives(text)
    s.texts = list(s.formats or [])
    s.drop = "TS_DROP_NONE"
    for x in s.texts:
        body = x.lstrip("\r")
        if not body.startswith("tierstat: "):
            continue
        m = re.search(r": (note|warning|error): ", body)
        if m:
            s.sev = m.group(1)
            s.run = not re.match(r"tierstat: [^:]+: ", body)
            s.texts = [re.sub(r"^.*?: (note|warning|error): ", "", b.lstrip("\r"), count=1).rstrip("\n")
                       for b in s.texts]
            break
    return s


# ---------------------------------------------------------------------------
# The rules
# ---------------------------------------------------------------------------
def dropped(text):
    t = text.lower()
    for p, _ in NOTHING_LOST:
        t = t.replace(p, "")
    return [w for w in DROP_WORDS if w in t]


def check_site(s):
    """Failures (rule, message) and advice of one site."""
    fails, advice = [], []
    if s.sev_var:
        fails.append(("VARSEV", "the severity is not a constant: cannot check it"))
    if s.formats is None:
        fails.append(("VARFMT", "the format is not a literal: cannot check its words"))
    if s.sev is None:
        return fails, advice
    for text in s.texts:
        low = text.lower()
        words = dropped(text)
        if words and s.sev == "note":
            fails.append(("DROP", "a note says %s: must be a warning (or error for a whole file)"
                          % ", ".join("'%s'" % w for w in words)))
        if s.sev == "note" and s.drop not in (None, "TS_DROP_NONE"):
            fails.append(("NOTEDROP", "a note counts %s" % s.drop))
        if any(w in low for w in ALTERED_WORDS) and s.sev != "warning":
            fails.append(("ALTERED", "says a value was changed: must be a warning"))
        if s.sev == "error" and not s.run:
            whole = [w for w in WHOLE_FILE_WORDS if w in low]
            if not whole:
                fails.append(("ERROR", "an error about a file that does not say the whole file was left out"))
            elif s.drop not in (None, "TS_DROP_FILE"):
                fails.append(("ERROR", "an error about a whole file passes %s, not TS_DROP_FILE" % s.drop))
        if not (s.run and s.sev == "error"):
            if not re.search(r"\)\s*$", text) and not any(
                    b == s.base and f in low for b, f, _ in PAREN_EXCEPTIONS):
                advice.append("does not end with what was done in parentheses (M7: WHAT (WHAT WAS DONE))")
        if s.kind != "direct":
            fw = [w for w in ("(file skipped", "(row skipped)", "(value left out)") if w in low]
            want = {"(file skipped": "TS_DROP_FILE", "(row skipped)": "TS_DROP_ROW",
                    "(value left out)": "TS_DROP_CELL"}
            if fw and s.drop is not None and want[fw[0]] != s.drop:
                advice.append("says %s) but counts %s (the run summary)" % (fw[0], s.drop))
    # one failure per rule is enough
    seen, out = set(), []
    for r, m in fails:
        if r not in seen:
            seen.add(r)
            out.append((r, m))
    return out, sorted(set(advice))


def what_of(text):
    """The WHAT of a message: the text without its trailing (WHAT WAS DONE)."""
    return re.sub(r"\s*\([^()]*\)\s*$", "", text).strip()


USED_IMPL = set()


def audit(files, known, allow, impl_stale=False):
    """files: {path: source}. Returns (sites, usage, problems)."""
    sites, usage, problems = [], [], []
    USED_IMPL.clear()
    for path in sorted(files):
        try:
            a, b, c = find_sites(path, files[path], header=path.endswith(".h"))
        except SyntaxError as e:
            problems.append(("PARSE", path, 0, str(e)))
            continue
        sites += a
        usage += b
        problems += c
    # direct writes that are not diagnostics
    msgs = []
    for s in sites:
        if s.kind == "direct" and s.sev is None:
            low = " ".join(s.texts).lower()
            exc = [r for b, f, r in DIRECT_EXCEPTIONS if b == s.base and f in low]
            if exc:
                s.kind = "exempt"
                s.advice.append(exc[0])
            elif s.formats is None:
                s.fails.append(("DIRECT", "writes text that is not a literal to stderr: cannot check it"))
            elif any(t.lstrip("\r").startswith("tierstat: ") for t in s.texts):
                s.fails.append(("DIRECT", "writes a 'tierstat: ' line with no severity and no exception"))
            else:
                s.kind = "skip"   # the rest of a line begun elsewhere
            continue
        msgs.append(s)
    for s in msgs:
        f, a = check_site(s)
        s.fails += f
        s.advice += a
    # SAME: identical texts, different severities
    by_text, by_what = {}, {}
    for s in msgs:
        if s.sev is None:
            continue
        for t in s.texts:
            by_text.setdefault(t, []).append(s)
            by_what.setdefault(what_of(t), []).append((s, t))
    for t, ss in by_text.items():
        if len({x.sev for x in ss}) > 1:
            for x in ss:
                others = ", ".join("%s (%s)" % (o.where(), o.sev) for o in ss if o is not x)
                x.fails.append(("SAME", "'%s' is also printed by %s" % (t, others)))
    for w, sts in by_what.items():
        sevs = {s.sev for s, _ in sts}
        if len(sevs) > 1 and len({t for _, t in sts}) > 1:
            for s, t in sts:
                if any(r == "SAME" for r, _ in s.fails):
                    continue
                others = ", ".join(sorted({"%s (%s)" % (o.where(), o.sev) for o, _ in sts if o.sev != s.sev}))
                s.advice.append("SAMEWHAT: '%s' is %s here and %s" % (w, s.sev, others))
    # ALLOW: variable severity / format in a listed function
    used_allow = set()
    for s in msgs:
        if any(r in ("VARSEV", "VARFMT") for r, _ in s.fails):
            for i, (b, fn, reason) in enumerate(allow):
                if b == s.base and fn == s.func:
                    used_allow.add(i)
                    s.fails = [(r, m) for r, m in s.fails if r not in ("VARSEV", "VARFMT")]
                    s.advice.append("allowed: " + reason)
                    s.allowed = True
    # KNOWN: listed disagreements
    used_known = set()
    for s in msgs:
        keep = []
        for r, m in s.fails:
            hit = None
            for i, (b, rule, frag, todo) in enumerate(known):
                if b == s.base and rule == r and any(frag in t.lower() for t in s.texts):
                    hit = i
                    break
            if hit is None:
                keep.append((r, m))
            else:
                used_known.add(hit)
                s.known.append((r, m, known[hit][3]))
        s.fails = keep
    for i, e in enumerate(known):
        if i not in used_known:
            problems.append(("STALE", "tests/check-severities.py", 0, "KNOWN entry no longer needed (fixed? delete it): %s %s '%s'"
                             % (e[0], e[1], e[2])))
    for e in sorted(IMPLEMENTATION):
        if impl_stale and e not in USED_IMPL:
            problems.append(("STALE", "tests/check-severities.py", 0, "IMPLEMENTATION entry matches no write to stderr: %s %s()" % e))
    for i, e in enumerate(allow):
        if i not in used_allow:
            problems.append(("STALE", "tests/check-severities.py", 0, "ALLOW entry matches no call site: %s %s()" % (e[0], e[1])))
    return sites, usage, problems


def report(sites, usage, problems, quiet, out):
    checked = failed = known = 0
    for s in sites:
        if s.kind == "skip":
            continue
        shown = " | ".join(t.replace("\n", "\\n") for t in (s.formats if s.kind != "direct" and s.formats
                                                                else s.texts)) or "?"
        if s.kind == "exempt":
            if not quiet:
                print("%s: not a diagnostic: %s  [%s]" % (s.where(), shown.strip(), s.advice[0]), file=out)
            continue
        checked += 1
        sev = s.sev or ("variable" if s.sev_var else "none")
        plain = not s.fails and not s.known
        if not quiet or not plain or [a for a in s.advice if not a.startswith("allowed")]:
            print("%s: %s: %s%s" % (s.where(), sev, shown, "  [of the run]" if s.run else ""), file=out)
        for r, m in s.fails:
            print("    FAIL %s: %s" % (r, m), file=out)
        for r, m, todo in s.known:
            print("    KNOWN %s: %s\n        %s" % (r, m, todo), file=out)
        for a in s.advice:
            if not quiet or not a.startswith("allowed"):
                print("    advice: %s" % a, file=out)
        failed += bool(s.fails)
        known += bool(s.known and not s.fails)
    for r, path, line, m in problems:
        print("%s%s: FAIL %s: %s" % (path, ":%d" % line if line else "", r, m), file=out)
    failed += len(problems)
    if not quiet:
        for s in usage:
            print("%s: usage (exit 2): %s" % (s.where(), " | ".join(s.texts) or "?"), file=out)
    print("severity audit: %d checked, %d failed (%d known disagreements, %d usage errors listed)"
          % (checked, failed, known, len(usage)), file=out)
    return checked - failed - known, failed


# ---------------------------------------------------------------------------
# Self-test: snippets that must be flagged, and one that must pass
# ---------------------------------------------------------------------------
SELF_TESTS = [
    ("note_file_skipped", {"DROP"}, r'''
void f(struct ts_diag *d) {
	ts_diag_note(d, "a.csv", 0, "cannot read it (file skipped)");
}'''),
    ("variable_severity", {"VARSEV"}, r'''
void f(struct ts_diag *d, enum ts_sev sev) {
	ts_diag_report(d, sev, TS_DROP_NONE, "a.csv", 1, 0, "odd value (kept)");
}'''),
    ("ternary_severity", {"VARSEV"}, r'''
void f(struct ts_diag *d, int x) {
	ts_diag_report(d, x ? TS_WARNING : TS_NOTE, TS_DROP_NONE, "a.csv", 1, 0, "odd (kept)");
}'''),
    ("split_literals_comments", {"DROP"}, r'''
/* ts_diag_note(d, "x", 0, "in a comment (file skipped)") is not a call */
// ts_diag_note(d, "x", 0, "nor this (row skipped)");
void f(struct ts_diag *d) {
	const char *s = "ts_diag_note(d, f, 0, \"a string (row skipped)\")";
	char q = '"';
	ts_diag_report(d,
		       TS_NOTE, /* a comment, "with quotes" */ TS_DROP_NONE,
		       "a.csv", 3, 0,
		       "the value \"x\" "   // two literals ...
		       "was bad (value "
		       "left out)", s, q);
}'''),
    ("ternary_format", {"DROP"}, r'''
void f(struct ts_diag *d, int c) {
	ts_diag_note(d, "a.csv", 2, c ? "fine (used)" : (("bad (row skipped)")));
}'''),
    ("literal_argument", {"DROP"}, r'''
void f(struct ts_diag *d, int c, const char *v) {
	ts_diag_note(d, "a.csv", 2, "%.*s: '%s' is odd (%s)", 3, v, v, c ? "used" : "value left out");
}'''),
    ("error_for_a_row", {"ERROR"}, r'''
void f(struct ts_diag *d) {
	ts_diag_file_error(d, "a.csv", 4, "row too long (row skipped)");
}'''),
    ("new_forms", {"DROP", "ERROR"}, r'''
void f(struct ts_diag *d) {
	ts_diag_warn(d, TS_DROP_ROW, "a.csv", 4, "row too long (row skipped)");
	ts_diag_run(d, TS_NOTE, "a folder was left out");
	ts_diag_report(d, TS_ERROR, TS_DROP_CELL, "a.csv", 1, 0, "bad cell (value left out)");
}'''),
    ("note_counts_a_drop", {"NOTEDROP"}, r'''
void f(struct ts_diag *d) {
	ts_diag_report(d, TS_NOTE, TS_DROP_CELL, "a.csv", 1, 0, "a BOM (removed)");
}'''),
    ("same_words_two_severities", {"SAME"}, r'''
void f(struct ts_diag *d) {
	ts_diag_note(d, "a.csv", 1, "odd tier (the column is used)");
	ts_diag_report(d, TS_WARNING, TS_DROP_NONE, "b.csv", 1, 0, "odd tier (the column is used)");
}'''),
    ("altered_value", {"ALTERED"}, r'''
void f(struct ts_diag *d) {
	ts_diag_note(d, "a.csv", 1, "not UTF-8 (invalid bytes shown as U+FFFD)");
}'''),
    ("direct_stderr", {"DIRECT"}, r'''
void f(void) {
	fprintf(stderr, "tierstat: something happened\n");
	fprintf(stdout, "tierstat: a report line, not stderr\n");
}'''),
    ("direct_note_with_drop", {"DROP"}, r'''
void f(struct ts_diag *d) {
	fprintf(d->out, "tierstat: %s: note: %lu rows (row skipped)\n", "x", 1UL);
}'''),
    ("variable_format", {"VARFMT"}, r'''
void f(struct ts_diag *d, const char *m) {
	ts_diag_note(d, "a.csv", 1, m);
}'''),
    ("unknown_wrapper", {"WRAPPER"}, r'''
static void shout(struct ts_diag *d, const char *fmt, ...) TS_PRINTF(2, 3);
'''),
    ("macro_wrapper", {"WRAPPER"}, r'''
#define ts_diag_oops(d, ...) \
	ts_diag_report((d), TS_NOTE, TS_DROP_NONE, NULL, 0, 0, __VA_ARGS__)
#define QUOTE(q, s, n) ts_diag_quote((q), sizeof(q), (s), (n), TS_QUOTE_MAX)
'''),
    ("allowed_relay", set(), r'''
static void relay(struct ts_diag *d, struct msg *m) {
	ts_diag_report(d, m->sev, m->drop, m->rel, 0, 0, "%s", m->text);
}''', dict(allow=[("allowed_relay.c", "relay", "checked where queued")])),
    ("known_and_stale", {"STALE"}, r'''
void f(struct ts_diag *d) {
	ts_diag_note(d, "a.csv", 0, "cannot read it (file skipped)");
}''', dict(known=[("known_and_stale.c", "DROP", "cannot read it", "TODO: warning"),
                   ("known_and_stale.c", "DROP", "no such message", "TODO: stale")])),
    ("clean", set(), r'''
#include <stdio.h>
#define QUOTE(q, s, n) ts_diag_quote((q), sizeof(q), (s), (n), TS_QUOTE_MAX)
static const char *const names[] = { "x (file skipped)" };
void f(struct ts_diag *d, const char *s, int n, int c) {
	char q[TS_QUOTE_BUF];
	ts_diag_note(d, "a.csv", 1, "'%s' is not a finite number (left out of the statistics)", QUOTE(q, s, n));
	ts_diag_note(d, "a.csv", 2, "empty row (skipped)");
	ts_diag_report(d, TS_WARNING, TS_DROP_ROW, "a.csv", 3, 0, "row has %d field%s (row skipped)",
		       n, n == 1 ? "" : "s");
	ts_diag_file_error(d, "a.csv", 0, "cannot open: %s (file skipped)", s);
	ts_diag_report(d, TS_ERROR, TS_DROP_NONE, NULL, 0, 0, "cannot write '%s'", s);
	ts_diag_warn(d, TS_DROP_CELL, "a.csv", 4, "column '%s': '%s' is not %s (%s)", s, s,
		     c ? "a boolean (True/False)" : "a number", c ? "row counted as not successful" : "value left out");
	ts_diag_run(d, TS_WARNING, "--label: no tier '%s' (ignored)", s);
	ts_diag_note(d, NULL, 0, "odd \\ value '\x41\101' \"q\" (kept)");
	fprintf(stderr, "  a continuation line that does not start a message\n");
}
void ts_diag_run(struct ts_diag *d, enum ts_sev sev, const char *fmt, ...)
{
	ts_diag_report(d, sev, TS_DROP_NONE, NULL, 0, 0, "%s", fmt);   /* a form's own body */
}'''),
]


def self_test(out, quiet=False):
    passed = failed = 0
    for name, want, src, *lists in SELF_TESTS:
        lists = lists[0] if lists else {}
        sites, usage, problems = audit({"selftest/%s.c" % name: src},
                                       lists.get("known", []), lists.get("allow", []))
        got = {r for s in sites for r, _ in s.fails} | {p[0] for p in problems}
        ok = got == want
        if name == "split_literals_comments":
            # exactly the one real call, with the literals joined
            real = [s for s in sites if s.kind.startswith("ts_diag")]
            ok = ok and len(real) == 1 and real[0].texts == ['the value "x" was bad (value left out)'] \
                and real[0].line == 7
        if name == "clean":
            ok = ok and len([s for s in sites if s.kind.startswith("ts_diag")]) == 8 and \
                ["odd \\ value 'AA' \"q\" (kept)"] in [s.texts for s in sites]
        if name == "macro_wrapper":
            ok = ok and len(problems) == 1 and "ts_diag_oops" in problems[0][3]
        if name == "known_and_stale":
            ok = ok and len(problems) == 1 and "no such message" in problems[0][3] \
                and [r for s in sites for r, _, _ in s.known] == ["DROP"]
        if name == "literal_argument":
            ok = ok and sites[0].texts == ["%.*s: '%s' is odd (used)", "%.*s: '%s' is odd (value left out)"]
        if not ok or not quiet:
            print("self-test %s: %s (flagged %s, expected %s)"
                  % (name, "ok" if ok else "FAILED", sorted(got) or "nothing", sorted(want) or "nothing"),
                  file=out)
        passed += ok
        failed += not ok
    print("severity audit self-test: %d passed, %d failed" % (passed, failed), file=out)
    return passed, failed


def main(argv):
    quiet = "--quiet" in argv
    selftest = "--self-test" in argv
    rest = [a for a in argv if not a.startswith("--")]
    if "--rules" in argv:
        for rid, what, why in RULES:
            print("%s: %s\n    why: %s" % (rid, what, why))
        return 0
    if selftest:
        passed, failed = self_test(sys.stdout, quiet)
    else:
        src = rest[0] if rest else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")
        files = {}
        for fn in sorted(os.listdir(src)):
            if fn.endswith(".c") or fn.endswith(".h"):
                with open(os.path.join(src, fn), encoding="utf-8") as fh:
                    files["src/" + fn] = fh.read()
        try:
            sites, usage, problems = audit(files, KNOWN, ALLOW, impl_stale=True)
        except SyntaxError as e:
            print("severity audit: cannot parse: %s" % e)
            return 1
        passed, failed = report(sites, usage, problems, quiet, sys.stdout)
    counts = os.environ.get("TS_COUNTS")
    if counts:
        with open(counts, "a") as fh:
            fh.write("%d %d\n" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
