"""Messages of the DOCX import in Vietnamese (default) and English.

Same shape as :mod:`hgreport.i18n`: a key maps to a (Vietnamese, English) pair; the language
comes from the caller or from HGREPORT_LANG."""

from __future__ import annotations

from ..i18n import pick

MESSAGES: dict[str, tuple[str, str]] = {
    # files that cannot be imported
    "import_old_doc": (
        "Tệp “{path}” là tài liệu Word 97–2003 (.doc). Hãy mở tệp trong Word và lưu thành "
        ".docx (Tệp → Lưu thành…, chọn “Tài liệu Word (*.docx)”), rồi nhập tệp .docx đó.",
        "“{path}” is a Word 97–2003 document (.doc). Open it in Word and save it as .docx "
        "(File → Save As…, “Word Document (*.docx)”), then import the .docx file.",
    ),
    "import_needs_libreoffice": (
        "Tệp “{path}” là {kind}. Để nhập thẳng loại tệp này cần có LibreOffice trên máy, mà "
        "máy này chưa có. Hãy mở tệp trong Word và lưu thành .docx (Tệp → Lưu thành…, chọn "
        "“Tài liệu Word (*.docx)”), rồi nhập tệp .docx đó; hoặc cài LibreOffice rồi nhập lại.",
        "“{path}” is {kind}. Importing it directly needs LibreOffice, which is not installed "
        "on this computer. Open it in Word and save it as .docx (File → Save As…, “Word "
        "Document (*.docx)”), then import the .docx file; or install LibreOffice and try again.",
    ),
    "import_convert_failed": (
        "LibreOffice không chuyển được tệp “{path}” ({kind}) sang .docx ({detail}). Tệp có thể "
        "bị hỏng. Hãy mở tệp trong Word và lưu thành .docx, rồi nhập tệp .docx đó.",
        "LibreOffice could not convert “{path}” ({kind}) to .docx ({detail}). The file may be "
        "damaged. Open it in Word, save it as .docx, and import the .docx file.",
    ),
    "import_convert_timeout": (
        "LibreOffice chưa chuyển xong tệp “{path}” ({kind}) sau {seconds} giây nên đã bị dừng. "
        "Hãy mở tệp trong Word và lưu thành .docx, rồi nhập tệp .docx đó.",
        "LibreOffice had not finished converting “{path}” ({kind}) after {seconds} seconds "
        "and was stopped. Open the file in Word, save it as .docx, and import the .docx file.",
    ),
    "import_convert_cancelled": (
        "Đã dừng việc chuyển đổi tệp “{path}”; không có gì được nhập.",
        "Converting “{path}” was stopped; nothing was imported.",
    ),
    "import_html": (
        "Tệp “{path}” thực ra là một trang web (HTML), không phải tài liệu Word, nên không "
        "nhập thẳng được. Hãy mở tệp trong Word và lưu thành .docx (Tệp → Lưu thành…, chọn "
        "“Tài liệu Word (*.docx)”), rồi nhập tệp .docx đó.",
        "“{path}” is really a web page (HTML), not a Word document, so it cannot be imported "
        "directly. Open it in Word and save it as .docx (File → Save As…, “Word Document "
        "(*.docx)”), then import the .docx file.",
    ),
    "import_encrypted": (
        "Tệp “{path}” được đặt mật khẩu (mã hóa) nên không đọc được. Hãy mở tệp trong Word, bỏ "
        "mật khẩu (Tệp → Thông tin → Bảo vệ tài liệu), lưu lại rồi nhập lại.",
        "“{path}” is password-protected (encrypted) and cannot be read. Open it in Word, remove "
        "the password (File → Info → Protect Document), save it and import it again.",
    ),
    "import_damaged": (
        "Tệp “{path}” bị hỏng, không đọc được ({detail}). Hãy thử mở tệp trong Word để sửa, "
        "hoặc dùng một bản sao khác.",
        "“{path}” is damaged and cannot be read ({detail}). Try opening it in Word to repair "
        "it, or use another copy.",
    ),
    "import_not_word": (
        "Tệp “{path}” không phải là tài liệu Word (.docx, .doc), văn bản OpenDocument (.odt) "
        "hay RTF nên không nhập được.",
        "“{path}” is not a Word document (.docx, .doc), an OpenDocument text (.odt) or an RTF "
        "file, so it cannot be imported.",
    ),
    # what a file is, found from its content
    "kind_doc": ("tài liệu Word 97–2003 (.doc)", "a Word 97–2003 document (.doc)"),
    "kind_odt": ("văn bản OpenDocument (.odt)", "an OpenDocument text (.odt)"),
    "kind_rtf": ("văn bản RTF (.rtf)", "an RTF document (.rtf)"),
    "kind_html": ("trang web (HTML)", "a web page (HTML)"),
    "kind_docx": ("tài liệu Word (.docx)", "a Word document (.docx)"),
    "import_too_large": (
        "Tệp “{path}” quá lớn hoặc có cấu trúc bất thường ({detail}) nên không được nhập, để "
        "bảo vệ bộ nhớ và ổ đĩa của máy.",
        "“{path}” is too large or abnormally built ({detail}) and was refused, to protect the "
        "computer's memory and disk.",
    ),
    # details for import_too_large
    "detail_file_size": (
        "tệp {size} MB, giới hạn {limit} MB",
        "the file is {size} MB, the limit is {limit} MB",
    ),
    "detail_part_size": (
        "phần “{part}” giải nén ra {size} MB, giới hạn {limit} MB",
        "part “{part}” unpacks to {size} MB, the limit is {limit} MB",
    ),
    "detail_ratio": (
        "phần “{part}” nén {ratio} lần — dấu hiệu của tệp “bom nén”",
        "part “{part}” is compressed {ratio} times — the sign of a zip bomb",
    ),
    "detail_entries": (
        "{count} thành phần bên trong, giới hạn {limit}",
        "{count} parts inside, the limit is {limit}",
    ),
    "detail_nesting": (
        "cấu trúc lồng nhau quá sâu",
        "nesting too deep",
    ),
    "detail_elements": (
        "phần “{part}” có hơn {limit} thẻ XML",
        "part “{part}” holds more than {limit} XML elements",
    ),
    "detail_total_elements": (
        "các phần XML có tổng cộng hơn {limit} thẻ",
        "the XML parts hold more than {limit} elements in all",
    ),
    "detail_exit": (
        "LibreOffice dừng với mã {code}",
        "LibreOffice ended with code {code}",
    ),
    "detail_memory": (
        "máy không đủ bộ nhớ để đọc tệp",
        "there is not enough memory to read it",
    ),
    "progress_reading": (
        "Đang đọc {name}… (tệp .doc, .odt, .rtf được LibreOffice chuyển đổi trước, có thể mất "
        "vài giây)",
        "Reading {name}… (.doc, .odt and .rtf files are converted by LibreOffice first, which "
        "may take a few seconds)",
    ),
    # the import summary
    "summary_sections": (
        "Đã nhận {count} mục (cấp 1: {top}).",
        "Found {count} sections ({top} at the top level).",
    ),
    "summary_footnotes": (
        "Đã nhận {count} chú thích cuối trang.",
        "Found {count} footnotes.",
    ),
    "summary_endnotes": (
        "{count} chú thích cuối văn bản (endnote) đã chuyển thành chú thích cuối trang.",
        "{count} endnotes became footnotes.",
    ),
    "summary_intro": (
        "Phần mở đầu: {count} đoạn.",
        "Introduction: {count} paragraphs.",
    ),
    "summary_ending": (
        "Phần kết thúc: {count} đoạn.",
        "Ending: {count} paragraphs.",
    ),
    "summary_header": (
        "Phần đầu văn bản nhận được: {fields}.",
        "Header recognised: {fields}.",
    ),
    "summary_header_none": (
        "Không nhận được phần đầu văn bản (cơ quan ban hành, số, ngày tháng…); hãy nhập lại "
        "trong mục Thông tin văn bản.",
        "No header was recognised (issuer, number, date…); fill it in under Document details.",
    ),
    "summary_closing": (
        "Phần cuối văn bản nhận được: {fields}.",
        "Closing recognised: {fields}.",
    ),
    "summary_closing_none": (
        "Không nhận được phần nơi nhận và chữ ký.",
        "No recipients or signature were recognised.",
    ),
    "summary_problems": (
        "Cần xem lại ({count}):",
        "To check ({count}):",
    ),
    "summary_converted": (
        "Tệp là {kind}: đã được LibreOffice chuyển sang .docx rồi nhập.",
        "The file is {kind}: LibreOffice converted it to .docx, then it was imported.",
    ),
    "summary_converted_disguised": (
        "Tệp “{name}” thực ra là {kind} (không phải như đuôi {suffix} cho thấy): đã được "
        "LibreOffice chuyển sang .docx rồi nhập.",
        "“{name}” is really {kind} (not what its {suffix} name says): LibreOffice converted it "
        "to .docx, then it was imported.",
    ),
    "summary_inferred": (
        "Chương trình đã tự suy ra ({count}), hãy kiểm tra lại:",
        "Inferred by the program ({count}), check them:",
    ),
    "summary_no_problems": (
        "Không phát hiện vấn đề nào.",
        "No problems found.",
    ),
    # names of the recognised fields
    "field_issuer": ("cơ quan ban hành", "issuer"),
    "field_superior": ("cơ quan cấp trên", "superior body"),
    "field_number": ("số, ký hiệu", "number"),
    "field_draft_mark": ("dấu dự thảo", "draft mark"),
    "field_urgency": ("độ khẩn", "urgency"),
    "field_place_date": ("địa danh và ngày tháng", "place and date"),
    "field_type_name": ("tên loại văn bản", "document type"),
    "field_summary": ("trích yếu", "summary"),
    "field_rule": ("dòng “-----”", "the “-----” line"),
    "field_party_title": ("tiêu đề “ĐẢNG CỘNG SẢN VIỆT NAM”", "the “ĐẢNG CỘNG SẢN VIỆT NAM” title"),
    "field_recipients": ("nơi nhận ({count})", "recipients ({count})"),
    "field_authority": ("thẩm quyền ký", "signing authority"),
    "field_position": ("chức vụ người ký", "signer's position"),
    "field_signer": ("họ tên người ký", "signer's name"),
    # problems found while importing
    "problem_fake_footnote": (
        "{where}: số “{text}” viết chỉ số trên trông như chú thích nhưng không phải chú thích "
        "của Word; đã giữ nguyên là chữ chỉ số trên. Nếu là chú thích, hãy tạo lại chú thích.",
        "{where}: the superscript “{text}” looks like a footnote mark but is not a Word "
        "footnote; it was kept as superscript text. If it is a footnote, add it again.",
    ),
    "problem_nested_table": (
        "{where}: {count} bảng nằm trong ô của một bảng khác đã được chuyển thành các đoạn "
        "văn trong ô đó (báo cáo không chứa bảng trong bảng).",
        "{where}: {count} tables inside a cell of another table became paragraphs of that "
        "cell (a report holds no tables in tables).",
    ),
    "problem_images": (
        "{count} hình ảnh hoặc khung văn bản không được nhập.",
        "{count} images or text boxes were not imported.",
    ),
    "problem_numbering_gap": (
        "Mục “{title}”: số in sẵn “{found}” không liền sau mục trước (số mục được đánh lại "
        "tự động).",
        "Section “{title}”: its printed number “{found}” does not follow the previous one "
        "(sections are renumbered automatically).",
    ),
    "problem_missing_note": (
        "{count} tham chiếu tới chú thích không có trong tệp đã được bỏ qua.",
        "{count} references to footnotes the file does not contain were skipped.",
    ),
    "problem_unreferenced_note": (
        "Chú thích “{text}” có trong tệp nhưng không gắn với vị trí nào trong văn bản; đã giữ "
        "lại để xử lý.",
        "Footnote “{text}” is in the file but has no reference in the text; it was kept.",
    ),
    "problem_unrecognised_header": (
        "Dòng “{text}” ở phần đầu văn bản không nhận dạng được; đã giữ lại trong phần mở đầu.",
        "The header line “{text}” was not recognised; it was kept in the introduction.",
    ),
    "problem_unrecognised_closing": (
        "Dòng “{text}” ở phần cuối văn bản không nhận dạng được; đã giữ lại trong phần kết "
        "thúc.",
        "The closing line “{text}” was not recognised; it was kept in the ending.",
    ),
    "problem_cut_body": (
        "Văn bản vượt giới hạn nhập (hơn {limit}); phần từ “{text}” trở về sau không được "
        "nhập.",
        "The document is over the import limit (more than {limit}); the text from “{text}” "
        "onwards was not imported.",
    ),
    "problem_cut_note_text": (
        "Phần chú thích vượt giới hạn nhập (hơn {limit}); các chú thích từ “{text}” trở về "
        "sau không được nhập.",
        "The footnotes are over the import limit (more than {limit}); the footnotes from "
        "“{text}” onwards were not imported.",
    ),
    "limit_paragraphs": ("{limit} đoạn", "{limit} paragraphs"),
    "limit_runs": ("{limit} đoạn chữ định dạng", "{limit} runs of text"),
    "problem_cut_notes": (
        "Tệp có quá nhiều chú thích (giới hạn {limit}); {count} chú thích sau cùng không được "
        "nhập.",
        "The file has too many footnotes (the limit is {limit}); the last {count} were not "
        "imported.",
    ),
    "problem_cut_copies": (
        "{count} tham chiếu lặp lại tới cùng một chú thích đã bị bỏ vì các bản sao chú thích "
        "vượt giới hạn nhập.",
        "{count} repeated references to one footnote were dropped: the copies of the footnote "
        "would exceed the import limit.",
    ),
    "problem_too_deep": (
        "{count} phần nội dung lồng nhau quá sâu (bảng trong bảng, khung trong khung… quá "
        "{limit} lớp) không được nhập.",
        "{count} pieces of content nested too deep (tables in tables, text boxes in text "
        "boxes… more than {limit} levels) were not imported.",
    ),
    "problem_note_referenced_twice": (
        "Chú thích “{text}” được tham chiếu {count} lần trong văn bản; mỗi tham chiếu sau lần "
        "đầu đã được gắn một bản sao riêng của chú thích (như khi sao chép).",
        "Footnote “{text}” is referenced {count} times in the text; every reference after the "
        "first got its own copy of the footnote (as when copying).",
    ),
    "problem_duplicate_note_id": (
        "Tệp có {count} chú thích khác nhau cùng số hiệu {id} (chú thích đầu: “{text}”); đã "
        "giữ tất cả, mỗi chú thích một số riêng, đặt theo thứ tự tham chiếu — hãy kiểm tra "
        "lại vị trí.",
        "The file holds {count} different footnotes under one id, {id} (the first: “{text}”); "
        "all were kept, each with its own number, in the order of the references — check where "
        "they are placed.",
    ),
    "problem_duplicate_note_same": (
        "Tệp có {count} chú thích giống hệt nhau cùng số hiệu {id} (“{text}”); đã giữ một.",
        "The file holds {count} identical footnotes under one id, {id} (“{text}”); one was "
        "kept.",
    ),
    "problem_nested_note_ref": (
        "{count} tham chiếu chú thích nằm bên trong một chú thích khác đã được bỏ qua (chú "
        "thích không chứa chú thích).",
        "{count} footnote references inside another footnote were skipped (footnotes hold no "
        "footnotes).",
    ),
    "problem_more": (
        "… và {count} trường hợp khác như vậy.",
        "… and {count} more like these.",
    ),
    "problem_more_lines": (
        "… và {count} dòng khác như vậy.",
        "… and {count} more lines like these.",
    ),
    "problem_no_sections": (
        "Không tìm thấy đề mục nào (I., 1., 1.1., a) hoặc kiểu Heading của Word); toàn bộ nội "
        "dung nằm trong phần mở đầu.",
        "No headings were found (I., 1., 1.1., a) or Word Heading styles); all the text is in "
        "the introduction.",
    ),
    # what the import inferred (listed for the clerk to check)
    "inferred_type": (
        "Dòng “{text}” ở đầu văn bản dùng {how}; đã lấy làm tên loại văn bản “{name}” (ký hiệu "
        "{code}), không tạo thành một mục.",
        "The line “{text}” at the top uses {how}; it was taken as the document type “{name}” "
        "(code {code}), not as a section.",
    ),
    "inferred_type_plain": (
        "Dòng “{text}” ở đầu văn bản đã được lấy làm tên loại văn bản “{name}” (ký hiệu "
        "{code}).",
        "The line “{text}” at the top was taken as the document type “{name}” (code {code}).",
    ),
    "inferred_summary": (
        "Dòng “{text}” dưới tên loại văn bản đã được lấy làm trích yếu.",
        "The line “{text}” under the document type was taken as the summary.",
    ),
    "inferred_issuer": (
        "“{text}” được lấy làm cơ quan ban hành theo vị trí (dòng chữ in hoa đầu văn bản), vì "
        "không có số, ký hiệu hay ngày tháng để đối chiếu.",
        "“{text}” was taken as the issuer from its place (the capitals at the top): there is "
        "no number or date line to confirm it.",
    ),
    "inferred_level": (
        "Mục “{title}” dùng {how} nhưng số viết cho thấy cấp {level}: đã lấy cấp {level}{more}.",
        "Section “{title}” uses {how} but its written number says level {level}: level {level} "
        "was taken{more}.",
    ),
    "inferred_level_unnumbered": (
        "Mục “{title}” dùng {how}, không có số viết: đã lấy cấp {level} như các mục có số cùng "
        "kiểu{more}.",
        "Section “{title}” uses {how} and has no written number: it took level {level}, as the "
        "numbered sections of that style did{more}.",
    ),
    "inferred_more": (
        " (và {count} mục khác như vậy)",
        " (and {count} more like it)",
    ),
    "inferred_parts": (
        "Văn bản chia thành {count} phần (“{first}” …): mỗi phần là một mục cấp 1, các mục I., "
        "1. … bên trong lùi xuống một cấp; số mục in ra theo thể thức của báo cáo.",
        "The document is divided into {count} parts (“{first}” …): each part is a level 1 "
        "section and the I., 1. … sections inside go one level down; the printed numbers "
        "follow the report's layout.",
    ),
    "how_style": ("kiểu {style}", "the style {style}"),
    "how_outline": ("cấp đề cương {level}", "outline level {level}"),
    "empty": ("", ""),
    "where_intro": ("Phần mở đầu", "Introduction"),
    "where_ending": ("Phần kết thúc", "Ending"),
    "where_section": ("Mục “{title}”", "Section “{title}”"),
    "where_footnote": ("Chú thích “{text}”", "Footnote “{text}”"),
}


def message(key: str, lang: str | None = None, **args) -> str:
    """The message ``key`` in ``lang`` (default: the current language)."""
    return pick(MESSAGES, key, lang, **args)
