<?xml version='1.0' encoding='UTF-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN" sourcelanguage="en">
    <context>
        <name>Dialogs</name>
        <message>
            <source>hgreport reports (*.db)</source>
            <translation>Báo cáo hgreport (*.db)</translation>
        </message>
        <message>
            <source>All files (*)</source>
            <translation>Tất cả các tệp (*)</translation>
        </message>
        <message>
            <source>Open report</source>
            <translation>Mở báo cáo</translation>
        </message>
        <message>
            <source>Save the new report as</source>
            <translation>Lưu báo cáo mới thành</translation>
        </message>
        <message>
            <source>Welcome to hgreport</source>
            <translation>Chào mừng đến với hgreport</translation>
        </message>
        <message>
            <source>What would you like to do?</source>
            <translation>Bạn muốn làm gì?</translation>
        </message>
        <message>
            <source>A report is kept in one .db file that holds its sections, text and footnotes. Word files are made from it with Export.</source>
            <translation>Mỗi báo cáo là một tệp .db chứa các mục, nội dung và chú thích. Tệp Word được tạo ra từ đó bằng nút Xuất.</translation>
        </message>
        <message>
            <source>New report from template</source>
            <translation>Báo cáo mới từ mẫu</translation>
        </message>
        <message>
            <source>Open the sample report</source>
            <translation>Mở báo cáo mẫu</translation>
        </message>
        <message>
            <source>Open…</source>
            <translation>Mở…</translation>
        </message>
        <message>
            <source>Changed by someone else</source>
            <translation>Người khác đã sửa</translation>
        </message>
        <message>
            <source>“%1” was changed by someone else while you were editing it.</source>
            <translation>“%1” đã được người khác sửa trong lúc bạn đang soạn.</translation>
        </message>
        <message>
            <source>Keep your version (theirs stays in the history) or take theirs (yours stays in the history)?</source>
            <translation>Giữ bản của bạn (bản của họ vẫn còn trong lịch sử) hay lấy bản của họ (bản của bạn vẫn còn trong lịch sử)?</translation>
        </message>
        <message>
            <source>Keep mine</source>
            <translation>Giữ bản của tôi</translation>
        </message>
        <message>
            <source>Take theirs</source>
            <translation>Lấy bản của họ</translation>
        </message>
        <message>
            <source>Export finished</source>
            <translation>Đã xuất xong</translation>
        </message>
        <message>
            <source>The Word file was written:</source>
            <translation>Đã ghi tệp Word:</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Mở</translation>
        </message>
        <message>
            <source>Show in folder</source>
            <translation>Mở thư mục chứa tệp</translation>
        </message>
        <message>
            <source>hgreport</source>
            <translation>hgreport</translation>
        </message>
        <message>
            <source>Their changes to other paragraphs are already combined with yours. You both changed the same paragraph: keep your version, take theirs, or keep both one after the other? (The other version stays in the history.)</source>
            <translation>Những thay đổi của họ ở các đoạn khác đã được ghép với của bạn. Hai người cùng sửa một đoạn: giữ bản của bạn, lấy bản của họ, hay giữ cả hai (đoạn này nối tiếp đoạn kia)? (Bản còn lại vẫn nằm trong lịch sử.)</translation>
        </message>
        <message>
            <source>Keep both</source>
            <translation>Giữ cả hai</translation>
        </message>
        <message>
            <source>Section in use</source>
            <translation>Mục đang có người sửa</translation>
        </message>
        <message>
            <source>%1 is editing “%2” right now.</source>
            <translation>%1 đang sửa “%2”.</translation>
        </message>
        <message>
            <source>You can edit it too: nothing is lost, and if you both change the same paragraph you will be asked which version to keep.</source>
            <translation>Bạn vẫn có thể sửa: không mất chữ nào, và nếu hai người cùng sửa một đoạn, chương trình sẽ hỏi giữ bản nào.</translation>
        </message>
        <message>
            <source>Edit anyway</source>
            <translation>Sửa dù sao</translation>
        </message>
        <message>
            <source>Only read</source>
            <translation>Chỉ xem</translation>
        </message>
        <message>
            <source>Send a copy: save the copy as</source>
            <translation>Gửi một bản sao: lưu bản sao thành</translation>
        </message>
        <message>
            <source>Merge another copy of this report</source>
            <translation>Hợp nhất một bản sao khác của báo cáo này</translation>
        </message>
        <message>
            <source>The Word file exists</source>
            <translation>Tệp Word đã có</translation>
        </message>
        <message>
            <source>“%1” is already in this folder.</source>
            <translation>Thư mục này đã có tệp “%1”.</translation>
        </message>
        <message>
            <source>Replace it with the new export, or keep both (the new one as “%1”)?</source>
            <translation>Thay tệp đó bằng bản vừa xuất, hay giữ cả hai (bản mới mang tên “%1”)?</translation>
        </message>
        <message>
            <source>Replace</source>
            <translation>Thay thế</translation>
        </message>
    </context>
    <context>
        <name>FindBar</name>
        <message>
            <source>Find</source>
            <translation>Tìm</translation>
        </message>
        <message>
            <source>Replace with</source>
            <translation>Thay bằng</translation>
        </message>
        <message>
            <source>Ignore accents</source>
            <translation>Không phân biệt dấu</translation>
        </message>
        <message>
            <source>Match case</source>
            <translation>Phân biệt hoa thường</translation>
        </message>
        <message>
            <source>Whole report</source>
            <translation>Toàn báo cáo</translation>
        </message>
        <message>
            <source>Find next</source>
            <translation>Tìm tiếp</translation>
        </message>
        <message>
            <source>Replace</source>
            <translation>Thay</translation>
        </message>
        <message>
            <source>Replace all</source>
            <translation>Thay tất cả</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Đóng</translation>
        </message>
        <message>
            <source>Replace:</source>
            <translation>Thay:</translation>
        </message>
        <message>
            <source>Find:</source>
            <translation>Tìm:</translation>
        </message>
        <message>
            <source>Without accents, “ky luat” finds “kỷ luật”. A search typed with accents finds exactly those accents.</source>
            <translation>Gõ không dấu, “ky luat” tìm được “kỷ luật”. Gõ có dấu thì tìm đúng những dấu đã gõ.</translation>
        </message>
    </context>
    <context>
        <name>FootnotePanel</name>
        <message>
            <source>Filter footnotes (accents optional)…</source>
            <translation>Lọc chú thích (gõ có dấu hoặc không dấu)…</translation>
        </message>
        <message>
            <source>No.</source>
            <translation>Số</translation>
        </message>
        <message>
            <source>Section</source>
            <translation>Mục</translation>
        </message>
        <message>
            <source>Text</source>
            <translation>Nội dung</translation>
        </message>
        <message>
            <source>Delete footnote</source>
            <translation>Xóa chú thích</translation>
        </message>
        <message>
            <source>Deletes the reference and its text (Ctrl+Z in the section brings both back)</source>
            <translation>Xóa dấu chú thích và nội dung của nó (Ctrl+Z trong mục sẽ lấy lại cả hai)</translation>
        </message>
        <message>
            <source>Select a footnote to edit its text.</source>
            <translation>Chọn một chú thích để sửa nội dung.</translation>
        </message>
        <message>
            <source>⚠ referenced %1 times: </source>
            <translation>⚠ được đánh dấu %1 lần: </translation>
        </message>
        <message>
            <source>⚠ a reference without footnote text</source>
            <translation>⚠ có dấu chú thích nhưng thiếu nội dung</translation>
        </message>
        <message>
            <source>no reference in the text</source>
            <translation>không có dấu chú thích trong văn bản</translation>
        </message>
        <message>
            <source>⚠ no reference: </source>
            <translation>⚠ không có dấu chú thích: </translation>
        </message>
        <message>
            <source>%1 footnotes</source>
            <translation>%1 chú thích</translation>
        </message>
        <message>
            <source>%1 to fix</source>
            <translation>%1 lỗi cần sửa</translation>
        </message>
        <message>
            <source>Write its text</source>
            <translation>Viết nội dung</translation>
        </message>
        <message>
            <source>Attach at the cursor</source>
            <translation>Gắn vào vị trí con trỏ</translation>
        </message>
        <message>
            <source>Make the second a copy</source>
            <translation>Tách thành chú thích riêng</translation>
        </message>
        <message>
            <source>Footnote %1:</source>
            <translation>Chú thích %1:</translation>
        </message>
        <message>
            <source>after “…%1”</source>
            <translation>sau “…%1”</translation>
        </message>
        <message>
            <source>Back to the reference in the text</source>
            <translation>Quay về dấu chú thích trong văn bản</translation>
        </message>
        <message>
            <source>Type the footnote&apos;s text. Esc goes back to the text.</source>
            <translation>Gõ nội dung chú thích. Nhấn Esc để quay về văn bản.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Compare with a &amp;draft…</source>
            <translation>&amp;So sánh với dự thảo…</translation>
        </message>
        <message>
            <source>What changed since a draft, section by section, word by word</source>
            <translation>Những gì đã thay đổi so với một dự thảo, từng mục, từng chữ</translation>
        </message>
        <message>
            <source>you, in another window</source>
            <translation>bạn, ở cửa sổ khác</translation>
        </message>
        <message>
            <source>Read only: %1 is editing this section (their hold runs until %2 and is renewed while they work in it). Click “Edit anyway” to edit it too, or wait: this bar goes away by itself when they leave.</source>
            <translation>Chỉ xem: %1 đang sửa mục này (giữ mục đến %2, tự gia hạn khi họ còn làm việc trong mục). Bấm “Sửa dù sao” để cùng sửa, hoặc chờ: thanh này tự biến mất khi họ rời mục.</translation>
        </message>
        <message>
            <source>Nobody else is editing this section now: you can edit it.</source>
            <translation>Không còn ai khác sửa mục này: bạn có thể sửa.</translation>
        </message>
        <message>
            <source>%1 is also editing this section. If you both change the same paragraph, you will be asked which version to keep.</source>
            <translation>%1 cũng đang sửa mục này. Nếu hai người cùng sửa một đoạn, chương trình sẽ hỏi giữ bản nào.</translation>
        </message>
        <message>
            <source>You also have this section open in another window on this PC. Both windows save into the same file: what you type in one appears in the other.</source>
            <translation>Bạn cũng đang mở mục này ở một cửa sổ khác trên máy này. Cả hai cửa sổ lưu vào cùng một tệp: chữ gõ ở cửa sổ này sẽ hiện ở cửa sổ kia.</translation>
        </message>
        <message>
            <source>This report is open read-only: the text cannot be changed.</source>
            <translation>Báo cáo này được mở ở chế độ chỉ đọc: không sửa được nội dung.</translation>
        </message>
        <message>
            <source>This section is damaged and read-only: bring back a good version from its history (Ctrl+Alt+H).</source>
            <translation>Mục này bị hỏng nên chỉ xem được: hãy lấy lại một bản tốt từ lịch sử của mục (Ctrl+Alt+H).</translation>
        </message>
        <message>
            <source>Read only: %1 is editing this section. “Edit anyway” is above the text.</source>
            <translation>Chỉ xem: %1 đang sửa mục này. Nút “Sửa dù sao” ở phía trên văn bản.</translation>
        </message>
        <message>
            <source>This text cannot be changed here.</source>
            <translation>Không sửa được văn bản này ở đây.</translation>
        </message>
        <message>
            <source>&amp;Zoom</source>
            <translation>&amp;Thu phóng</translation>
        </message>
        <message>
            <source>Zoom out</source>
            <translation>Thu nhỏ</translation>
        </message>
        <message>
            <source>Zoom in</source>
            <translation>Phóng to</translation>
        </message>
        <message>
            <source>Zoom of the text (Ctrl+wheel); the report does not change</source>
            <translation>Thu phóng chữ (Ctrl+lăn chuột); báo cáo không thay đổi</translation>
        </message>
        <message>
            <source>Back to 100 % (Ctrl+0)</source>
            <translation>Về 100 % (Ctrl+0)</translation>
        </message>
        <message>
            <source>T&amp;able</source>
            <translation>&amp;Bảng</translation>
        </message>
        <message>
            <source>This report is opened read-only: changes cannot be saved to it.</source>
            <translation>Báo cáo này được mở ở chế độ chỉ đọc: không lưu được thay đổi.</translation>
        </message>
        <message>
            <source>&amp;New report from template…</source>
            <translation>Báo cáo &amp;mới từ mẫu…</translation>
        </message>
        <message>
            <source>&amp;Open…</source>
            <translation>&amp;Mở…</translation>
        </message>
        <message>
            <source>E&amp;xport to Word</source>
            <translation>&amp;Xuất ra Word</translation>
        </message>
        <message>
            <source>Write the Word file next to the report (Ctrl+E)</source>
            <translation>Ghi tệp Word vào cùng thư mục với báo cáo (Ctrl+E)</translation>
        </message>
        <message>
            <source>Document &amp;properties…</source>
            <translation>&amp;Thông tin văn bản…</translation>
        </message>
        <message>
            <source>Issuer, number, date, summary, recipients, signature</source>
            <translation>Cơ quan ban hành, số, ngày tháng, trích yếu, nơi nhận, chữ ký</translation>
        </message>
        <message>
            <source>&amp;Save now</source>
            <translation>&amp;Lưu ngay</translation>
        </message>
        <message>
            <source>Everything is saved automatically; this saves at once</source>
            <translation>Mọi thay đổi đều được lưu tự động; lệnh này lưu ngay lập tức</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>T&amp;hoát</translation>
        </message>
        <message>
            <source>&amp;Undo</source>
            <translation>&amp;Hoàn tác</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>&amp;Làm lại</translation>
        </message>
        <message>
            <source>&amp;Find…</source>
            <translation>&amp;Tìm…</translation>
        </message>
        <message>
            <source>&amp;Replace…</source>
            <translation>&amp;Thay thế…</translation>
        </message>
        <message>
            <source>&amp;Bold</source>
            <translation>Chữ đậ&amp;m</translation>
        </message>
        <message>
            <source>&amp;Italic</source>
            <translation>Chữ &amp;nghiêng</translation>
        </message>
        <message>
            <source>&amp;Underline</source>
            <translation>&amp;Gạch chân</translation>
        </message>
        <message>
            <source>Su&amp;perscript</source>
            <translation>Chỉ số &amp;trên</translation>
        </message>
        <message>
            <source>Su&amp;bscript</source>
            <translation>Chỉ số &amp;dưới</translation>
        </message>
        <message>
            <source>&amp;Justify</source>
            <translation>Căn đề&amp;u hai bên</translation>
        </message>
        <message>
            <source>Align &amp;left</source>
            <translation>Căn &amp;trái</translation>
        </message>
        <message>
            <source>&amp;Centre</source>
            <translation>Căn &amp;giữa</translation>
        </message>
        <message>
            <source>Align &amp;right</source>
            <translation>Căn &amp;phải</translation>
        </message>
        <message>
            <source>Insert &amp;footnote</source>
            <translation>Chèn &amp;chú thích</translation>
        </message>
        <message>
            <source>Insert a footnote at the cursor (Ctrl+Alt+F)</source>
            <translation>Chèn chú thích cuối trang tại con trỏ (Ctrl+Alt+F)</translation>
        </message>
        <message>
            <source>Add section &amp;after</source>
            <translation>Thêm mục &amp;ngang cấp</translation>
        </message>
        <message>
            <source>Add &amp;subsection</source>
            <translation>Thêm mục &amp;con</translation>
        </message>
        <message>
            <source>&amp;Rename section</source>
            <translation>Đổi &amp;tên mục</translation>
        </message>
        <message>
            <source>&amp;Delete section</source>
            <translation>&amp;Xóa mục</translation>
        </message>
        <message>
            <source>Restore a deleted section…</source>
            <translation>Khôi phục mục đã xóa…</translation>
        </message>
        <message>
            <source>Move &amp;up</source>
            <translation>Chuyển &amp;lên</translation>
        </message>
        <message>
            <source>Move do&amp;wn</source>
            <translation>Chuyển &amp;xuống</translation>
        </message>
        <message>
            <source>&amp;Promote (one level up)</source>
            <translation>&amp;Nâng lên một cấp</translation>
        </message>
        <message>
            <source>D&amp;emote (one level down)</source>
            <translation>&amp;Hạ xuống một cấp</translation>
        </message>
        <message>
            <source>&amp;Footnotes panel</source>
            <translation>Bảng &amp;chú thích</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Tệp</translation>
        </message>
        <message>
            <source>Open &amp;recent</source>
            <translation>Mở &amp;gần đây</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>&amp;Sửa</translation>
        </message>
        <message>
            <source>F&amp;ormat</source>
            <translation>Định &amp;dạng</translation>
        </message>
        <message>
            <source>&amp;Insert</source>
            <translation>&amp;Chèn</translation>
        </message>
        <message>
            <source>&amp;Sections</source>
            <translation>&amp;Mục</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Xem</translation>
        </message>
        <message>
            <source>&amp;Language</source>
            <translation>&amp;Ngôn ngữ</translation>
        </message>
        <message>
            <source>Main</source>
            <translation>Thanh công cụ</translation>
        </message>
        <message>
            <source>B</source>
            <comment>bold button</comment>
            <translation>Đ</translation>
        </message>
        <message>
            <source>I</source>
            <comment>italic button</comment>
            <translation>N</translation>
        </message>
        <message>
            <source>U</source>
            <comment>underline button</comment>
            <translation>G</translation>
        </message>
        <message>
            <source>All changes are saved.</source>
            <translation>Mọi thay đổi đã được lưu.</translation>
        </message>
        <message>
            <source>Rename with F2 in the section tree</source>
            <translation>Đổi tên bằng phím F2 trong cây mục</translation>
        </message>
        <message>
            <source>New section</source>
            <translation>Mục mới</translation>
        </message>
        <message>
            <source>Section deleted. Undo (Ctrl+Z) or Sections → Restore brings it back.</source>
            <translation>Đã xóa mục. Hoàn tác (Ctrl+Z) hoặc Mục → Khôi phục để lấy lại.</translation>
        </message>
        <message>
            <source>No deleted sections.</source>
            <translation>Không có mục nào đã xóa.</translation>
        </message>
        <message>
            <source>Footnote deleted. Ctrl+Z brings it back.</source>
            <translation>Đã xóa chú thích. Nhấn Ctrl+Z để lấy lại.</translation>
        </message>
        <message>
            <source>Not found</source>
            <translation>Không tìm thấy</translation>
        </message>
        <message>
            <source>%1 replaced</source>
            <translation>Đã thay %1 chỗ</translation>
        </message>
        <message>
            <source>Export to Word is not available in this build.</source>
            <translation>Bản cài đặt này chưa có chức năng xuất ra Word.</translation>
        </message>
        <message>
            <source>Writing the Word file…</source>
            <translation>Đang ghi tệp Word…</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>Xuất</translation>
        </message>
        <message>
            <source>Cannot write the Word file: %1</source>
            <translation>Không ghi được tệp Word: %1</translation>
        </message>
        <message>
            <source>%1 points to check</source>
            <translation>%1 điểm cần xem lại</translation>
        </message>
        <message>
            <source>no problems found</source>
            <translation>không thấy vấn đề gì</translation>
        </message>
        <message>
            <source>Exported to %1 — %2</source>
            <translation>Đã xuất ra %1 — %2</translation>
        </message>
        <message>
            <source>(none)</source>
            <translation>(chưa có)</translation>
        </message>
        <message>
            <source>The language changes the next time hgreport starts.</source>
            <translation>Ngôn ngữ sẽ đổi ở lần mở hgreport tiếp theo.</translation>
        </message>
        <message>
            <source> [read-only]</source>
            <translation> [chỉ đọc]</translation>
        </message>
        <message>
            <source>✔ Saved</source>
            <translation>✔ Đã lưu</translation>
        </message>
        <message>
            <source>Saving…</source>
            <translation>Đang lưu…</translation>
        </message>
        <message>
            <source>Not saved yet</source>
            <translation>Chưa lưu</translation>
        </message>
        <message>
            <source>⚠ Not saved — will retry</source>
            <translation>⚠ Chưa lưu được — sẽ thử lại</translation>
        </message>
        <message>
            <source>Section: %1 words · Report: %2 words</source>
            <translation>Mục: %1 từ · Báo cáo: %2 từ</translation>
        </message>
        <message>
            <source>Not saved</source>
            <translation>Chưa lưu</translation>
        </message>
        <message>
            <source>Your latest changes could not be saved:
%1

Close anyway and lose them?</source>
            <translation>Chưa lưu được những thay đổi mới nhất:
%1

Vẫn đóng và bỏ các thay đổi đó?</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>&amp;Trợ giúp</translation>
        </message>
        <message>
            <source>&amp;About hgreport</source>
            <translation>&amp;Giới thiệu hgreport</translation>
        </message>
        <message>
            <source>Send a &amp;copy…</source>
            <translation>Gửi một &amp;bản sao…</translation>
        </message>
        <message>
            <source>Write a consistent copy of the report to send on USB or by e-mail</source>
            <translation>Ghi một bản sao hoàn chỉnh của báo cáo để gửi qua USB hoặc thư điện tử</translation>
        </message>
        <message>
            <source>&amp;Merge another copy…</source>
            <translation>Hợ&amp;p nhất bản sao khác…</translation>
        </message>
        <message>
            <source>Bring the changes of a copy that came back into this report</source>
            <translation>Đưa các thay đổi của một bản sao gửi về vào báo cáo này</translation>
        </message>
        <message>
            <source>Con&amp;flicts to resolve…</source>
            <translation>Xung đột cần giải &amp;quyết…</translation>
        </message>
        <message>
            <source>&amp;Backup folder</source>
            <translation>Thư mục &amp;sao lưu</translation>
        </message>
        <message>
            <source>Automatic copies made when a report is opened and closed</source>
            <translation>Các bản sao tự động tạo khi mở và đóng báo cáo</translation>
        </message>
        <message>
            <source>Section &amp;history…</source>
            <translation>Lịch &amp;sử mục…</translation>
        </message>
        <message>
            <source>Earlier versions of this section: who, when, compare, restore</source>
            <translation>Các phiên bản trước của mục này: ai sửa, khi nào, so sánh, khôi phục</translation>
        </message>
        <message>
            <source>⚠ Network folder</source>
            <translation>⚠ Thư mục mạng</translation>
        </message>
        <message>
            <source>This report is in a shared network folder. hgreport waits and retries when someone else is saving, and never overwrites their work silently; but if the network drops, SQLite cannot protect the file. To carry the report on a USB stick or by e-mail, use File → Send a copy… (never copy the open file).</source>
            <translation>Báo cáo này nằm trong thư mục dùng chung trên mạng. hgreport chờ và thử lại khi người khác đang lưu, và không bao giờ ghi đè âm thầm lên phần việc của họ; nhưng nếu mạng bị ngắt, SQLite không bảo vệ được tệp. Để mang báo cáo đi bằng USB hoặc gửi thư điện tử, hãy dùng Tệp → Gửi một bản sao… (đừng sao chép tệp đang mở).</translation>
        </message>
        <message>
            <source>👥 Also open by: %1</source>
            <translation>👥 Cũng đang mở: %1</translation>
        </message>
        <message>
            <source>⏳ The file is busy: someone else is saving. Waiting and retrying…</source>
            <translation>⏳ Tệp đang bận: người khác đang lưu. Đang chờ và thử lại…</translation>
        </message>
        <message>
            <source>Changes saved by others were taken in.</source>
            <translation>Đã cập nhật các thay đổi do người khác lưu.</translation>
        </message>
        <message>
            <source>Someone else deleted “%1” (Sections → Restore a deleted section… brings it back).</source>
            <translation>Người khác vừa xóa “%1” (Mục → Khôi phục mục đã xóa… để lấy lại).</translation>
        </message>
        <message>
            <source>Choose another name: a copy cannot replace the report itself.</source>
            <translation>Hãy chọn tên khác: bản sao không thể thay thế chính báo cáo này.</translation>
        </message>
        <message>
            <source>Copy written: %1</source>
            <translation>Đã ghi bản sao: %1</translation>
        </message>
        <message>
            <source>Merging the copy…</source>
            <translation>Đang hợp nhất bản sao…</translation>
        </message>
        <message>
            <source>Copy merged.</source>
            <translation>Đã hợp nhất bản sao.</translation>
        </message>
        <message>
            <source>⚠ Not saved yet — file busy (someone else is saving), waiting and retrying…</source>
            <translation>⚠ Chưa lưu — tệp đang bận (người khác đang lưu), đang chờ và thử lại…</translation>
        </message>
        <message>
            <source>&amp;Import from Word…</source>
            <translation>&amp;Nhập từ tệp Word…</translation>
        </message>
        <message>
            <source>Your &amp;name and unit…</source>
            <translation>&amp;Tên và đơn vị của bạn…</translation>
        </message>
        <message>
            <source>Footnote on the &amp;heading</source>
            <translation>Chú thích ở &amp;tiêu đề mục</translation>
        </message>
        <message>
            <source>Attach a footnote to the end of this section's heading</source>
            <translation>Gắn một chú thích vào cuối tiêu đề của mục này</translation>
        </message>
        <message>
            <source>Choose a numbered section in the list first.</source>
            <translation>Hãy chọn một mục có số trong danh sách trước.</translation>
        </message>
        <message>
            <source>Footnote deleted from the heading. Undo in the section list brings it back.</source>
            <translation>Đã xóa chú thích ở tiêu đề. Hoàn tác trong danh sách mục để lấy lại.</translation>
        </message>
        <message>
            <source>Delete the section chosen in the list (restorable)</source>
            <translation>Xóa mục đang chọn trong danh sách (có thể khôi phục)</translation>
        </message>
        <message>
            <source>&amp;Section list</source>
            <translation>&amp;Danh sách mục</translation>
        </message>
        <message>
            <source>Show or hide the section list (F8)</source>
            <translation>Hiện hoặc ẩn danh sách mục (F8)</translation>
        </message>
        <message>
            <source>Show or hide the footnote panel (F9)</source>
            <translation>Hiện hoặc ẩn bảng chú thích (F9)</translation>
        </message>
        <message>
            <source>&amp;Next pane</source>
            <translation>&amp;Khung kế tiếp</translation>
        </message>
        <message>
            <source>&amp;Previous pane</source>
            <translation>Khung &amp;trước</translation>
        </message>
        <message>
            <source>Move between the section list, the text and the footnotes</source>
            <translation>Chuyển qua lại giữa danh sách mục, văn bản và bảng chú thích</translation>
        </message>
        <message>
            <source>Cu&amp;t</source>
            <translation>&amp;Cắt</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation>Sao ché&amp;p</translation>
        </message>
        <message>
            <source>&amp;Paste</source>
            <translation>&amp;Dán</translation>
        </message>
        <message>
            <source>Select &amp;all</source>
            <translation>Chọ&amp;n tất cả</translation>
        </message>
        <message>
            <source>&amp;Keyboard shortcuts</source>
            <translation>&amp;Phím tắt</translation>
        </message>
        <message>
            <source>Every key of the window (F1)</source>
            <translation>Mọi phím tắt của cửa sổ (F1)</translation>
        </message>
        <message>
            <source>In the section list</source>
            <translation>Trong danh sách mục</translation>
        </message>
        <message>
            <source>In the text</source>
            <translation>Trong văn bản</translation>
        </message>
        <message>
            <source>In the footnote panel</source>
            <translation>Trong bảng chú thích</translation>
        </message>
        <message>
            <source>The section list</source>
            <translation>Danh sách mục</translation>
        </message>
        <message>
            <source>The footnote panel</source>
            <translation>Bảng chú thích</translation>
        </message>
        <message>
            <source>%1 is hidden to keep the text readable; %2 shows it.</source>
            <translation>%1 được ẩn để văn bản đủ rộng mà đọc; nhấn %2 để hiện lại.</translation>
        </message>
        <message>
            <source>No program on this computer opens Word files (.docx). The file is written: %1
Install Word or LibreOffice, or take the file to a computer that has one.</source>
            <translation>Máy tính này không có chương trình nào mở được tệp Word (.docx). Tệp đã được ghi: %1
Hãy cài Word hoặc LibreOffice, hoặc mở tệp trên máy tính khác có các chương trình đó.</translation>
        </message>
        <message>
            <source>The folder cannot be shown on this computer. The file is in: %1</source>
            <translation>Máy tính này không mở được thư mục. Tệp nằm trong: %1</translation>
        </message>
    </context>
    <context>
        <name>ProblemsDialog</name>
        <message>
            <source>Points to check before sending</source>
            <translation>Những điểm cần xem lại trước khi gửi</translation>
        </message>
        <message>
            <source>The Word file was still written. Double-click a line to go to the section.</source>
            <translation>Tệp Word vẫn đã được ghi. Nhấp đúp vào một dòng để đến mục đó.</translation>
        </message>
    </context>
    <context>
        <name>PropertiesDialog</name>
        <message>
            <source>Document properties</source>
            <translation>Thông tin văn bản</translation>
        </message>
        <message>
            <source>Format profile:</source>
            <translation>Mẫu trình bày:</translation>
        </message>
        <message>
            <source>e.g. ĐẢNG BỘ TỈNH … (may be empty)</source>
            <translation>ví dụ ĐẢNG BỘ TỈNH … (có thể để trống)</translation>
        </message>
        <message>
            <source>empty while a draft</source>
            <translation>để trống khi còn là dự thảo</translation>
        </message>
        <message>
            <source>One recipient per line, e.g. - Ban Bí thư,</source>
            <translation>Mỗi dòng một nơi nhận, ví dụ - Ban Bí thư,</translation>
        </message>
        <message>
            <source>Header</source>
            <translation>Tiêu đề văn bản</translation>
        </message>
        <message>
            <source>Superior body:</source>
            <translation>Cơ quan cấp trên:</translation>
        </message>
        <message>
            <source>Issuing body:</source>
            <translation>Cơ quan ban hành:</translation>
        </message>
        <message>
            <source>Type code:</source>
            <translation>Ký hiệu loại:</translation>
        </message>
        <message>
            <source>Issuer code:</source>
            <translation>Ký hiệu cơ quan:</translation>
        </message>
        <message>
            <source>Number:</source>
            <translation>Số:</translation>
        </message>
        <message>
            <source>Document type:</source>
            <translation>Loại văn bản:</translation>
        </message>
        <message>
            <source>Place:</source>
            <translation>Địa danh:</translation>
        </message>
        <message>
            <source>day</source>
            <translation>ngày</translation>
        </message>
        <message>
            <source>month</source>
            <translation>tháng</translation>
        </message>
        <message>
            <source>year</source>
            <translation>năm</translation>
        </message>
        <message>
            <source>Date:</source>
            <translation>Ngày tháng:</translation>
        </message>
        <message>
            <source>Summary:</source>
            <translation>Trích yếu:</translation>
        </message>
        <message>
            <source>Draft mark:</source>
            <translation>Dấu dự thảo:</translation>
        </message>
        <message>
            <source>Urgency:</source>
            <translation>Độ khẩn:</translation>
        </message>
        <message>
            <source>Recipients and signature</source>
            <translation>Nơi nhận và chữ ký</translation>
        </message>
        <message>
            <source>Recipients:</source>
            <translation>Nơi nhận:</translation>
        </message>
        <message>
            <source>Signing on behalf of:</source>
            <translation>Thẩm quyền ký:</translation>
        </message>
        <message>
            <source>Position:</source>
            <translation>Chức vụ:</translation>
        </message>
        <message>
            <source>Signer:</source>
            <translation>Người ký:</translation>
        </message>
        <message>
            <source>Preview of the header as printed</source>
            <translation>Xem trước phần đầu văn bản khi in</translation>
        </message>
        <message>
            <source>(blank)</source>
            <translation>(để trống)</translation>
        </message>
    </context>
    <context>
        <name>RestoreDialog</name>
        <message>
            <source>Restore a deleted section</source>
            <translation>Khôi phục mục đã xóa</translation>
        </message>
        <message>
            <source>(untitled)</source>
            <translation>(chưa có tên)</translation>
        </message>
        <message>
            <source>Deleted sections (newest first):</source>
            <translation>Các mục đã xóa (mới nhất trước):</translation>
        </message>
        <message>
            <source>No.</source>
            <translation>Số</translation>
        </message>
        <message>
            <source>Section and its first words</source>
            <translation>Mục và những chữ đầu</translation>
        </message>
        <message>
            <source>Deleted at</source>
            <translation>Xóa lúc</translation>
        </message>
        <message>
            <source>By</source>
            <translation>Người xóa</translation>
        </message>
        <message>
            <source>(no text)</source>
            <translation>(chưa có nội dung)</translation>
        </message>
    </context>
    <context>
        <name>SectionEditor</name>
        <message>
            <source>Zoom &amp;in</source>
            <translation>&amp;Phóng to</translation>
        </message>
        <message>
            <source>Zoom &amp;out</source>
            <translation>&amp;Thu nhỏ</translation>
        </message>
        <message>
            <source>&amp;100 %</source>
            <translation>&amp;100 %</translation>
        </message>
        <message>
            <source>Zoom of the text (Ctrl+wheel); the report does not change</source>
            <translation>Thu phóng chữ (Ctrl+lăn chuột); báo cáo không thay đổi</translation>
        </message>
        <message>
            <source>The table you are pasting has %1 cells; at most %2 can be pasted at once. Copy and paste it in parts (for example three hundred rows at a time).</source>
            <translation>Bảng đang dán có %1 ô; mỗi lần chỉ dán được tối đa %2 ô. Hãy sao chép và dán thành nhiều phần (ví dụ mỗi lần ba trăm hàng).</translation>
        </message>
        <message>
            <source>Type the text of this section here. A section that only groups subsections may stay empty.</source>
            <translation>Gõ nội dung của mục này ở đây. Mục chỉ dùng để nhóm các mục con thì có thể để trống.</translation>
        </message>
        <message>
            <source>Edit the footnote text</source>
            <translation>Sửa nội dung chú thích</translation>
        </message>
        <message>
            <source>The text you are pasting is too large (%1 characters). Paste it in parts of at most %2 characters.</source>
            <translation>Đoạn văn bản định dán quá lớn (%1 ký tự). Hãy dán từng phần, mỗi lần không quá %2 ký tự.</translation>
        </message>
        <message>
            <source>Select to the start of the paragraph</source>
            <translation>Chọn đến đầu đoạn</translation>
        </message>
        <message>
            <source>Select to the end of the paragraph</source>
            <translation>Chọn đến cuối đoạn</translation>
        </message>
        <message>
            <source>Start of the paragraph</source>
            <translation>Về đầu đoạn</translation>
        </message>
        <message>
            <source>Next paragraph</source>
            <translation>Sang đoạn sau</translation>
        </message>
    </context>
    <context>
        <name>SectionTree</name>
        <message>
            <source>Opening (before section I)</source>
            <translation>Phần mở đầu (trước mục I)</translation>
        </message>
        <message>
            <source>Closing (after the last section)</source>
            <translation>Phần kết thúc (sau mục cuối)</translation>
        </message>
        <message>
            <source>(untitled)</source>
            <translation>(chưa có tên)</translation>
        </message>
        <message>
            <source>Sections</source>
            <translation>Các mục</translation>
        </message>
        <message>
            <source>Words</source>
            <translation>Số từ</translation>
        </message>
        <message>
            <source>Being edited by %1</source>
            <translation>Đang được sửa bởi: %1</translation>
        </message>
    </context>
    <context>
        <name>Session</name>
        <message>
            <source>Opening</source>
            <translation>Phần mở đầu</translation>
        </message>
        <message>
            <source>Closing</source>
            <translation>Phần kết thúc</translation>
        </message>
        <message>
            <source>Add section</source>
            <translation>Thêm mục</translation>
        </message>
        <message>
            <source>Rename section</source>
            <translation>Đổi tên mục</translation>
        </message>
        <message>
            <source>Move section</source>
            <translation>Chuyển mục</translation>
        </message>
        <message>
            <source>Delete section</source>
            <translation>Xóa mục</translation>
        </message>
        <message>
            <source>Restore section</source>
            <translation>Khôi phục mục</translation>
        </message>
        <message>
            <source>Heading footnotes</source>
            <translation>Chú thích ở tiêu đề</translation>
        </message>
    </context>
    <context>
        <name>QLineEdit</name>
        <message>
            <source>&amp;Undo</source>
            <translation>&amp;Hoàn tác</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>&amp;Làm lại</translation>
        </message>
        <message>
            <source>Cu&amp;t</source>
            <translation>&amp;Cắt</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation>C&amp;hép</translation>
        </message>
        <message>
            <source>&amp;Paste</source>
            <translation>&amp;Dán</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Xóa</translation>
        </message>
        <message>
            <source>Select All</source>
            <translation>Chọn tất cả</translation>
        </message>
    </context>
    <context>
        <name>QWidgetTextControl</name>
        <message>
            <source>&amp;Undo</source>
            <translation>&amp;Hoàn tác</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>&amp;Làm lại</translation>
        </message>
        <message>
            <source>Cu&amp;t</source>
            <translation>&amp;Cắt</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation>C&amp;hép</translation>
        </message>
        <message>
            <source>Copy &amp;Link Location</source>
            <translation>Chép địa chỉ &amp;liên kết</translation>
        </message>
        <message>
            <source>&amp;Paste</source>
            <translation>&amp;Dán</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Xóa</translation>
        </message>
        <message>
            <source>Select All</source>
            <translation>Chọn tất cả</translation>
        </message>
    </context>
    <context>
        <name>QTextControl</name>
        <message>
            <source>&amp;Undo</source>
            <translation>&amp;Hoàn tác</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>&amp;Làm lại</translation>
        </message>
        <message>
            <source>Cu&amp;t</source>
            <translation>&amp;Cắt</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation>C&amp;hép</translation>
        </message>
        <message>
            <source>Copy &amp;Link Location</source>
            <translation>Chép địa chỉ &amp;liên kết</translation>
        </message>
        <message>
            <source>&amp;Paste</source>
            <translation>&amp;Dán</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Xóa</translation>
        </message>
        <message>
            <source>Select All</source>
            <translation>Chọn tất cả</translation>
        </message>
    </context>
    <context>
        <name>QUnicodeControlCharacterMenu</name>
        <message>
            <source>Insert Unicode control character</source>
            <translation>Chèn ký tự điều khiển Unicode</translation>
        </message>
    </context>
    <context>
        <name>QAbstractSpinBox</name>
        <message>
            <source>&amp;Step up</source>
            <translation>&amp;Tăng</translation>
        </message>
        <message>
            <source>Step &amp;down</source>
            <translation>&amp;Giảm</translation>
        </message>
        <message>
            <source>&amp;Select All</source>
            <translation>&amp;Chọn tất cả</translation>
        </message>
    </context>
    <context>
        <name>QDialogButtonBox</name>
        <message>
            <source>OK</source>
            <translation>Đồng ý</translation>
        </message>
        <message>
            <source>&amp;OK</source>
            <translation>&amp;Đồng ý</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Hủy</translation>
        </message>
        <message>
            <source>&amp;Cancel</source>
            <translation>&amp;Hủy</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Đóng</translation>
        </message>
        <message>
            <source>&amp;Close</source>
            <translation>Đó&amp;ng</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Lưu</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Lưu</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Mở</translation>
        </message>
        <message>
            <source>Apply</source>
            <translation>Áp dụng</translation>
        </message>
        <message>
            <source>Reset</source>
            <translation>Đặt lại</translation>
        </message>
        <message>
            <source>Help</source>
            <translation>Trợ giúp</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation>Bỏ</translation>
        </message>
        <message>
            <source>&amp;Yes</source>
            <translation>&amp;Có</translation>
        </message>
        <message>
            <source>&amp;No</source>
            <translation>&amp;Không</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>Có</translation>
        </message>
        <message>
            <source>No</source>
            <translation>Không</translation>
        </message>
        <message>
            <source>Don't Save</source>
            <translation>Không lưu</translation>
        </message>
        <message>
            <source>Close without Saving</source>
            <translation>Đóng không lưu</translation>
        </message>
        <message>
            <source>Abort</source>
            <translation>Hủy bỏ</translation>
        </message>
        <message>
            <source>Retry</source>
            <translation>Thử lại</translation>
        </message>
        <message>
            <source>Ignore</source>
            <translation>Bỏ qua</translation>
        </message>
        <message>
            <source>Restore Defaults</source>
            <translation>Khôi phục mặc định</translation>
        </message>
        <message>
            <source>Save All</source>
            <translation>Lưu tất cả</translation>
        </message>
        <message>
            <source>Yes to &amp;All</source>
            <translation>Có với &amp;tất cả</translation>
        </message>
        <message>
            <source>N&amp;o to All</source>
            <translation>&amp;Không với tất cả</translation>
        </message>
    </context>
    <context>
        <name>QPlatformTheme</name>
        <message>
            <source>OK</source>
            <translation>Đồng ý</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Lưu</translation>
        </message>
        <message>
            <source>Save All</source>
            <translation>Lưu tất cả</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Mở</translation>
        </message>
        <message>
            <source>&amp;Yes</source>
            <translation>&amp;Có</translation>
        </message>
        <message>
            <source>Yes to &amp;All</source>
            <translation>Có với &amp;tất cả</translation>
        </message>
        <message>
            <source>&amp;No</source>
            <translation>&amp;Không</translation>
        </message>
        <message>
            <source>N&amp;o to All</source>
            <translation>Khô&amp;ng với tất cả</translation>
        </message>
        <message>
            <source>Abort</source>
            <translation>Hủy bỏ</translation>
        </message>
        <message>
            <source>Retry</source>
            <translation>Thử lại</translation>
        </message>
        <message>
            <source>Ignore</source>
            <translation>Bỏ qua</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Đóng</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Hủy</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation>Bỏ</translation>
        </message>
        <message>
            <source>Help</source>
            <translation>Trợ giúp</translation>
        </message>
        <message>
            <source>Apply</source>
            <translation>Áp dụng</translation>
        </message>
        <message>
            <source>Reset</source>
            <translation>Đặt lại</translation>
        </message>
        <message>
            <source>Restore Defaults</source>
            <translation>Khôi phục mặc định</translation>
        </message>
        <message>
            <source>Don't Save</source>
            <translation>Không lưu</translation>
        </message>
        <message>
            <source>Close without Saving</source>
            <translation>Đóng không lưu</translation>
        </message>
    </context>
    <context>
        <name>QMessageBox</name>
        <message>
            <source>Show Details...</source>
            <translation>Xem chi tiết...</translation>
        </message>
        <message>
            <source>Hide Details...</source>
            <translation>Ẩn chi tiết...</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>Đồng ý</translation>
        </message>
        <message>
            <source>&amp;OK</source>
            <translation>&amp;Đồng ý</translation>
        </message>
        <message>
            <source>About Qt</source>
            <translation>Giới thiệu Qt</translation>
        </message>
        <message>
            <source>&lt;p&gt;This program uses Qt version %1.&lt;/p&gt;</source>
            <translation>&lt;p&gt;Chương trình này dùng Qt phiên bản %1.&lt;/p&gt;</translation>
        </message>
    </context>
    <context>
        <name>QProgressDialog</name>
        <message>
            <source>Cancel</source>
            <translation>Hủy</translation>
        </message>
    </context>
    <context>
        <name>QFileDialog</name>
        <message>
            <source>Look in:</source>
            <translation>Tìm trong:</translation>
        </message>
        <message>
            <source>File &amp;name:</source>
            <translation>&amp;Tên tệp:</translation>
        </message>
        <message>
            <source>Files of type:</source>
            <translation>Loại tệp:</translation>
        </message>
        <message>
            <source>&amp;Open</source>
            <translation>&amp;Mở</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Lưu</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Hủy</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Quay lại</translation>
        </message>
        <message>
            <source>Parent Directory</source>
            <translation>Thư mục cha</translation>
        </message>
        <message>
            <source>Create New Folder</source>
            <translation>Tạo thư mục mới</translation>
        </message>
        <message>
            <source>List View</source>
            <translation>Xem dạng danh sách</translation>
        </message>
        <message>
            <source>Detail View</source>
            <translation>Xem chi tiết</translation>
        </message>
        <message>
            <source>New Folder</source>
            <translation>Thư mục mới</translation>
        </message>
        <message>
            <source>&amp;Delete</source>
            <translation>&amp;Xóa</translation>
        </message>
        <message>
            <source>&amp;Rename</source>
            <translation>Đổi &amp;tên</translation>
        </message>
        <message>
            <source>Show &amp;hidden files</source>
            <translation>Hiện tệp &amp;ẩn</translation>
        </message>
        <message>
            <source>All Files (*)</source>
            <translation>Tất cả các tệp (*)</translation>
        </message>
        <message>
            <source>Directory:</source>
            <translation>Thư mục:</translation>
        </message>
        <message>
            <source>My Computer</source>
            <translation>Máy tính</translation>
        </message>
        <message>
            <source>%1 already exists.
Do you want to replace it?</source>
            <translation>%1 đã có.
Bạn có muốn thay thế không?</translation>
        </message>
        <message>
            <source>Forward</source>
            <translation>Tiếp</translation>
        </message>
        <message>
            <source>Recent Places</source>
            <translation>Vị trí gần đây</translation>
        </message>
        <message>
            <source>&amp;Look in:</source>
            <translation>&amp;Tìm trong:</translation>
        </message>
        <message>
            <source>Files of &amp;type:</source>
            <translation>&amp;Loại tệp:</translation>
        </message>
        <message>
            <source>&amp;Choose</source>
            <translation>&amp;Chọn</translation>
        </message>
        <message>
            <source>&amp;New Folder</source>
            <translation>Thư mục &amp;mới</translation>
        </message>
        <message>
            <source>Change to detail view mode</source>
            <translation>Chuyển sang xem chi tiết</translation>
        </message>
        <message>
            <source>Change to list view mode</source>
            <translation>Chuyển sang xem dạng danh sách</translation>
        </message>
        <message>
            <source>Create a New Folder</source>
            <translation>Tạo thư mục mới</translation>
        </message>
        <message>
            <source>Directories</source>
            <translation>Thư mục</translation>
        </message>
        <message>
            <source>Files</source>
            <translation>Tệp</translation>
        </message>
        <message>
            <source>Go back</source>
            <translation>Quay lại</translation>
        </message>
        <message>
            <source>Go forward</source>
            <translation>Tiến tới</translation>
        </message>
        <message>
            <source>Go to the parent directory</source>
            <translation>Lên thư mục cha</translation>
        </message>
        <message>
            <source>List of places and bookmarks</source>
            <translation>Danh sách vị trí và dấu trang</translation>
        </message>
        <message>
            <source>Show </source>
            <translation>Hiện </translation>
        </message>
        <message>
            <source>Sidebar</source>
            <translation>Thanh bên</translation>
        </message>
        <message>
            <source>%1
Directory not found.
Please verify the correct directory name was given.</source>
            <translation>%1
Không tìm thấy thư mục.
Hãy kiểm tra lại tên thư mục.</translation>
        </message>
        <message>
            <source>%1
File not found.
Please verify the correct file name was given.</source>
            <translation>%1
Không tìm thấy tệp.
Hãy kiểm tra lại tên tệp.</translation>
        </message>
        <message>
            <source>%1 File</source>
            <translation>Tệp %1</translation>
        </message>
        <message>
            <source>&apos;%1&apos; is write protected.
Do you want to delete it anyway?</source>
            <translation>“%1” đang được chống ghi.
Bạn vẫn muốn xóa?</translation>
        </message>
        <message>
            <source>Alias</source>
            <translation>Bí danh</translation>
        </message>
        <message>
            <source>All files (*)</source>
            <translation>Tất cả các tệp (*)</translation>
        </message>
        <message>
            <source>Are you sure you want to delete &apos;%1&apos;?</source>
            <translation>Bạn có chắc muốn xóa “%1”?</translation>
        </message>
        <message>
            <source>Could not delete directory.</source>
            <translation>Không xóa được thư mục.</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Xóa</translation>
        </message>
        <message>
            <source>Drive</source>
            <translation>Ổ đĩa</translation>
        </message>
        <message>
            <source>File</source>
            <translation>Tệp</translation>
        </message>
        <message>
            <source>File Folder</source>
            <translation>Thư mục</translation>
        </message>
        <message>
            <source>Find Directory</source>
            <translation>Tìm thư mục</translation>
        </message>
        <message>
            <source>Folder</source>
            <translation>Thư mục</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Mở</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Bỏ</translation>
        </message>
        <message>
            <source>Save As</source>
            <translation>Lưu thành</translation>
        </message>
        <message>
            <source>Shortcut</source>
            <translation>Lối tắt</translation>
        </message>
        <message>
            <source>Unknown</source>
            <translation>Không rõ</translation>
        </message>
    </context>
    <context>
        <name>QScrollBar</name>
        <message>
            <source>Scroll here</source>
            <translation>Cuộn đến đây</translation>
        </message>
        <message>
            <source>Left edge</source>
            <translation>Mép trái</translation>
        </message>
        <message>
            <source>Top</source>
            <translation>Trên cùng</translation>
        </message>
        <message>
            <source>Right edge</source>
            <translation>Mép phải</translation>
        </message>
        <message>
            <source>Bottom</source>
            <translation>Dưới cùng</translation>
        </message>
        <message>
            <source>Page left</source>
            <translation>Sang trái một trang</translation>
        </message>
        <message>
            <source>Page up</source>
            <translation>Lên một trang</translation>
        </message>
        <message>
            <source>Page right</source>
            <translation>Sang phải một trang</translation>
        </message>
        <message>
            <source>Page down</source>
            <translation>Xuống một trang</translation>
        </message>
        <message>
            <source>Scroll left</source>
            <translation>Cuộn sang trái</translation>
        </message>
        <message>
            <source>Scroll up</source>
            <translation>Cuộn lên</translation>
        </message>
        <message>
            <source>Scroll right</source>
            <translation>Cuộn sang phải</translation>
        </message>
        <message>
            <source>Scroll down</source>
            <translation>Cuộn xuống</translation>
        </message>
    </context>
    <context>
        <name>QShortcut</name>
        <message>
            <source>Ctrl</source>
            <translation>Ctrl</translation>
        </message>
        <message>
            <source>Shift</source>
            <translation>Shift</translation>
        </message>
        <message>
            <source>Alt</source>
            <translation>Alt</translation>
        </message>
        <message>
            <source>Del</source>
            <translation>Del</translation>
        </message>
        <message>
            <source>Backspace</source>
            <translation>Backspace</translation>
        </message>
        <message>
            <source>Space</source>
            <translation>Space</translation>
        </message>
        <message>
            <source>Up</source>
            <translation>Up</translation>
        </message>
        <message>
            <source>Down</source>
            <translation>Down</translation>
        </message>
        <message>
            <source>Left</source>
            <translation>Left</translation>
        </message>
        <message>
            <source>Right</source>
            <translation>Right</translation>
        </message>
    </context>
    <context>
        <name>AboutDialog</name>
        <message>
            <source>About hgreport</source>
            <translation>Giới thiệu hgreport</translation>
        </message>
        <message>
            <source>Drafting the reports of Party committees together, and exporting them to Word in the official layout.</source>
            <translation>Cùng soạn báo cáo của cấp ủy Đảng và xuất ra Word đúng thể thức văn bản của Đảng.</translation>
        </message>
        <message>
            <source>Format profile in use: &lt;b&gt;{name}&lt;/b&gt;&lt;br&gt;Based on: {basis}</source>
            <translation>Mẫu trình bày đang dùng: &lt;b&gt;{name}&lt;/b&gt;&lt;br&gt;Căn cứ: {basis}</translation>
        </message>
        <message>
            <source>Licence: MIT. The program works offline and never connects to the network.</source>
            <translation>Giấy phép: MIT. Chương trình làm việc không cần mạng và không bao giờ kết nối mạng.</translation>
        </message>
        <message>
            <source>Python {python} · Qt for Python {qt}</source>
            <translation>Python {python} · Qt for Python {qt}</translation>
        </message>
    </context>
    <context>
        <name>HistoryDialog</name>
        <message>
            <source>Table, row %1, column %2</source>
            <translation>Bảng, hàng %1, cột %2</translation>
        </message>
        <message>
            <source>History of “%1”</source>
            <translation>Lịch sử của “%1”</translation>
        </message>
        <message>
            <source>When</source>
            <translation>Thời điểm</translation>
        </message>
        <message>
            <source>Who</source>
            <translation>Người sửa</translation>
        </message>
        <message>
            <source>What changed</source>
            <translation>Thay đổi</translation>
        </message>
        <message>
            <source>Select one version to compare it with the current text, or two versions (Ctrl+click) to compare them.</source>
            <translation>Chọn một phiên bản để so với nội dung hiện tại, hoặc hai phiên bản (Ctrl+bấm chuột) để so sánh với nhau.</translation>
        </message>
        <message>
            <source>Restore this version</source>
            <translation>Khôi phục phiên bản này</translation>
        </message>
        <message>
            <source>The chosen text becomes the section's text as a new save; Ctrl+Z in the editor brings back the current text.</source>
            <translation>Nội dung đã chọn trở thành nội dung của mục (lưu thành một lần sửa mới); Ctrl+Z trong ô soạn thảo đưa nội dung hiện tại trở lại.</translation>
        </message>
        <message>
            <source>Now (current text)</source>
            <translation>Hiện tại</translation>
        </message>
        <message>
            <source>Earlier version restored. Ctrl+Z in the text brings back what it replaced.</source>
            <translation>Đã khôi phục phiên bản cũ. Ctrl+Z trong ô soạn thảo đưa nội dung vừa thay trở lại.</translation>
        </message>
    </context>
    <context>
        <name>IdentityDialog</name>
        <message>
            <source>Who is writing?</source>
            <translation>Ai đang soạn thảo?</translation>
        </message>
        <message>
            <source>Your name is saved with every change you make, so that colleagues sharing a report can see who wrote what. It is asked only once.</source>
            <translation>Họ tên của bạn được lưu kèm mỗi lần sửa, để những người cùng soạn một báo cáo biết ai đã viết gì. Chương trình chỉ hỏi một lần.</translation>
        </message>
        <message>
            <source>e.g. Office of the Party Committee</source>
            <translation>ví dụ: Văn phòng Huyện ủy</translation>
        </message>
        <message>
            <source>Full name:</source>
            <translation>Họ và tên:</translation>
        </message>
        <message>
            <source>Unit:</source>
            <translation>Đơn vị:</translation>
        </message>
    </context>
    <context>
        <name>MergeDialog</name>
        <message>
            <source>Merge result</source>
            <translation>Kết quả hợp nhất</translation>
        </message>
        <message>
            <source>Conflicts to resolve</source>
            <translation>Xung đột cần giải quyết</translation>
        </message>
        <message>
            <source>Mine (this file)</source>
            <translation>Của tôi (tệp này)</translation>
        </message>
        <message>
            <source>Theirs (the other copy)</source>
            <translation>Của họ (bản sao kia)</translation>
        </message>
        <message>
            <source>Keep mine</source>
            <translation>Giữ bản của tôi</translation>
        </message>
        <message>
            <source>Take theirs</source>
            <translation>Lấy bản của họ</translation>
        </message>
        <message>
            <source>Keep both</source>
            <translation>Giữ cả hai</translation>
        </message>
        <message>
            <source>Both versions of the paragraph, one after the other</source>
            <translation>Cả hai phiên bản của đoạn, đoạn này nối tiếp đoạn kia</translation>
        </message>
        <message>
            <source>Both sides changed the same thing in %1 places. Choose for each:</source>
            <translation>Hai bên cùng sửa một chỗ ở %1 nơi. Hãy chọn cho từng chỗ:</translation>
        </message>
        <message>
            <source>No conflicts left to resolve.</source>
            <translation>Không còn xung đột nào cần giải quyết.</translation>
        </message>
        <message>
            <source>(deleted)</source>
            <translation>(đã xóa)</translation>
        </message>
        <message>
            <source>(kept and changed)</source>
            <translation>(giữ lại và đã sửa)</translation>
        </message>
        <message>
            <source>Double-click to show the section</source>
            <translation>Bấm đúp để xem mục</translation>
        </message>
    </context>
    <context>
        <name>ImportWord</name>
        <message>
            <source>Import a Word report</source>
            <translation>Nhập báo cáo từ tệp Word</translation>
        </message>
        <message>
            <source>Word documents (*.docx)</source>
            <translation>Tệp Word (*.docx)</translation>
        </message>
        <message>
            <source>All files (*)</source>
            <translation>Tất cả các tệp (*)</translation>
        </message>
        <message>
            <source>Imported from {name}:</source>
            <translation>Đã nhập từ {name}:</translation>
        </message>
    </context>
    <context>
        <name>KeysDialog</name>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>Phím tắt</translation>
        </message>
        <message>
            <source>Command</source>
            <translation>Lệnh</translation>
        </message>
        <message>
            <source>Keys</source>
            <translation>Phím</translation>
        </message>
    </context>
    <context>
        <name>Blocks</name>
        <message>
            <source>[%1 from a newer version of hgreport: kept as it is]</source>
            <translation>[%1 từ phiên bản hgreport mới hơn: được giữ nguyên]</translation>
        </message>
    </context>
    <context>
        <name>QFileSystemModel</name>
        <message>
            <source>Name</source>
            <translation>Tên</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Kích thước</translation>
        </message>
        <message>
            <source>Type</source>
            <comment>All other platforms</comment>
            <translation>Kiểu</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Kiểu</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Kiểu</translation>
        </message>
        <message>
            <source>Date Modified</source>
            <translation>Ngày sửa</translation>
        </message>
        <message>
            <source>Computer</source>
            <translation>Máy tính</translation>
        </message>
        <message>
            <source>My Computer</source>
            <translation>Máy tính</translation>
        </message>
        <message>
            <source>Invalid filename</source>
            <translation>Tên tệp không hợp lệ</translation>
        </message>
        <message>
            <source>&lt;b&gt;The name &quot;%1&quot; cannot be used.&lt;/b&gt;&lt;p&gt;Try using another name, with fewer characters or no punctuation marks.</source>
            <translation>&lt;b&gt;Không dùng được tên “%1”.&lt;/b&gt;&lt;p&gt;Hãy dùng tên khác, ngắn hơn hoặc không có dấu câu.</translation>
        </message>
    </context>
    <context>
        <name>QAbstractFileIconProvider</name>
        <message>
            <source>Folder</source>
            <comment>All other platforms</comment>
            <translation>Thư mục</translation>
        </message>
        <message>
            <source>Drive</source>
            <translation>Ổ đĩa</translation>
        </message>
    </context>
<context>
    <name>PagesView</name>
    <message>
        <source>Print the report</source>
        <translation>In báo cáo</translation>
    </message>
    <message>
        <source>The printer could not start printing. Check that it is switched on and connected, then print again.</source>
        <translation>Máy in chưa bắt đầu in được. Hãy kiểm tra máy in đã bật và đã được kết nối, rồi in lại.</translation>
    </message>
    <message>
        <source>Printing failed part of the way. Check the printer, then print again.</source>
        <translation>Việc in bị lỗi giữa chừng. Hãy kiểm tra máy in rồi in lại.</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>Xuất PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export finished</source>
        <translation>Đã xuất xong</translation>
    </message>
    <message>
        <source>The PDF file was written:</source>
        <translation>Đã ghi tệp PDF:</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Mở thư mục chứa tệp</translation>
    </message>
    <message>
        <source>Writing the PDF file…</source>
        <translation>Đang ghi tệp PDF…</translation>
    </message>
    <message>
        <source>Cannot write the PDF file: %1</source>
        <translation>Không ghi được tệp PDF: %1</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+-)</source>
        <translation>Thu nhỏ (Ctrl+-)</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl+=)</source>
        <translation>Phóng to (Ctrl+=)</translation>
    </message>
    <message>
        <source>100 %</source>
        <translation>100 %</translation>
    </message>
    <message>
        <source>The paper's real size (Ctrl+0)</source>
        <translation>Đúng cỡ giấy thật (Ctrl+0)</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>Vừa chiều rộng</translation>
    </message>
    <message>
        <source>Whole page</source>
        <translation>Cả trang</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>In…</translation>
    </message>
    <message>
        <source>Print the report (Ctrl+P)</source>
        <translation>In báo cáo (Ctrl+P)</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>Xuất PDF…</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Trang %1/%2</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Trang in</translation>
    </message>
    <message>
        <source>&amp;Pages</source>
        <translation>&amp;Trang in</translation>
    </message>
    <message>
        <source>The whole report page by page, as it prints (Ctrl+F2)</source>
        <translation>Toàn bộ báo cáo theo từng trang, đúng như khi in (Ctrl+F2)</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Đã xuất ra %1</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;In…</translation>
    </message>
    <message>
        <source>Export &amp;PDF…</source>
        <translation>Xuất &amp;PDF…</translation>
    </message>
    <message>
        <source>Write the report as a PDF file, fonts included</source>
        <translation>Ghi báo cáo thành tệp PDF, kèm theo phông chữ</translation>
    </message>
</context>
    <context>
        <name>TableTools</name>
        <message>
            <source>&amp;Table…</source>
            <translation>&amp;Bảng…</translation>
        </message>
        <message>
            <source>Insert a table of figures at the cursor</source>
            <translation>Chèn một bảng số liệu tại con trỏ</translation>
        </message>
        <message>
            <source>Insert row &amp;above</source>
            <translation>Chèn hàng ở &amp;trên</translation>
        </message>
        <message>
            <source>Insert row &amp;below</source>
            <translation>Chèn hàng ở &amp;dưới</translation>
        </message>
        <message>
            <source>Insert column &amp;left</source>
            <translation>Chèn cột bên t&amp;rái</translation>
        </message>
        <message>
            <source>Insert column &amp;right</source>
            <translation>Chèn cột bên &amp;phải</translation>
        </message>
        <message>
            <source>Delete &amp;rows</source>
            <translation>&amp;Xóa hàng</translation>
        </message>
        <message>
            <source>Delete &amp;columns</source>
            <translation>Xóa &amp;cột</translation>
        </message>
        <message>
            <source>&amp;Merge cells</source>
            <translation>&amp;Gộp ô</translation>
        </message>
        <message>
            <source>&amp;Split cell</source>
            <translation>Tác&amp;h ô</translation>
        </message>
        <message>
            <source>&amp;Header row (repeated on each page)</source>
            <translation>Hàng tiêu đề (&amp;lặp lại ở mỗi trang)</translation>
        </message>
        <message>
            <source>Column aligned l&amp;eft</source>
            <translation>Căn trái cả c&amp;ột</translation>
        </message>
        <message>
            <source>Column &amp;centred</source>
            <translation>Căn &amp;giữa cả cột</translation>
        </message>
        <message>
            <source>Column aligned ri&amp;ght (numbers)</source>
            <translation>Căn phải cả cột (&amp;số liệu)</translation>
        </message>
        <message>
            <source>Ca&amp;ption above the table</source>
            <translation>T&amp;ên bảng (ở trên bảng)</translation>
        </message>
        <message>
            <source>Select r&amp;ow</source>
            <translation>Chọn h&amp;àng</translation>
        </message>
        <message>
            <source>Select colu&amp;mn</source>
            <translation>Chọn cộ&amp;t</translation>
        </message>
        <message>
            <source>Select &amp;table</source>
            <translation>Chọn cả &amp;bảng</translation>
        </message>
        <message>
            <source>&amp;Delete table</source>
            <translation>Xóa b&amp;ảng</translation>
        </message>
        <message>
            <source>A table cannot go inside a table. Put the cursor in the text outside the table first.</source>
            <translation>Không thể chèn bảng vào trong một bảng. Hãy đặt con trỏ vào phần văn bản bên ngoài bảng trước.</translation>
        </message>
        <message>
            <source>T&amp;able</source>
            <translation>&amp;Bảng</translation>
        </message>
    </context>
    <context>
        <name>TableDialog</name>
        <message>
            <source>Insert table</source>
            <translation>Chèn bảng</translation>
        </message>
        <message>
            <source>The first row is a header row (repeated on each printed page)</source>
            <translation>Hàng đầu là hàng tiêu đề (lặp lại ở đầu mỗi trang in)</translation>
        </message>
        <message>
            <source>&amp;Rows:</source>
            <translation>Số &amp;hàng:</translation>
        </message>
        <message>
            <source>&amp;Columns:</source>
            <translation>Số &amp;cột:</translation>
        </message>
    </context>
    <context>
        <name>SectionBar</name>
        <message>
            <source>Edit anyway</source>
            <translation>Sửa dù sao</translation>
        </message>
    </context>
    <context>
        <name>DiffView</name>
        <message>
            <source>struck through</source>
            <translation>gạch ngang</translation>
        </message>
        <message>
            <source>only in your version</source>
            <translation>chỉ có trong bản của bạn</translation>
        </message>
        <message>
            <source>underlined</source>
            <translation>gạch dưới</translation>
        </message>
        <message>
            <source>only in theirs</source>
            <translation>chỉ có trong bản của họ</translation>
        </message>
        <message>
            <source>raised numbers are footnotes</source>
            <translation>số nhỏ phía trên là chú thích</translation>
        </message>
    </context>
    <context>
        <name>CompareDialog</name>
        <message>
            <source>Save the comparison as</source>
            <translation>Lưu bản so sánh thành</translation>
        </message>
        <message>
            <source>Word files (*.docx)</source>
            <translation>Tệp Word (*.docx)</translation>
        </message>
        <message>
            <source>The report has no draft yet. Mark one first (File → Mark a draft…); later, compare the report with it.</source>
            <translation>Báo cáo chưa có dự thảo nào. Hãy đánh dấu một dự thảo trước (Tệp → Đánh dấu dự thảo…), sau đó so sánh báo cáo với dự thảo đó.</translation>
        </message>
        <message>
            <source>added</source>
            <translation>thêm mới</translation>
        </message>
        <message>
            <source>deleted</source>
            <translation>đã xóa</translation>
        </message>
        <message>
            <source>changed</source>
            <translation>đã sửa</translation>
        </message>
        <message>
            <source>Introduction</source>
            <translation>Phần mở đầu</translation>
        </message>
        <message>
            <source>Ending</source>
            <translation>Phần kết thúc</translation>
        </message>
        <message>
            <source>footnotes %1</source>
            <translation>chú thích %1</translation>
        </message>
        <message>
            <source>Footnote %1</source>
            <translation>Chú thích %1</translation>
        </message>
        <message>
            <source>(numbered in the older version)</source>
            <translation>(số thứ tự trong bản cũ)</translation>
        </message>
        <message>
            <source>struck through</source>
            <translation>gạch ngang</translation>
        </message>
        <message>
            <source>removed since the older version</source>
            <translation>đã bỏ so với bản cũ</translation>
        </message>
        <message>
            <source>underlined</source>
            <translation>gạch dưới</translation>
        </message>
        <message>
            <source>added since the older version</source>
            <translation>thêm vào so với bản cũ</translation>
        </message>
        <message>
            <source>raised numbers are footnotes</source>
            <translation>số nhỏ phía trên là chú thích</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>Tên mục</translation>
        </message>
        <message>
            <source>Notes at the title</source>
            <translation>Chú thích ở tên mục</translation>
        </message>
        <message>
            <source>Compare with a draft</source>
            <translation>So sánh với dự thảo</translation>
        </message>
        <message>
            <source>The report now</source>
            <translation>Báo cáo hiện tại</translation>
        </message>
        <message>
            <source>Draft:</source>
            <translation>Dự thảo:</translation>
        </message>
        <message>
            <source>Compared with:</source>
            <translation>So với:</translation>
        </message>
        <message>
            <source>Go to this section</source>
            <translation>Đến mục này</translation>
        </message>
        <message>
            <source>Export to Word with tracked changes…</source>
            <translation>Xuất Word có đánh dấu thay đổi…</translation>
        </message>
        <message>
            <source>Nothing changed.</source>
            <translation>Không có gì thay đổi.</translation>
        </message>
        <message>
            <source>%1 sections and %2 footnotes changed.</source>
            <translation>%1 mục và %2 chú thích đã thay đổi.</translation>
        </message>
        <message>
            <source>Written: %1 (%2 insertions, %3 deletions).</source>
            <translation>Đã ghi: %1 (%2 chỗ thêm, %3 chỗ xóa).</translation>
        </message>
    </context>
<context>
    <name>CommentsPanel</name>
    <message>
        <source>Comments</source>
        <translation>Góp ý</translation>
    </message>
    <message>
        <source>All sections</source>
        <translation>Mọi mục</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>Mọi người góp ý</translation>
    </message>
    <message>
        <source>Open comments only</source>
        <translation>Chỉ góp ý chưa giải quyết</translation>
    </message>
    <message>
        <source>Reply…</source>
        <translation>Trả lời…</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Đã giải quyết</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Mở lại</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>New comment…</source>
        <translation>Thêm góp ý…</translation>
    </message>
    <message>
        <source>Comment on the selected text (Ctrl+Alt+M)</source>
        <translation>Góp ý cho đoạn văn đang chọn (Ctrl+Alt+M)</translation>
    </message>
    <message>
        <source>Mark a draft…</source>
        <translation>Đánh dấu dự thảo…</translation>
    </message>
    <message>
        <source>Record the whole report as it is now under a name (“Dự thảo lần 1”)</source>
        <translation>Ghi nhận toàn bộ báo cáo lúc này dưới một tên (“Dự thảo lần 1”)</translation>
    </message>
    <message>
        <source>Marked “{name}”.</source>
        <translation>Đã đánh dấu “{name}”.</translation>
    </message>
    <message>
        <source>Select the text to comment on in a section's text.</source>
        <translation>Hãy chọn đoạn văn cần góp ý trong nội dung của một mục.</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>đã giải quyết</translation>
    </message>
    <message>
        <source>Introduction</source>
        <translation>Phần mở đầu</translation>
    </message>
    <message>
        <source>Ending</source>
        <translation>Phần kết thúc</translation>
    </message>
    <message>
        <source>(the paragraph was deleted)</source>
        <translation>(đoạn văn đã bị xóa)</translation>
    </message>
    <message>
        <source>Suggested changes from reviews</source>
        <translation>Đề xuất sửa từ bản góp ý</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Chấp nhận</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Từ chối</translation>
    </message>
    <message>
        <source>Accept all</source>
        <translation>Chấp nhận tất cả</translation>
    </message>
    <message>
        <source>Reject all</source>
        <translation>Từ chối tất cả</translation>
    </message>
    <message>
        <source>change</source>
        <translation>sửa</translation>
    </message>
    <message>
        <source>new paragraph</source>
        <translation>thêm đoạn</translation>
    </message>
    <message>
        <source>delete paragraph</source>
        <translation>xóa đoạn</translation>
    </message>
    <message>
        <source>{n} suggestions were not accepted: their paragraph changed after the review.</source>
        <translation>Chưa chấp nhận được {n} đề xuất vì đoạn văn đã sửa sau góp ý.</translation>
    </message>
    <message>
        <source>Bring back a &amp;reviewed file…</source>
        <translation>Nhập bản &amp;góp ý…</translation>
    </message>
    <message>
        <source>Bring a Word file that came back with edits, tracked changes and comments into the report</source>
        <translation>Đưa tệp Word đã được góp ý (sửa, theo dõi thay đổi, chú giải) vào báo cáo</translation>
    </message>
</context>
<context>
    <name>ReviewDialogs</name>
    <message>
        <source>New comment</source>
        <translation>Thêm góp ý</translation>
    </message>
    <message>
        <source>Reply to the comment</source>
        <translation>Trả lời góp ý</translation>
    </message>
    <message>
        <source>Comment on: “{quote}”</source>
        <translation>Góp ý cho: “{quote}”</translation>
    </message>
    <message>
        <source>Mark a draft</source>
        <translation>Đánh dấu dự thảo</translation>
    </message>
    <message>
        <source>Choose the reviewed Word file</source>
        <translation>Chọn tệp Word đã được góp ý</translation>
    </message>
    <message>
        <source>Word files (*.docx)</source>
        <translation>Tệp Word (*.docx)</translation>
    </message>
    <message>
        <source>Name of the draft (records the whole report as it is now):</source>
        <translation>Tên dự thảo (ghi nhận toàn bộ báo cáo lúc này):</translation>
    </message>
</context>
</TS>
