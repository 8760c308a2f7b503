"""Work done once a transaction commits, once however many rows of it ask for it."""

from django.db import transaction


class _Call:
    """func(*args), to run once the transaction commits, known by what it calls."""

    def __init__(self, func, args):
        self.func, self.args = func, args
        self.done = False

    def __call__(self):
        self.done = True
        self.func(*self.args)

    def calls(self, func, args):
        return not self.done and self.func == func and self.args == args


def on_commit_once(func, *args, using=None):
    """`func(*args)` once the current transaction commits (at once outside one), unless the
    same call already waits for it: an import that saves a thousand rows in one transaction
    runs it once, in the place of the first row's call among the other commit callbacks.

    A call registered in a savepoint that is rolled back is forgotten with it, and asked
    for again by the next row. (A test's `django_capture_on_commit_callbacks` block captures
    no call that an earlier save of the same test transaction left waiting.)
    """
    connection = transaction.get_connection(using)
    if connection.in_atomic_block:
        for _savepoint_ids, waiting, _robust in connection.run_on_commit:
            if isinstance(waiting, _Call) and waiting.calls(func, args):
                return
    transaction.on_commit(_Call(func, args), using=using)
