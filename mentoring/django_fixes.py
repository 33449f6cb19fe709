"""Two places where Django 5.2 answers malformed input with a 500; installed by ``MentoringConfig.ready``.

* ``__in`` on an integer column with a number no column can hold. Django leaves an out-of-range number
  out of ``exact``, ``gt``, ``lt``… on integer fields, but not out of ``in``: SQLite's driver refuses to
  bind it (OverflowError). ``ModelMultipleChoiceField`` checks posted ids with ``pk__in``, so a multiple
  choice posted as a 30-digit id was a 500. Such a number equals no stored value, so leaving it out of
  the list changes no result.
* The admin's ``date_hierarchy`` with a year ``datetime`` cannot hold (``?attempt_time__year=9999`` or a
  30-digit year, on the failed-login lists of django-axes): Django's ticket #37357, fixed upstream after
  5.2 — the same answer as for any other wrong filter, the list with «?e=1». Drop it with a Django that
  has the fix.
"""

from __future__ import annotations

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import EmptyResultSet
from django.db.models import IntegerField
from django.db.models.lookups import In


class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
            kept = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
            if len(kept) != len(self.rhs):
                if not kept:
                    raise EmptyResultSet
                self.rhs = kept
        return super().process_rhs(compiler, connection)


_get_filters = ChangeList.get_filters


def _get_filters_refusing_impossible_dates(self, request):
    try:
        return _get_filters(self, request)
    except (OverflowError, ValueError) as error:
        raise IncorrectLookupParameters(error) from error


def install() -> None:
    IntegerField.register_lookup(IntegerFieldIn)
    ChangeList.get_filters = _get_filters_refusing_impossible_dates
