"""The window's commands: every action with its text, shortcut and tip, connected to the
window's methods; the menu bar and toolbar that show them; which of them change the report;
and the list of keys that Help → Keyboard shortcuts shows, read from the actions themselves.

Keys are those of Word where Word has one, and work on Windows: nothing the system takes
(Ctrl+Alt+Del), no Ctrl+Alt with a digit or a bracket (AltGr on Windows: the Vietnamese
keyboard types digits with it), and every section command is also in the Sections menu and
the section list's right-click menu."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence

from .i18n import LANGUAGES, current_language


def _tr(text: str, disambiguation: str | None = None) -> str:
    return QCoreApplication.translate("MainWindow", text, disambiguation)  # translations' context


def _action(win, text: str, slot, shortcut=None, tip: str = "", checkable=False) -> QAction:
    act = QAction(text, win)
    if shortcut is not None:
        if isinstance(shortcut, (list, tuple)):
            act.setShortcuts([QKeySequence(s) for s in shortcut])
        else:
            act.setShortcut(QKeySequence(shortcut))
    if tip:
        act.setToolTip(tip)
        act.setStatusTip(tip)
    act.setCheckable(checkable)
    act.triggered.connect(slot)
    win.addAction(act)  # the shortcut works wherever the focus is in the window
    return act


def make_actions(win) -> None:
    """The window's ``act_*`` actions (and ``lang_actions``), each connected to its method."""

    def A(*args, **kwargs) -> QAction:
        return _action(win, *args, **kwargs)

    win.act_new = A(_tr("&New report from template…"), win.new_report, QKeySequence.New)
    win.act_open = A(_tr("&Open…"), win.open_report, QKeySequence.Open)
    win.act_import = A(_tr("&Import from Word…"), win.import_word)
    win.act_export = A(_tr("E&xport to Word"), win.export, "Ctrl+E",
                       _tr("Write the Word file next to the report (Ctrl+E)"))
    win.act_properties = A(_tr("Document &properties…"), win.edit_properties, "Ctrl+Alt+P",
                           _tr("Issuer, number, date, summary, recipients, signature"))
    win.act_save = A(_tr("&Save now"), win.save_now, QKeySequence.Save,
                     _tr("Everything is saved automatically; this saves at once"))
    win.act_quit = A(_tr("&Quit"), win.close, QKeySequence.Quit)
    win.act_send_copy = A(_tr("Send a &copy…"), win.send_copy, None,
                          _tr("Write a consistent copy of the report to send on USB "
                              "or by e-mail"))
    win.act_merge = A(_tr("&Merge another copy…"), win.merge_copy, None,
                      _tr("Bring the changes of a copy that came back into this report"))
    win.act_conflicts = A(_tr("Con&flicts to resolve…"), win.show_conflicts)
    win.act_backups = A(_tr("&Backup folder"), win.open_backup_folder, None,
                        _tr("Automatic copies made when a report is opened and closed"))
    win.act_history = A(_tr("Section &history…"), win.show_history, "Ctrl+Alt+H",
                        _tr("Earlier versions of this section: who, when, compare, "
                            "restore"))
    win.act_compare = A(_tr("Compare with a &draft…"), win.compare_drafts, None,
                        _tr("What changed since a draft, section by section, word by word"))
    win.act_undo = A(_tr("&Undo"), win.undo, QKeySequence.Undo)
    win.act_redo = A(_tr("&Redo"), win.redo, [QKeySequence("Ctrl+Y"),
                                              QKeySequence("Ctrl+Shift+Z")])
    win.act_find = A(_tr("&Find…"), lambda: win.open_find(False), QKeySequence.Find)
    win.act_replace = A(_tr("&Replace…"), lambda: win.open_find(True), "Ctrl+H")
    win.act_bold = A(_tr("&Bold"), lambda: win._mark("b"), QKeySequence.Bold, checkable=True)
    win.act_italic = A(_tr("&Italic"), lambda: win._mark("i"), QKeySequence.Italic,
                       checkable=True)
    win.act_underline = A(_tr("&Underline"), lambda: win._mark("u"), QKeySequence.Underline,
                          checkable=True)
    win.act_sup = A(_tr("Su&perscript"), lambda: win._mark("sup"), "Ctrl+Shift+=",
                    checkable=True)
    win.act_sub = A(_tr("Su&bscript"), lambda: win._mark("sub"), "Ctrl+=", checkable=True)
    win.act_justify = A(_tr("&Justify"), lambda: win.editor.set_alignment(None), "Ctrl+J")
    win.act_left = A(_tr("Align &left"), lambda: win.editor.set_alignment("left"), "Ctrl+L")
    win.act_center = A(_tr("&Centre"), lambda: win.editor.set_alignment("center"),
                       "Ctrl+Shift+E")
    win.act_right = A(_tr("Align &right"), lambda: win.editor.set_alignment("right"),
                      "Ctrl+R")
    win.act_footnote = A(_tr("Insert &footnote"), win.insert_footnote, "Ctrl+Alt+F",
                         _tr("Insert a footnote at the cursor (Ctrl+Alt+F)"))
    win.act_title_note = A(_tr("Footnote on the &heading"), win.add_title_note, None,
                           _tr("Attach a footnote to the end of this section's heading"))
    win.act_add = A(_tr("Add section &after"), lambda: win.add_section(False),
                    "Ctrl+Alt+N")
    win.act_add_child = A(_tr("Add &subsection"), lambda: win.add_section(True),
                          "Ctrl+Alt+Shift+N")
    win.act_rename = A(_tr("&Rename section"), win.rename_section, "F2")
    win.act_delete = A(_tr("&Delete section"), win.delete_section, "Del",
                       _tr("Delete the section chosen in the list (restorable)"))
    _only_in(win.tree, win.act_delete, win)  # Del deletes text everywhere else
    win.act_restore = A(_tr("Restore a deleted section…"), win.restore_section)
    win.act_up = A(_tr("Move &up"), lambda: win._move("up"), "Alt+Shift+Up")
    win.act_down = A(_tr("Move do&wn"), lambda: win._move("down"), "Alt+Shift+Down")
    win.act_promote = A(_tr("&Promote (one level up)"), lambda: win._move("promote"),
                        "Alt+Shift+Left")
    win.act_demote = A(_tr("D&emote (one level down)"), lambda: win._move("demote"),
                       "Alt+Shift+Right")
    win.act_tree = A(_tr("&Section list"), win._toggle_tree, "F8",
                     _tr("Show or hide the section list (F8)"), checkable=True)
    win.act_footnotes = A(_tr("&Footnotes panel"), win._toggle_footnotes, "F9",
                          _tr("Show or hide the footnote panel (F9)"), checkable=True)
    win.act_tree.setChecked(True)
    win.act_footnotes.setChecked(True)
    win.act_next_pane = A(_tr("&Next pane"), lambda: win.focus_next_pane(1), "F6",
                          _tr("Move between the section list, the text and the footnotes"))
    win.act_prev_pane = A(_tr("&Previous pane"), lambda: win.focus_next_pane(-1), "Shift+F6")
    win.act_cut = A(_tr("Cu&t"), lambda: win.edit_command("cut"), QKeySequence.Cut)
    win.act_copy = A(_tr("&Copy"), lambda: win.edit_command("copy"), QKeySequence.Copy)
    win.act_paste = A(_tr("&Paste"), lambda: win.edit_command("paste"), QKeySequence.Paste)
    win.act_select_all = A(_tr("Select &all"), lambda: win.edit_command("select_all"),
                           QKeySequence.SelectAll)
    win.act_keys = A(_tr("&Keyboard shortcuts"), win.show_keys, QKeySequence.HelpContents,
                     _tr("Every key of the window (F1)"))
    # in the section list, Ctrl+arrows move the chosen section too: some window managers take
    # Alt+Shift+arrows for themselves
    win.tree_move_actions = []
    for act, key in ((win.act_up, "Ctrl+Up"), (win.act_down, "Ctrl+Down"),
                     (win.act_promote, "Ctrl+Left"), (win.act_demote, "Ctrl+Right")):
        local = A(act.text(), act.trigger, key)
        _only_in(win.tree, local, win)
        win.tree_move_actions.append(local)
    win.lang_actions = {}
    for code, name in LANGUAGES.items():
        act = A(name, lambda _=False, c=code: win.choose_language(c), checkable=True)
        act.setChecked(code == current_language())
        win.lang_actions[code] = act


def _only_in(widget, act: QAction, win) -> None:
    """``act``'s keys work only while ``widget`` itself has the focus."""
    win.removeAction(act)
    act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    widget.addAction(act)


def make_menus(win) -> None:
    """File, Edit, Format, Insert, Sections, View and Help."""
    mb = win.menuBar()
    m = mb.addMenu(_tr("&File"))
    m.addActions([win.act_new, win.act_open, win.act_import, win.act_save])
    win.recent_menu = m.addMenu(_tr("Open &recent"))
    win.recent_menu.aboutToShow.connect(win._fill_recent)
    m.addSeparator()
    m.addActions([win.act_export, win.act_export_pdf, win.act_print, win.act_properties])
    m.addSeparator()
    m.addActions([win.act_compare, win.act_send_copy, win.act_merge, win.act_conflicts,
                  win.act_backups])
    m.addSeparator()
    win.act_identity = m.addAction(_tr("Your &name and unit…"), win.change_identity)
    m.addSeparator()
    m.addAction(win.act_quit)
    m = mb.addMenu(_tr("&Edit"))
    m.addActions([win.act_undo, win.act_redo])
    m.addSeparator()
    m.addActions([win.act_cut, win.act_copy, win.act_paste, win.act_select_all])
    m.addSeparator()
    m.addActions([win.act_find, win.act_replace])
    m = mb.addMenu(_tr("F&ormat"))
    m.addActions([win.act_bold, win.act_italic, win.act_underline, win.act_sup,
                  win.act_sub])
    m.addSeparator()
    m.addActions([win.act_justify, win.act_left, win.act_center, win.act_right])
    m = mb.addMenu(_tr("&Insert"))
    m.addActions([win.act_footnote, win.act_title_note])
    m.addSeparator()
    m.addAction(win.editor.tables.act_insert)
    win.table_menu = mb.addMenu(_tr("T&able"))
    win.editor.tables.fill_menu(win.table_menu)
    m = mb.addMenu(_tr("&Sections"))
    m.addActions([win.act_add, win.act_add_child, win.act_rename])
    m.addSeparator()
    m.addActions([win.act_up, win.act_down, win.act_promote, win.act_demote])
    m.addSeparator()
    m.addActions([win.act_delete, win.act_restore])
    m.addSeparator()
    m.addAction(win.act_history)
    m = mb.addMenu(_tr("&View"))
    m.addActions([win.act_tree, win.act_footnotes, win.act_pages])
    m.addMenu(_tr("&Zoom")).addActions(win.editor.zoom_actions)  # of the text, as in Word
    m.addSeparator()
    m.addActions([win.act_next_pane, win.act_prev_pane])
    m.addSeparator()
    lm = m.addMenu(_tr("&Language"))
    lm.addActions(list(win.lang_actions.values()))
    m = mb.addMenu(_tr("&Help"))
    m.addAction(win.act_keys)
    m.addSeparator()
    win.act_about = m.addAction(_tr("&About hgreport"), win.show_about)


def make_toolbar(win) -> None:
    """The row of buttons above the page: export first, then the commands used most."""
    tb = win.addToolBar(_tr("Main"))
    tb.setObjectName("mainToolbar")
    tb.setMovable(False)
    tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    tb.addAction(win.act_export)
    tb.addSeparator()
    tb.addActions([win.act_undo, win.act_redo])
    tb.addSeparator()
    win.act_bold.setIconText(_tr("B", "bold button"))
    win.act_italic.setIconText(_tr("I", "italic button"))
    win.act_underline.setIconText(_tr("U", "underline button"))
    win.act_sup.setIconText("x²")
    win.act_sub.setIconText("x₂")
    tb.addActions([win.act_bold, win.act_italic, win.act_underline, win.act_sup,
                   win.act_sub])
    tb.addSeparator()
    tb.addActions([win.act_footnote, win.act_find])
    tb.addSeparator()
    tb.addActions([win.act_add, win.act_add_child])
    tb.addSeparator()
    tb.addAction(win.act_properties)
    for act, tip in ((win.act_bold, "Ctrl+B"), (win.act_italic, "Ctrl+I"),
                     (win.act_underline, "Ctrl+U")):
        act.setToolTip(f"{act.text().replace('&', '')} ({tip})")
    bold = win.act_bold.font()
    bold.setBold(True)
    win.act_bold.setFont(bold)
    italic = win.act_italic.font()
    italic.setItalic(True)
    win.act_italic.setFont(italic)
    underline = win.act_underline.font()
    underline.setUnderline(True)
    win.act_underline.setFont(underline)
    export_button = tb.widgetForAction(win.act_export)
    if export_button is not None:
        export_button.setStyleSheet("font-weight: bold; padding: 2px 10px;")


def section_menu(win) -> list:
    """The section list's right-click menu (None: a separator)."""
    return [win.act_add, win.act_add_child, win.act_rename, None, win.act_up, win.act_down,
            win.act_promote, win.act_demote, None, win.act_title_note, None, win.act_delete,
            win.act_restore, None, win.act_history]


def key_groups(win) -> list[tuple[str, list[tuple[str, str]]]]:
    """(group, [(command, keys)]) for every action that has a key: by menu, in menu order,
    then the keys that work in one part of the window. Read from the actions, so the list
    never drifts from what the keys do."""

    def keys(act: QAction) -> str:
        return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText)
                         for k in act.shortcuts())

    def entries(acts) -> list[tuple[str, str]]:
        out = []
        for act in acts:
            if act.isSeparator():
                continue
            if act.menu() is not None:
                out.extend(entries(act.menu().actions()))
            elif act.shortcuts():
                out.append((act.text().replace("&", ""), keys(act)))
        return out

    groups = []
    for top in win.menuBar().actions():
        found = entries(top.menu().actions()) if top.menu() is not None else []
        if found:
            groups.append((top.text().replace("&", ""), found))
    for title, widget in ((_tr("In the section list"), win.tree),
                          (_tr("In the text"), win.editor),
                          (_tr("In the footnote panel"), win.footnotes)):
        found = entries(widget.actions())
        if found:
            groups.append((title, found))
    return groups


def changing_actions(win) -> list[QAction]:
    """The actions that change the report (disabled when it is opened read-only)."""
    return [win.act_add, win.act_add_child, win.act_rename, win.act_delete, win.act_restore,
            win.act_up, win.act_down, win.act_promote, win.act_demote, win.act_footnote,
            win.act_properties, win.act_replace, win.act_bold, win.act_italic,
            win.act_underline, win.act_sup, win.act_sub, win.act_justify, win.act_left,
            win.act_center, win.act_right, win.act_merge, *win.tree_move_actions]
