"""Anonymous reads go to a replica; writes and a signed-in editor's reads to the primary."""

import pytest
from django.contrib.auth.models import User
from django.db import OperationalError, connections
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.core import replicas
from newsdesk.core.routers import ReplicaRouter, use_primary

# The replica alias of the test settings mirrors the test database, as a streaming replica
# would; the tests commit (transaction=True) so that its separate connection sees their rows.
pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica_0"])


@pytest.fixture
def replica_alias():
    replicas.reset()
    yield "replica_0"
    replicas.reset()


@pytest.fixture
def unreachable_replica(replica_alias, monkeypatch):
    """The replica stops answering: its connection points where no server listens."""
    connection = connections[replica_alias]
    original = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "postgresql":
        connection.settings_dict.update(HOST="127.0.0.1", PORT=1)
    else:
        # The test run's in-memory SQLite mirror cannot be closed; refuse as a dead server would.
        def refuse():
            raise OperationalError("connection refused")

        monkeypatch.setattr(connection, "ensure_connection", refuse)
    yield replica_alias
    connection.close()
    connection.settings_dict.clear()
    connection.settings_dict.update(original)


def test_reads_outside_a_request_and_writes_go_to_the_primary(replica_alias):
    router = ReplicaRouter()
    assert router.db_for_read(User) == "default"
    assert router.db_for_write(User) == "default"
    with use_primary():
        assert router.db_for_read(User) == "default"
    assert not router.allow_migrate(replica_alias, "articles")


@override_settings(DATABASE_ROUTERS=["newsdesk.core.routers.ReplicaRouter"])
def test_anonymous_page_view_reads_from_replica_editor_from_primary(client, replica_alias):
    article = ArticleFactory()
    with CaptureQueriesContext(connections[replica_alias]) as replica_queries:
        assert client.get(article.get_absolute_url()).status_code == 200
    assert len(replica_queries) > 0

    editor = User.objects.create_user("redakteur", password="x", is_staff=True)
    client.force_login(editor)
    with CaptureQueriesContext(connections[replica_alias]) as replica_queries:
        assert client.get(article.get_absolute_url()).status_code == 200
    assert len(replica_queries) == 0


@override_settings(
    DATABASE_ROUTERS=["newsdesk.core.routers.ReplicaRouter"], NEWSDESK_REPLICA_RETRY_AFTER=3600
)
def test_replica_that_does_not_answer_leaves_readers_on_the_primary(
    client, unreachable_replica, caplog
):
    article = ArticleFactory()
    with caplog.at_level("WARNING", logger="newsdesk.replicas"):
        for _ in range(3):
            response = client.get(article.get_absolute_url())
            assert response.status_code == 200
            assert escape(article.headline).encode() in response.content
    # Said once in the log, not once per request.
    outages = [r for r in caplog.records if "taken out of the rotation" in r.getMessage()]
    assert len(outages) == 1
    assert not replicas.in_rotation(unreachable_replica)


@override_settings(
    DATABASE_ROUTERS=["newsdesk.core.routers.ReplicaRouter"], NEWSDESK_REPLICA_RETRY_AFTER=0
)
def test_replica_comes_back_into_the_rotation_by_itself(client, replica_alias, caplog):
    article = ArticleFactory()
    connection = connections[replica_alias]
    replicas.take_out(replica_alias, "refused connections")
    with caplog.at_level("WARNING", logger="newsdesk.replicas"):
        with CaptureQueriesContext(connection) as replica_queries:
            assert client.get(article.get_absolute_url()).status_code == 200
    assert len(replica_queries) > 0
    assert any("back in the rotation" in r.getMessage() for r in caplog.records)
