"""Access through the views, the same edges for every ledger section (land, statistics, funding).

A test module subclasses `LedgerAccessCases[Model]` as `TestXxxAccess` and supplies the section (`slug`,
`key`, `model_class`), a `member` fixture (a member of that task force), and three builders:

- `make_entry(project)`: an entry about `project` (saved);
- `create_data(project)`: POST data that creates a valid entry about `project`;
- `edit_data(entry)`: POST data that changes `entry` validly; `edited(entry)` says whether it did.

`project` belongs to the `township` fixture (the `reporter`'s unit); `other_project` to
`other_township`. `LedgerCases` holds what every section shares; `LedgerAccessCases` adds the edges of
a section whose entries are about a project (reporters see their own unit's, the project page lists
them). A section about no project subclasses `LedgerCases` and says what reporters see instead.
"""

from __future__ import annotations

import io
from typing import ClassVar, Generic, TypeVar

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from files.models import Attachment
from taskforces.common.models import LedgerEntry
from tests import factories

EntryT = TypeVar("EntryT", bound=LedgerEntry)


class LedgerCases(Generic[EntryT]):
    slug: ClassVar[str] = ""
    key: ClassVar[str] = ""
    model_class: type[EntryT]  # a ClassVar cannot hold a type variable; each subclass sets it in its body

    # --- to be supplied by the subclass ------------------------------------------------------

    def make_entry(self, project) -> EntryT:  # pragma: no cover - abstract
        raise NotImplementedError

    def create_data(self, project) -> dict:  # pragma: no cover - abstract
        raise NotImplementedError

    def edit_data(self, entry: EntryT) -> dict:  # pragma: no cover - abstract
        raise NotImplementedError

    def edited(self, entry: EntryT) -> bool:  # pragma: no cover - abstract
        raise NotImplementedError

    # --- fixtures -----------------------------------------------------------------------------

    @pytest.fixture
    def project(self, township, all_taskforces):
        return factories.make_project("凤城陶瓷产业园项目", township=township, code="T-0001")

    @pytest.fixture
    def other_project(self, other_township, all_taskforces):
        return factories.make_project("北留光伏发电项目", township=other_township, code="T-0002")

    @pytest.fixture
    def entry(self, project) -> EntryT:
        return self.make_entry(project)

    @pytest.fixture
    def other_entry(self, other_project) -> EntryT:
        return self.make_entry(other_project)

    # --- urls ---------------------------------------------------------------------------------

    def list_url(self, **query) -> str:
        params = "&".join(f"{k}={v}" for k, v in query.items())
        return f"/taskforces/{self.slug}/?tab={self.key}" + (f"&{params}" if params else "")

    def new_url(self) -> str:
        return f"/taskforces/{self.slug}/{self.key}/new/"

    def entry_url(self, entry) -> str:
        return f"/taskforces/{self.slug}/{self.key}/{entry.pk}/"

    def edit_url(self, entry) -> str:
        return f"/taskforces/{self.slug}/{self.key}/{entry.pk}/edit/"

    def export_url(self) -> str:
        return f"/taskforces/{self.slug}/{self.key}/export.xlsx"

    # --- members of the task force ------------------------------------------------------------

    def test_member_creates_an_entry_recorded_as_theirs(self, client, member, project):
        client.force_login(member)
        assert client.get(self.new_url()).status_code == 200
        entries = self.model_class._default_manager
        before = entries.count()
        response = client.post(self.new_url(), self.create_data(project))
        assert response.status_code == 302, response.context["form"].errors if response.context else response
        assert entries.count() == before + 1
        created = entries.order_by("-pk").first()
        assert created is not None
        assert created.created_by == member
        assert created.history.first().history_user == member

    def test_member_edits_an_entry(self, client, member, entry):
        client.force_login(member)
        assert client.get(self.edit_url(entry)).status_code == 200
        response = client.post(self.edit_url(entry), self.edit_data(entry))
        assert response.status_code == 302, response.context["form"].errors if response.context else response
        entry.refresh_from_db()
        assert self.edited(entry)

    def test_member_sees_the_new_entry_button(self, client, member, entry):
        client.force_login(member)
        assert self.new_url() in client.get(self.list_url()).content.decode()

    # --- members of another task force: read, never write ----------------------------------------

    def test_member_of_another_task_force_reads_but_cannot_create_or_edit(
        self, client, tf_member, other_tf_member, project, entry
    ):
        for user in (tf_member, other_tf_member):
            client.force_login(user)
            assert client.get(self.list_url()).status_code == 200
            assert client.get(self.entry_url(entry)).status_code == 200
            assert client.get(self.new_url()).status_code == 403
            assert client.post(self.new_url(), self.create_data(project)).status_code == 403
            assert client.get(self.edit_url(entry)).status_code == 403
            assert client.post(self.edit_url(entry), self.edit_data(entry)).status_code == 403
        entry.refresh_from_db()
        assert not self.edited(entry)
        assert self.new_url() not in client.get(self.list_url()).content.decode()

    # --- everyone else ------------------------------------------------------------------------

    def test_outsider_is_refused_everything(self, client, outsider, project, entry):
        client.force_login(outsider)
        for url in (self.list_url(), self.entry_url(entry), self.new_url(), self.edit_url(entry), self.export_url()):
            assert client.get(url).status_code == 404, url
        assert client.post(self.new_url(), self.create_data(project)).status_code == 404
        assert client.post(self.edit_url(entry), self.edit_data(entry)).status_code == 404
        entry.refresh_from_db()
        assert not self.edited(entry)

    def test_anonymous_is_sent_to_log_in(self, client, entry):
        response = client.get(self.list_url())
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


class LedgerAccessCases(LedgerCases[EntryT]):
    """The edges of a section whose entries are about a project."""

    # --- HQ and county leaders: read everything, write nothing ----------------------------------

    def test_hq_and_leader_read_every_entry_but_cannot_write(self, client, hq, leader, project, entry, other_entry):
        for user in (hq, leader):
            client.force_login(user)
            response = client.get(self.list_url())
            assert response.status_code == 200
            shown = {row.obj.pk for row in response.context["rows"]}
            assert {entry.pk, other_entry.pk} <= shown
            assert client.get(self.entry_url(other_entry)).status_code == 200
            assert client.get(self.export_url()).status_code == 200
            assert client.post(self.new_url(), self.create_data(project)).status_code == 403
            assert client.post(self.edit_url(entry), self.edit_data(entry)).status_code == 403
        entry.refresh_from_db()
        assert not self.edited(entry)

    # --- reporters: only their own unit's projects ------------------------------------------------

    def test_reporter_sees_only_entries_of_own_projects(self, client, reporter, project, entry, other_entry):
        client.force_login(reporter)
        response = client.get(self.list_url())
        assert response.status_code == 200
        assert {row.obj.pk for row in response.context["rows"]} == {entry.pk}
        assert client.get(self.entry_url(entry)).status_code == 200
        assert client.get(self.entry_url(other_entry)).status_code == 404
        sheet = load_workbook(io.BytesIO(client.get(self.export_url()).content)).active
        assert sheet.max_row == 2  # the header and its own project's entry
        assert "北留光伏发电项目" not in {str(c.value) for row in sheet.iter_rows() for c in row}

    def test_reporter_cannot_create_or_edit(self, client, reporter, project, entry):
        client.force_login(reporter)
        assert client.post(self.new_url(), self.create_data(project)).status_code == 403
        assert client.post(self.edit_url(entry), self.edit_data(entry)).status_code == 403
        entry.refresh_from_db()
        assert not self.edited(entry)

    def test_reporter_of_another_township_gets_404_for_the_entry(self, client, other_reporter, entry):
        client.force_login(other_reporter)
        assert client.get(self.entry_url(entry)).status_code == 404
        assert client.post(self.edit_url(entry), self.edit_data(entry)).status_code == 404

    # --- the project page -----------------------------------------------------------------------

    def test_entry_shows_on_its_project_page(self, client, hq, project, entry):
        client.force_login(hq)
        html = client.get(f"/projects/{project.pk}/").content.decode()
        assert self.entry_url(entry) in html


class LedgerDocumentCases(LedgerCases[EntryT]):
    """Mix in beside `LedgerAccessCases` for sections that take documents (`attachment_kinds`)."""

    def test_documents_are_checked_stored_privately_and_served_to_readers_only(
        self, client, member, hq, reporter, other_reporter, entry, settings, tmp_path
    ):
        settings.MEDIA_ROOT = tmp_path
        upload_url = f"{self.entry_url(entry)}files/"
        client.force_login(hq)
        pdf = SimpleUploadedFile("佐证材料.pdf", b"%PDF-1.4\n%%EOF", content_type="application/pdf")
        assert client.post(upload_url, {"files": [pdf]}).status_code == 403
        client.force_login(member)
        fake = SimpleUploadedFile("佐证材料.pdf", b"not a pdf", content_type="application/pdf")
        client.post(upload_url, {"files": [fake]})
        assert not Attachment.objects.exists()
        pdf = SimpleUploadedFile("佐证材料.pdf", b"%PDF-1.4\n%%EOF", content_type="application/pdf")
        assert client.post(upload_url, {"files": [pdf]}).status_code == 302
        attachment = Attachment.objects.get()
        assert attachment.entry == entry and attachment.file.path.startswith(str(tmp_path))
        assert f"/files/{attachment.pk}/" in client.get(self.entry_url(entry)).content.decode()
        for user, status in ((hq, 200), (reporter, 200), (other_reporter, 404)):
            client.force_login(user)
            assert client.get(f"/files/{attachment.pk}/").status_code == status
