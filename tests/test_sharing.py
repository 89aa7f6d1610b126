"""Who else has the file open and which section each edits; crashed editors expire; network
paths are recognised."""

from __future__ import annotations

import sys

import pytest
from _sharing_helpers import sections

from hgreport.model import Paragraph
from hgreport.sharing import (
    Presence,
    content_stamp,
    is_network_path,
    login_name,
    mount_type,
)
from hgreport.storage import ReportStore


class Clock:
    def __init__(self, now: float = 1_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def two_windows(seed_db):
    clock = Clock()
    a = ReportStore.open(seed_db, author="An")
    b = ReportStore.open(seed_db, author="Bình")
    pa = Presence(a, "pc-an:1", "PC-AN", ttl=30, clock=clock)
    pb = Presence(b, "pc-binh:2", "PC-BINH", ttl=30, clock=clock)
    yield pa, pb, clock
    a.close()
    b.close()


def test_each_window_sees_who_else_has_the_file_open_and_what_they_edit(two_windows):
    pa, pb, clock = two_windows
    assert pa.others() == []
    pa.heartbeat()
    pb.heartbeat()
    sid = sections(pa.store)[1].id
    other_sid = sections(pa.store)[2].id
    assert pb.claim(sid) == []  # nobody else edits it: no warning
    (an,) = pb.others()
    assert (an.author, an.host, an.sections) == ("An", "PC-AN", [])
    (binh,) = pa.others()
    assert (binh.label, binh.sections) == ("Bình (PC-BINH)", [sid])
    # An opens the same section: warned that Bình is in it
    warned = pa.claim(sid)
    assert [e.author for e in warned] == ["Bình"]
    assert {k: [e.author for e in v] for k, v in pa.sections_in_use().items()} == {sid: ["Bình"]}
    pa.release(sid)
    pa.claim(other_sid)
    assert pb.others()[0].sections == [other_sid]
    assert [e.author for e in pb.editing(sid)] == []


def test_a_crashed_editors_lease_expires_and_a_live_one_does_not(two_windows):
    pa, pb, clock = two_windows
    sid = sections(pa.store)[3].id
    pa.claim(sid)
    pb.heartbeat()
    assert [e.author for e in pb.editing(sid)] == ["An"]
    # An's program dies: no more heartbeats. Bình keeps beating.
    for _ in range(4):
        clock.now += 10
        pb.heartbeat()
    assert pb.others() == []
    assert pb.editing(sid) == []
    left = pb.store.conn.execute("SELECT count(*) FROM leases WHERE holder = 'pc-an:1'")
    assert left.fetchone()[0] == 0  # cleared from the file, not only hidden
    # a window that keeps beating stays visible however long it is open
    clock.now += 25
    pa.heartbeat()
    clock.now += 25
    pa.heartbeat()
    assert [e.author for e in pb.editing(sid)] == ["An"]


def test_closing_the_window_removes_its_leases(two_windows):
    pa, pb, _ = two_windows
    pa.claim(sections(pa.store)[1].id)
    pa.claim(sections(pa.store)[2].id)
    assert len(pb.others()[0].sections) == 2
    pa.close()
    assert pb.others() == []


def test_heartbeat_keeps_only_the_sections_still_claimed(two_windows):
    pa, pb, _ = two_windows
    s1, s2 = sections(pa.store)[1].id, sections(pa.store)[2].id
    pa.claim(s1)
    pa.claim(s2)
    pa._sections.discard(s1)  # the editor tab was closed without a release (e.g. an error)
    pa.heartbeat()
    assert pb.others()[0].sections == [s2]
    assert pa.claimed == {s2}


def test_a_heartbeat_is_noticed_but_does_not_look_like_an_edit(two_windows):
    pa, pb, _ = two_windows
    pb.store.changed_by_others()
    stamp = content_stamp(pb.store)
    pa.heartbeat()
    assert pb.store.changed_by_others()  # the file changed…
    assert content_stamp(pb.store) == stamp  # …but no text did: nothing to reload
    sec = pa.store.load_section(sections(pa.store)[1].id)
    sec.body.append(Paragraph.of("Đoạn mới."))
    pa.store.save_section(sec)
    assert pb.store.changed_by_others() and content_stamp(pb.store) != stamp


MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw 0 0
//fileserver/baocao /mnt/baocao cifs rw,vers=3.0 0 0
nas:/export/vp /srv/van\\040phong nfs4 rw 0 0
tmpfs /mnt/baocao/local tmpfs rw 0 0
"""


def test_network_mounts_on_linux_are_recognised():
    assert is_network_path("/mnt/baocao/2024/bao-cao.db", platform="linux", mounts=MOUNTS)
    assert is_network_path("/srv/van phong/a.db", platform="linux", mounts=MOUNTS)
    assert mount_type("/srv/van phong/a.db", MOUNTS) == "nfs4"
    # the longest mount point wins: a local tmpfs inside the share is local
    assert not is_network_path("/mnt/baocao/local/a.db", platform="linux", mounts=MOUNTS)
    assert not is_network_path("/home/an/bao-cao.db", platform="linux", mounts=MOUNTS)
    assert not is_network_path("/mnt/baocaox/a.db", platform="linux", mounts=MOUNTS)


def test_windows_unc_paths_and_mapped_drives_are_recognised():
    remote = {"Z": 4, "C": 3}
    probe = lambda root: remote[root[0]]  # noqa: E731  (GetDriveTypeW: 4 remote, 3 fixed)
    assert is_network_path(r"\\server\share\bao-cao.db", platform="win32", drive_type=probe)
    assert is_network_path("//server/share/bao-cao.db", platform="win32", drive_type=probe)
    assert is_network_path(r"\\?\UNC\server\share\a.db", platform="win32", drive_type=probe)
    assert is_network_path(r"Z:\Bao cao\2024.db", platform="win32", drive_type=probe)
    assert not is_network_path(r"C:\Users\An\2024.db", platform="win32", drive_type=probe)
    assert not is_network_path(r"\\?\C:\Users\An\2024.db", platform="win32", drive_type=probe)


def test_a_local_temporary_file_is_not_on_the_network(tmp_path):
    assert not is_network_path(tmp_path / "a.db")
    if sys.platform.startswith("linux"):
        assert mount_type(tmp_path) is not None


def test_a_lease_left_by_a_crashed_program_on_this_pc_is_not_someone_else(seed_db):
    """Restarting after a crash must not warn that "you" are editing your own section."""
    import socket
    import subprocess

    from hgreport.sharing import process_alive

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    assert not process_alive(gone.pid)
    here = socket.gethostname()
    with ReportStore.open(seed_db, author="An") as crashed_store:
        sid = sections(crashed_store)[1].id
        Presence(crashed_store, f"{here}:{gone.pid}:dead", here).claim(sid)
        Presence(crashed_store, "pc-binh:77:live", "PC-BINH").claim(sid)
    with ReportStore.open(seed_db, author="An") as store:
        me = Presence(store)
        assert [e.host for e in me.editing(sid)] == ["PC-BINH"]
        assert [e.host for e in me.others()] == ["PC-BINH"]


def test_the_same_person_on_this_pc_is_me_in_another_window(seed_db):
    clock = Clock()
    with ReportStore.open(seed_db, author="An") as a, ReportStore.open(seed_db, author="An") as b, \
            ReportStore.open(seed_db, author="Bình") as c:
        sid = sections(a)[1].id
        mine = Presence(a, "pc-an:11:aaaa:an", "PC-AN", clock=clock)
        again = Presence(b, "pc-an:12:bbbb:an", "PC-AN", clock=clock)
        again.claim(sid)
        (me,) = mine.editing(sid)
        assert me.mine and me.author == "An"
        assert me.until == clock.now + mine.ttl  # the lease runs until then unless renewed
        # another login on the same PC, or the same name on another PC, is someone else
        for holder, host, store in (("pc-an:13:cccc:khach", "PC-AN", b),
                                    ("pc-an2:14:dddd:an", "PC-AN2", b),
                                    ("pc-an:15:eeee:an", "PC-AN", c)):
            Presence(store, holder, host, clock=clock).claim(sid)
        others = {e.holder: e.mine for e in mine.editing(sid)}
        assert others == {"pc-an:12:bbbb:an": True, "pc-an:13:cccc:khach": False,
                          "pc-an2:14:dddd:an": False, "pc-an:15:eeee:an": False}
        # a window of this program names the login it runs under
        assert Presence(a).holder_id.split(":")[3] == login_name()
