"""The client address behind trusted proxies, and counters that spoofed headers cannot reset."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from newsdesk.core import ratelimit
from newsdesk.core.ratelimit import Rate


def request(remote="198.51.100.7", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("5/10m", Rate(5, 600)),
        ("20/h", Rate(20, 3600)),
        ("3/60", Rate(3, 60)),
        ("1/d", Rate(1, 86400)),
    ],
)
def test_rates_are_read_from_settings_text(text, rate):
    assert Rate.parse(text) == rate


@pytest.mark.parametrize("text", ["", "fünf pro Minute", "5/0m", "5/x"])
def test_a_malformed_rate_fails_loudly(text):
    with pytest.raises(ImproperlyConfigured):
        Rate.parse(text)


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    settings.NEWSDESK_TRUSTED_PROXIES = 0
    assert ratelimit.client_ip(request(forwarded="203.0.113.9")) == "198.51.100.7"


def test_with_one_proxy_the_entry_it_appended_is_the_client(settings):
    settings.NEWSDESK_TRUSTED_PROXIES = 1
    # The client wrote "1.2.3.4" itself; the proxy appended the address it really saw.
    spoofed = request(remote="10.0.0.2", forwarded="1.2.3.4, 203.0.113.9")
    assert ratelimit.client_ip(spoofed) == "203.0.113.9"


def test_with_two_proxies_the_second_entry_from_the_right_is_the_client(settings):
    settings.NEWSDESK_TRUSTED_PROXIES = 2
    assert ratelimit.client_ip(request(forwarded="6.6.6.6, 203.0.113.9, 10.0.0.5")) == "203.0.113.9"


@pytest.mark.parametrize("forwarded", ["", "kein-ip", "999.1.1.1"])
def test_missing_or_garbage_forwarded_header_falls_back_to_the_socket(settings, forwarded):
    settings.NEWSDESK_TRUSTED_PROXIES = 1
    assert ratelimit.client_ip(request(forwarded=forwarded)) == "198.51.100.7"


def test_ipv6_clients_are_counted_by_their_64_prefix(settings):
    settings.NEWSDESK_TRUSTED_PROXIES = 0
    one = ratelimit.client_key(request(remote="2001:db8:1:2::1"))
    other = ratelimit.client_key(request(remote="2001:db8:1:2:ffff::9"))
    assert one == other == "2001:db8:1:2::/64"


def test_counter_counts_to_the_limit_and_resets():
    rate = Rate(2, 60)
    assert not ratelimit.exceeded("t", ["a"], rate)
    assert not ratelimit.exceeded("t", ["a"], rate)
    assert ratelimit.exceeded("t", ["a"], rate)
    assert not ratelimit.exceeded("t", ["b"], rate)  # another identity has its own counter
    ratelimit.reset("t", "a", rate)
    assert ratelimit.count("t", "a", rate) == 0


def test_a_locked_out_login_stays_locked_for_the_whole_window_in_the_file_store(
    tmp_path, monkeypatch
):
    # The file store is docs/deploy.md's default for the counters on one machine. Found by
    # bench/junk_flood.py: five minutes after its last failed attempt the client could guess
    # again, though the window is fifteen minutes.
    import pickle
    import time

    from django.core.cache.backends.filebased import FileBasedCache

    store = FileBasedCache(str(tmp_path), {"TIMEOUT": 300})
    monkeypatch.setattr(ratelimit, "counters", lambda: store)
    rate = Rate.parse("5/15m")
    for _ in range(5):
        ratelimit.hit("login-ip", "203.0.113.10", rate)

    assert ratelimit.count("login-ip", "203.0.113.10", rate) == 5
    (counter,) = [f for f in tmp_path.iterdir() if f.suffix == ".djcache"]
    with counter.open("rb") as file:
        expires = pickle.load(file)
    assert expires - time.time() > 600  # until the window's end, not the store's 300 s
