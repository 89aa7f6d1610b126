"""The command line: ``hgreport`` starts the window; subcommands work on report files.

User errors print one clear line (Vietnamese by default, ``--lang en`` for English) and exit
with a non-zero code; they never print a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__, errors
from .i18n import LANGUAGES, current_language, message, pick

if TYPE_CHECKING:
    from .model import Report
    from .numbering import Numbering
    from .selftest import ExtraStep
    from .storage import ReportStore

# The engine is imported inside the commands: `hgreport` alone starts the window, and its
# cold start should not pay for the storage and export modules before the window shows.

COMMANDS = ("new", "info", "search", "check", "export", "import", "merge", "conflicts", "copy",
            "draft", "suggestions")

_UI = {
    # key: (Vietnamese, English)
    "created": ("Đã tạo báo cáo {path}", "Created report {path}"),
    "sections": ("Mục", "Sections"),
    "footnotes": ("Chú thích", "Footnotes"),
    "words": ("Số từ", "Words"),
    "problems": ("Vấn đề", "Problems"),
    "none": ("không có", "none"),
    "no_hits": ("Không tìm thấy “{words}”.", "No match for “{words}”."),
    "check_ok": ("Tệp {path} không có lỗi: {sections} mục, {footnotes} chú thích.",
                 "{path} is sound: {sections} sections, {footnotes} footnotes."),
    "check_bad": ("Tệp {path} có {count} lỗi:", "{path} has {count} problems:"),
    "exported": ("Đã xuất {path}", "Exported {path}"),
    "imported": ("Đã nhập {source} thành {path}", "Imported {source} into {path}"),
    "copied": ("Đã ghi bản sao {path}", "Wrote a copy to {path}"),
    "no_conflicts": ("Không có xung đột nào cần giải quyết.", "No conflicts to resolve."),
    "window_broken": ("Không mở được cửa sổ chương trình: {detail}",
                      "Cannot start the window: {detail}"),
    "no_window": ("Lệnh này chỉ có các lệnh dòng lệnh (new, info, export…), không có cửa sổ. "
                  "Hãy mở chương trình bằng lệnh “hgreport” hoặc biểu tượng của nó.",
                  "This command has the command-line commands only (new, info, export…), not "
                  "the window. Start the program with “hgreport” or its icon."),
    "kind_intro": ("Mở đầu", "Introduction"),
    "kind_ending": ("Phần kết", "Ending"),
    "kind_footnote": ("Chú thích", "Footnote"),
    "interrupted": ("Đã dừng.", "Stopped."),
    "warning": ("Cảnh báo: {text}", "Warning: {text}"),
    "exported_compare": ("Đã xuất {path} (so sánh: {ins} chỗ thêm, {dels} chỗ xóa)",
                         "Exported {path} (compare: {ins} insertions, {dels} deletions)"),
    "comments": ("Góp ý: {n} ({open} chưa giải quyết)", "Comments: {n} ({open} open)"),
    "exported_comments": ("Đã xuất {path} kèm {n} góp ý", "Exported {path} with {n} comments"),
    "decided": ("Đã xử lý {n} đề xuất.", "Decided {n} suggestions."),
    "outdated": ("Chưa chấp nhận được (đoạn văn đã sửa sau góp ý): “{text}”",
                 "Not accepted (the paragraph changed after the review): “{text}”"),
    "no_suggestions": ("Không có đề xuất nào chờ xử lý.", "No suggestions to decide."),
    "no_drafts": ("Báo cáo chưa có dự thảo nào được đánh dấu.",
                  "The report has no marked draft yet."),
    "draft_marked": ("Đã đánh dấu “{name}” ({sections} mục, {footnotes} chú thích).",
                     "Marked “{name}” ({sections} sections, {footnotes} footnotes)."),
}


def _t(key: str, **args) -> str:
    return pick(_UI, key, None, **args)


def _numbering(report: Report) -> Numbering:
    from .numbering import Numbering
    from .resources import load_profile

    return Numbering.from_profile(load_profile(report.profile))


def _open(path: str, read_only: bool = True) -> ReportStore:
    from .storage import ReportStore

    store = ReportStore.open(path, author=_author(), read_only=read_only)
    notice = store.recovery_notice(current_language())
    if notice:  # an interrupted save was rolled back: say so, the command goes on
        print(notice, file=sys.stderr)
    return store


def _author() -> str:
    return os.environ.get("HGREPORT_AUTHOR") or os.environ.get("USERNAME") or \
        os.environ.get("USER") or ""


def report_summary(report: Report, lang: str | None = None) -> dict:
    """The ``info --json`` object."""
    from .checks import find_problems
    from .model import walk_tree

    numbering = _numbering(report)
    numbers = report.footnote_numbers()

    def node(n) -> dict:
        return {"id": n.section.id, "number": n.number, "title": n.section.title,
                "words": n.section.word_count(),
                "tables": [{"rows": b.n_rows, "cols": b.n_cols}
                           for b in n.section.body if b.kind == "table"],
                "children": [node(c) for c in n.children]}

    tree = report.tree(numbering)
    titles = {n.section.id: n.section.title for n in walk_tree(tree)}
    footnotes = [{"id": fn.id, "number": num, "section": titles.get(sid, ""),
                  "text": fn.plain_text} for num, fn, sid in report.footnotes_in_order()]
    footnotes += [{"id": fid, "number": None, "section": "", "text": fn.plain_text}
                  for fid, fn in report.footnotes.items() if fid not in numbers]
    return {
        "header": report.header.to_dict(),
        "closing": report.closing.to_dict(),
        "profile": report.profile,
        "sections": [node(n) for n in tree],
        "footnotes": footnotes,
        "words": report.word_count(),
        "problems": [p.message(lang) for p in find_problems(report, numbering)],
    }


# -- commands ------------------------------------------------------------------------------
def cmd_new(args) -> int:
    from .interchange import load_report_json
    from .resources import load_profile, template_names, template_path
    from .storage import ReportStore

    name = "sample" if args.sample else args.template
    if name not in template_names():
        raise errors.UnknownTemplate(template=name)
    report = load_report_json(template_path(name))
    if args.profile:
        report.profile = load_profile(args.profile).id  # an unknown id lists the known ones
    ReportStore.create(args.file, report, author=_author()).close()
    print(_t("created", path=args.file))
    return 0


def cmd_info(args) -> int:
    from .model import walk_tree
    from .review.comments import comments_summary

    with _open(args.file) as store:
        report = store.load_report()
        comments = comments_summary(store, report)
    summary = report_summary(report)
    summary["comments"] = comments
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
        return 0
    h = report.header
    print(f"{h.type_name} {h.summary}".strip())
    print(f"{h.issuer} · {h.place}")
    print(f"{_t('sections')}:")
    for n in walk_tree(report.tree(_numbering(report))):
        print(f"{'  ' * n.level}{n.number} {n.section.title}  [{n.section.word_count()}]")
    print(f"{_t('footnotes')}: {len(summary['footnotes'])}")
    print(f"{_t('words')}: {summary['words']}")
    if comments:
        print(_t("comments", n=len(comments),
                 open=sum(1 for c in comments if not c["resolved"])))
    print(f"{_t('problems')}: " + ("; ".join(summary["problems"]) or _t("none")))
    return 0


def cmd_search(args) -> int:
    from .model import walk_tree

    words = " ".join(args.words)
    with _open(args.file) as store:
        hits = store.search(words)
        report = store.load_report()
    numbering = _numbering(report)
    labels = {n.section.id: f"{n.number} {n.section.title}"
              for n in walk_tree(report.tree(numbering))}
    labels[report.intro.id] = _t("kind_intro")
    labels[report.ending.id] = _t("kind_ending")
    numbers = report.footnote_numbers()
    rows = []
    for h in hits:
        if h.kind == "footnote":
            where = f"{_t('kind_footnote')} {numbers.get(h.entity_id, '?')}"
        else:
            where = labels.get(h.entity_id, h.entity_id)
        rows.append({"id": h.entity_id, "kind": h.kind, "where": where, "snippet": h.snippet})
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif not rows:
        print(_t("no_hits", words=words))
    else:
        for r in rows:
            print(f"{r['where']}: {r['snippet']}")
    return 0


def cmd_check(args) -> int:
    from .checks import find_problems

    with _open(args.file) as store:
        found = [message("problem_integrity", detail=p)
                 for p in store.integrity_problems()]
        report = store.load_report()
    found += [p.message() for p in find_problems(report, _numbering(report), content=False)]
    if found:
        print(_t("check_bad", path=args.file, count=len(found)))
        for p in found:
            print(f"- {p}")
        return 1
    print(_t("check_ok", path=args.file, sections=len(report.sections),
             footnotes=len(report.footnotes)))
    return 0


def cmd_export(args) -> int:
    from .export import export_docx, suggested_filename

    if args.compare is not None:
        return _export_compare(args)
    if args.comments:
        return _export_comments(args)
    from .review.drafts import export_stamp

    with _open(args.file) as store:
        report = store.load_report()
        stamp = export_stamp(store)
    _warn_damage(report)
    if args.profile:
        report.profile = args.profile
    out = Path(args.output) if args.output else Path(args.file).with_name(
        suggested_filename(report, Path(args.file).resolve().parent))
    if out.suffix.lower() == ".pdf":  # the format follows the extension: PDF, else Word
        from .pages.pdf import export_pdf

        written = export_pdf(report, out)
    else:
        written = export_docx(report, out, stamp=stamp)
    print(_t("exported", path=written))
    return 0


def _warn_damage(report: Report) -> None:
    """Say on standard error what of the file could not be read; the command goes on with
    what could (a damaged section is written with a visible notice)."""
    from .checks import find_damage

    for problem in find_damage(report, _numbering(report)):
        print(_t("warning", text=problem.message()), file=sys.stderr)


def _export_compare(args) -> int:
    """``export --compare DRAFT``: today's text with tracked changes against the draft."""
    from .export import suggested_filename
    from .review.compare import export_compare

    with _open(args.file) as store:
        out = Path(args.output) if args.output else Path(args.file).with_name(
            Path(suggested_filename(store.load_report())).stem + " - so sánh.docx")
        written, counts = export_compare(store, args.compare, out)
    print(_t("exported_compare", path=written, ins=counts["ins"], dels=counts["del"]))
    return 0


def _export_comments(args) -> int:
    """``export --comments``: the official document with the comments as Word comments."""
    from .export import suggested_filename
    from .review.word_comments import export_with_comments

    with _open(args.file) as store:
        out = Path(args.output) if args.output else Path(args.file).with_name(
            Path(suggested_filename(store.load_report())).stem + " - góp ý.docx")
        written, count = export_with_comments(store, out, lang=current_language())
    print(_t("exported_comments", path=written, n=count))
    return 0


def _bring_back(args) -> int:
    """``import REVIEWED.docx --into FILE``: a reviewed Word file back into its report."""
    from .review.bringback import bring_back

    with _open(args.into, read_only=False) as store:
        result = bring_back(store, args.source, author=args.author)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        for line in result.summary_lines(current_language()):
            print(line)
    return 0


def cmd_suggestions(args) -> int:
    from .review.suggestions import accept, decide_all, list_suggestions, reject

    with _open(args.file, read_only=args.accept is None and args.reject is None) as store:
        if args.accept == "all" or args.reject == "all":
            done, left = decide_all(store, accepting=args.accept == "all")
            print(_t("decided", n=done))
            for s in left:
                print(_t("outdated", text=s.text[:80]))
            return 0 if not left else 1
        if args.accept or args.reject:
            (accept if args.accept else reject)(store, args.accept or args.reject)
            print(_t("decided", n=1))
            return 0
        found = list_suggestions(store)
    if args.json:
        print(json.dumps([s.to_dict() for s in found], ensure_ascii=False, indent=2))
    elif not found:
        print(_t("no_suggestions"))
    else:
        for s in found:
            print(f"{s.id}  {s.kind}  {s.author}: {s.text[:80]}")
    return 0


def cmd_draft(args) -> int:
    from .review.drafts import list_drafts, mark_draft

    if args.name is None:
        with _open(args.file) as store:
            found = list_drafts(store)
        if args.json:
            print(json.dumps([d.to_dict() for d in found], ensure_ascii=False, indent=2))
        elif not found:
            print(_t("no_drafts"))
        else:
            for d in found:
                print(f"{d.name}\t{d.created_at[:16].replace('T', ' ')}\t{d.author}")
        return 0
    follow = {"yes": True, "no": False}.get(args.mark)
    with _open(args.file, read_only=False) as store:
        draft = mark_draft(store, args.name, follow)
    print(_t("draft_marked", name=draft.name, sections=draft.sections,
             footnotes=draft.footnotes))
    return 0


def cmd_import(args) -> int:
    from .importer import import_file
    from .storage import ReportStore

    if args.into:
        return _bring_back(args)

    result = import_file(args.source)  # .docx; .doc, .odt, .rtf through LibreOffice
    out = args.output or str(Path(args.source).with_suffix(".db"))
    ReportStore.create(out, result.report, author=_author()).close()
    for line in result.summary_lines(current_language()):
        print(line)
    print(_t("imported", source=args.source, path=out))
    return 0


def cmd_merge(args) -> int:
    from .merge import merge_copy

    result = merge_copy(args.mine, args.other, author=_author())
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        for line in result.summary_lines(current_language()):
            print(line)
    return 0


def cmd_conflicts(args) -> int:
    from .merge import list_conflicts

    with _open(args.file) as store:
        found = list_conflicts(store)
    if args.json:
        print(json.dumps([c.to_dict() for c in found], ensure_ascii=False, indent=2))
    elif not found:
        print(_t("no_conflicts"))
    else:
        for c in found:
            print(c.describe(current_language()))
    return 0


def cmd_copy(args) -> int:
    with _open(args.file) as store:
        store.copy_to(args.output)
    print(_t("copied", path=args.output))
    return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="hgreport",
        description="Soạn báo cáo của cấp ủy Đảng và xuất Word đúng thể thức "
                    "(Party committee reports in the official layout).",
    )
    p.add_argument("--version", action="version", version=f"hgreport {__version__}")
    p.add_argument("--lang", choices=LANGUAGES, help="ngôn ngữ / language (vi, en)")
    p.add_argument("--self-test", action="store_true",
                   help="tự kiểm tra chương trình / run the built-in self-test")
    sub = p.add_subparsers(dest="command")

    s = sub.add_parser("new", help="tạo báo cáo mới / create a report")
    s.add_argument("file")
    g = s.add_mutually_exclusive_group()
    g.add_argument("--template", default="annual")
    g.add_argument("--sample", action="store_true")
    s.add_argument("--profile", help="mẫu trình bày / format profile (hd36-2018, nd30-2020)")
    s.set_defaults(func=cmd_new)

    s = sub.add_parser("info", help="thông tin báo cáo / describe a report")
    s.add_argument("file")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_info)

    s = sub.add_parser("search", help="tìm kiếm / search")
    s.add_argument("file")
    s.add_argument("words", nargs="+")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_search)

    s = sub.add_parser("check", help="kiểm tra tệp / check a file")
    s.add_argument("file")
    s.set_defaults(func=cmd_check)

    s = sub.add_parser("export", help="xuất Word / export DOCX")
    s.add_argument("file")
    s.add_argument("-o", "--output")
    s.add_argument("--profile")
    s.add_argument("--compare", metavar="DỰ_THẢO",
                   help="đánh dấu thay đổi so với dự thảo / tracked changes since a draft")
    s.add_argument("--comments", action="store_true",
                   help="kèm các góp ý dạng chú giải Word / with the comments as Word comments")
    s.set_defaults(func=cmd_export)

    s = sub.add_parser("suggestions", help="đề xuất sửa từ bản góp ý / suggested changes")
    s.add_argument("file")
    g = s.add_mutually_exclusive_group()
    g.add_argument("--accept", metavar="ID|all")
    g.add_argument("--reject", metavar="ID|all")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_suggestions)

    s = sub.add_parser("draft", help="đánh dấu dự thảo / name a draft (no name: list them)")
    s.add_argument("file")
    s.add_argument("name", nargs="?")
    s.add_argument("--mark", choices=("yes", "no", "auto"), default="auto",
                   help="dấu dự thảo ở tiêu đề theo tên / header draft mark follows the name")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_draft)

    s = sub.add_parser("import", help="nhập từ Word / import DOCX, DOC, ODT, RTF")
    s.add_argument("source")
    s.add_argument("-o", "--output")
    s.add_argument("--into", metavar="BAO-CAO.db",
                   help="nhập bản góp ý vào báo cáo / bring a reviewed file into its report")
    s.add_argument("--author", help="tên người góp ý / the reviewer's name")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_import)

    s = sub.add_parser("merge", help="hợp nhất bản sao / merge another copy")
    s.add_argument("mine")
    s.add_argument("other")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_merge)

    s = sub.add_parser("conflicts", help="xung đột cần giải quyết / open conflicts")
    s.add_argument("file")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_conflicts)

    s = sub.add_parser("copy", help="ghi bản sao an toàn / write a consistent copy")
    s.add_argument("file")
    s.add_argument("output")
    s.set_defaults(func=cmd_copy)
    return p


def _split_open_path(argv: list[str]) -> tuple[list[str], str | None]:
    """``hgreport [options] FILE.db`` opens a file in the window: pull the path out."""
    rest, path = [], None
    skip = False
    for i, a in enumerate(argv):
        if skip:
            rest.append(a)
            skip = False
            continue
        if a == "--lang":
            rest.append(a)
            skip = True
        elif a.startswith("-"):
            rest.append(a)
        elif a in COMMANDS:
            return argv, None
        elif path is None:
            path = a
            rest.extend(argv[i + 1:])
            break
    return rest, path


WindowStarter = Callable[[str | None, str], int]


def window_unavailable(exc: Exception) -> int:
    """Say that the window's code cannot load (a damaged installation); exit code 11."""
    print(_t("window_broken", detail=exc), file=sys.stderr)
    return 11


def main(argv: list[str] | None = None, *, start_window: WindowStarter | None = None,
         self_test_steps: Sequence[ExtraStep] = ()) -> int:
    """The ``hgreport`` command. The window is not part of the engine: the program's entry
    point (``ui.launch``) passes ``start_window(path, language)`` and the window's self-test
    steps; without them, ``hgreport`` alone says the window is not installed."""
    argv = list(sys.argv[1:] if argv is None else argv)
    rest, path = _split_open_path(argv)
    args = _parser().parse_args(rest)
    if args.lang:
        os.environ["HGREPORT_LANG"] = args.lang
    try:
        if args.self_test:
            from .selftest import run_self_test

            return 0 if run_self_test(extra_steps=self_test_steps) else 1
        if args.command is None:
            if start_window is None:
                print(_t("no_window"), file=sys.stderr)
                return 11
            return start_window(path, current_language())
        return args.func(args)
    except errors.ReportError as exc:
        print(exc.message(current_language()), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(_t("interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader stopped early (``hgreport info R.db | head``): not an error; keep Python
        # from complaining again when it flushes standard output at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
