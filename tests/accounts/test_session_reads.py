"""The session and the account every signed-in request reads (accounts/sessions.py,
accounts/backends.py, SQL made once): the same as the ORM's reads, or nothing."""

from __future__ import annotations

import datetime as dt


def test_the_account_read_is_the_orms(people) -> None:
    from django.utils import timezone

    from duban.accounts.backends import UsernameBackend
    from duban.accounts.models import User

    User.objects.filter(pk=people.reporter.pk).update(last_login=timezone.now())
    backend = UsernameBackend()
    for user_id in (people.reporter.pk, str(people.reporter.pk), people.office.pk):
        read = backend.get_user(user_id)
        orm = User.objects.get(pk=int(user_id))
        assert read is not None and read._state.adding is False and read._state.db == "default"
        for field in User._meta.concrete_fields:
            assert getattr(read, field.attname) == getattr(orm, field.attname), field.name
    assert isinstance(backend.get_user(people.reporter.pk).last_login, dt.datetime)
    assert backend.get_user(people.reporter.pk).unit.name == people.reporter.unit.name
    for nobody in (10**9, 2**70, "x", "", None, -1):
        assert backend.get_user(nobody) is None
    User.objects.filter(pk=people.reporter.pk).update(is_active=False)
    assert backend.get_user(people.reporter.pk) is None


def test_the_session_read_is_its_data_until_it_expires(reporter_client, people) -> None:
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from duban.accounts.sessions import SessionStore

    key = reporter_client.session.session_key
    store = SessionStore(key)
    assert store.load()["_auth_user_id"] == str(people.reporter.pk)
    Session.objects.filter(pk=key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    gone = SessionStore(key)
    assert gone.load() == {} and gone.session_key is None
    assert SessionStore("no-such-session-key-00000000000").load() == {}
