"""The change set: what one transaction changed, followed up once when it commits.

Services and receivers note what changed (``note_keys``, ``note_takedown``, ...). The notes
collect in one change set per database connection; at the outermost commit ``follow.run`` runs
every follow-up step once for all of them: moderating 20 comments of one article is one purge
of its page, an editor's save one purge in all. A rolled-back transaction runs nothing.

``suppressed()`` holds the follow-up back for a bulk job (import, restore) and runs it once at
the end of the job, or leaves out the steps the job does itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import DEFAULT_DB_ALIAS, connections, transaction

# The follow-up steps a change set can ask for, in the order ``follow.run`` takes them.
STEPS = ("search", "related", "invalidate", "forget")


@dataclass
class ChangeSet:
    keys: set[str] = field(default_factory=set)  # soft: stale copies may serve while re-rendered
    # Of ``keys``: purged before the request ends instead of through the task queue, for pages
    # readers poll for seconds-old news (a ticker's entries).
    urgent: set[str] = field(default_factory=set)
    hard_keys: set[str] = field(default_factory=set)  # takedowns: nothing stale may be served
    takedown_paths: set[str] = field(default_factory=set)
    search: dict[tuple[str, int], None] = field(default_factory=dict)  # (kind, pk), ordered
    related: set[int] = field(default_factory=set)
    forget: dict[str, Callable[[], None]] = field(default_factory=dict)
    # (due, keys, owner): one pending invalidation per owner, the object scheduled.
    scheduled: list[tuple[float, frozenset[str], str | None]] = field(default_factory=list)
    skip: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(
            self.keys
            or self.hard_keys
            or self.takedown_paths
            or self.search
            or self.related
            or self.forget
            or self.scheduled
        )

    def merge(self, other: ChangeSet) -> None:
        self.keys |= other.keys
        self.urgent |= other.urgent
        self.hard_keys |= other.hard_keys
        self.takedown_paths |= other.takedown_paths
        self.search.update(other.search)
        self.related |= other.related
        self.forget.update(other.forget)
        self.scheduled.extend(other.scheduled)


class _State:
    """Per connection: the notes waiting for a commit, and the jobs holding them back.

    Each note belongs to its own ``on_commit`` callback, so a rolled-back savepoint or
    transaction drops exactly its notes; at the commit the first callback runs them all, once.
    """

    def __init__(self) -> None:
        self.pending: dict[int, tuple[Callable[[], None], ChangeSet]] = {}
        self.suppressed: list[ChangeSet] = []
        self.search_at_commit = 0


def _state(using: str = DEFAULT_DB_ALIAS) -> _State:
    connection = connections[using]
    state = getattr(connection, "newsdesk_publishing", None)
    if state is None:
        state = connection.newsdesk_publishing = _State()
    return state


def _note(apply: Callable[[ChangeSet], None], using: str = DEFAULT_DB_ALIAS) -> None:
    """Apply a note to the change set of the current transaction (or bulk job)."""
    state = _state(using)
    if state.suppressed:
        apply(state.suppressed[-1])
        return
    connection = connections[using]
    if not connection.in_atomic_block:
        changes = ChangeSet()  # autocommit: the change is committed already
        apply(changes)
        _run(changes)
        return
    if state.pending:
        alive = {id(func) for _, func, _ in connection.run_on_commit}
        for key in set(state.pending) - alive:  # rolled back with their savepoint or transaction
            del state.pending[key]
    apply(_register(state, using))


def _register(state: _State, using: str) -> ChangeSet:
    changes = ChangeSet()

    def run_pending() -> None:
        # At a commit the first callback runs the notes of all of them, once; the others find
        # theirs gone. (Django hands the callbacks over before running them, so the list is
        # empty here. A test that runs captured callbacks leaves the list as it was: then only
        # this callback's notes and those of the callbacks registered after it run.)
        connection = connections[using]
        waiting = [func for _, func, _ in connection.run_on_commit]
        if run_pending in waiting:
            later = {id(func) for func in waiting[waiting.index(run_pending) + 1 :]}
            chosen = [key for key in state.pending if key == id(run_pending) or key in later]
        else:
            chosen = list(state.pending)
        batch = ChangeSet()
        for key in chosen:
            batch.merge(state.pending.pop(key)[1])
        _run(batch)

    state.pending[id(run_pending)] = (run_pending, changes)
    # Robust: the change is committed; a failing follow-up step is logged, the save stands.
    transaction.on_commit(run_pending, using=using, robust=True)
    return changes


def _run(changes: ChangeSet) -> None:
    if changes:
        from . import follow

        follow.run(changes)


def note_keys(keys: Iterable[str], *, urgent: bool = False) -> None:
    """Pages showing these keys re-render (soft: a stale copy may serve meanwhile).

    ``urgent``: the caches in front are purged right after the commit, not by the task queue
    (a live ticker's readers expect an entry within seconds; a failed purge is still retried).
    """
    keys = set(keys)

    def apply(changes: ChangeSet) -> None:
        changes.keys.update(keys)
        if urgent:
            changes.urgent.update(keys)

    if keys:
        _note(apply)


def note_takedown(keys: Iterable[str], paths: Iterable[str]) -> None:
    """An object left public view: its keys are purged hard and its pages dropped at once."""
    keys, paths = set(keys), {path for path in paths if path}

    def apply(changes: ChangeSet) -> None:
        changes.hard_keys.update(keys)
        changes.takedown_paths.update(paths)

    _note(apply)


def note_search(kind: str, pk: int) -> None:
    """Bring the search entry of this object up to date, or forget it.

    Written at once, inside the transaction (a rolled-back edit leaves the index as it was);
    inside ``search_at_commit()`` and bulk jobs once per object, when the change set runs.
    """
    state = _state()
    if state.suppressed or state.search_at_commit:
        _note(lambda changes: changes.search.__setitem__((kind, pk), None))
        return
    from . import follow

    follow.update_search({(kind, pk): None})


@contextmanager
def search_at_commit() -> Iterator[None]:
    """Index each changed object once, after the commit, instead of at every signal: for a
    request that saves an object and then its relations (the editor's save)."""
    state = _state()
    state.search_at_commit += 1
    try:
        yield
    finally:
        state.search_at_commit -= 1


def note_related(article_ids: Iterable[int]) -> None:
    """Recompute the related suggestions around these articles."""
    ids = set(article_ids)
    if ids:
        _note(lambda changes: changes.related.update(ids))


def note_forget(name: str, forget: Callable[[], None]) -> None:
    """Drop a cached derived value (footer pages, shop domains): now for this process, and
    again after the commit, in case another request re-read the old rows in between."""
    if not _state().suppressed:
        forget()
    _note(lambda changes: changes.forget.__setitem__(name, forget))


def note_scheduled(due: float, keys: Iterable[str], owner: str | None = None) -> None:
    entry = (due, frozenset(keys), owner)
    _note(lambda changes: changes.scheduled.append(entry))


@contextmanager
def collecting_into(batch: ChangeSet) -> Iterator[ChangeSet]:
    """Notes made inside the block join ``batch`` (the pipeline's own later steps)."""
    state = _state()
    state.suppressed.append(batch)
    try:
        yield batch
    finally:
        state.suppressed.pop()


@contextmanager
def suppressed(*, skip: Iterable[str] = ()) -> Iterator[ChangeSet]:
    """Hold every follow-up back until the block ends, then run it once as one batch (after
    the commit of the surrounding transaction, if there is one).

    ``skip`` leaves steps out (``STEPS``): a restore loads the archived suggestions and
    rebuilds the search index itself, so it skips "search" and "related".
    """
    unknown = set(skip) - set(STEPS)
    if unknown:
        raise ValueError(f"Unknown follow-up steps: {sorted(unknown)}")
    state = _state()
    batch = ChangeSet(skip=set(skip))
    state.suppressed.append(batch)
    try:
        yield batch
    finally:
        state.suppressed.pop()
        # Also after an error: what a job committed before it stopped is public. Inside a
        # transaction that rolls back, the follow-up is dropped with it.
        for step in batch.skip:
            _drop_step(batch, step)
        if batch:
            _note(lambda changes: changes.merge(batch))


def _drop_step(changes: ChangeSet, step: str) -> None:
    if step == "search":
        changes.search.clear()
    elif step == "related":
        changes.related.clear()
    elif step == "invalidate":
        changes.keys.clear()
        changes.urgent.clear()
        changes.hard_keys.clear()
        changes.takedown_paths.clear()
        changes.scheduled.clear()
    elif step == "forget":
        changes.forget.clear()
