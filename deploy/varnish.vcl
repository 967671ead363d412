# Varnish in front of newsdesk: caches anonymous pages, purges them by surrogate key.
#
# The app sends every public page with "Surrogate-Key: article-12 topic-3 home ..." and
# "Cache-Control: public, max-age=60, s-maxage=3600, stale-while-revalidate=60,
# stale-if-error=86400". On every change it sends "PURGE /" with an "xkey-softpurge: <keys>"
# header (NEWSDESK_PURGE_BACKEND=varnish, NEWSDESK_PURGE_URLS=http://127.0.0.1:6091/).
# Needs the xkey vmod (Debian: varnish-modules).
#
# Two listeners (deploy/systemd/varnish-newsdesk.conf): "http" on 127.0.0.1:6081 for nginx, and
# "purge" on 127.0.0.1:6091 for the app only. Purges are accepted on the purge listener alone:
# every request through nginx arrives from 127.0.0.1 too, so the client address cannot tell
# the app from a reader.
vcl 4.1;

import std;
import xkey;

backend app {
    .host = "127.0.0.1";
    .port = "8000";
    # Answered by newsdesk.core.health before host validation: the probe's "Host: 127.0.0.1"
    # is not in the production ALLOWED_HOSTS.
    .probe = {
        .url = "/healthz";
        .interval = 5s;
        .timeout = 2s;
        .window = 5;
        .threshold = 3;
    }
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (local.socket == "purge") {
        if (req.method != "PURGE" || client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.xkey-softpurge) {
            set req.http.n-gone = xkey.softpurge(req.http.xkey-softpurge);
        } elseif (req.http.xkey-purge) {
            set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        } else {
            return (synth(400, "xkey-softpurge or xkey-purge header missing"));
        }
        return (synth(200, "Purged " + req.http.n-gone));
    }
    if (req.method == "PURGE" || req.method == "BAN") {
        return (synth(405, "Method Not Allowed"));
    }
    # Purge headers mean nothing to the app; never pass a reader's on.
    unset req.http.xkey-purge;
    unset req.http.xkey-softpurge;
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The newsroom, the offer redirect (counts clicks) and comment posting always reach the app.
    if (req.url ~ "^/(newsroom|go|kommentare)/" || req.url ~ "^/healthz") {
        return (pass);
    }
    # A signed-in editor sees the live site.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Pages for anonymous readers do not depend on cookies; the site sets none for them.
    unset req.http.Cookie;
    # Campaign tags and click ids change nothing on the page: one cached copy for every
    # shared link. The same names as IGNORED_PARAMETERS in newsdesk/core/tracking.py.
    set req.url = regsuball(req.url, "([?&])(utm_[A-Za-z0-9_]+|fbclid|igshid|gclid|gbraid|wbraid|dclid|msclkid|twclid|ttclid|li_fat_id|yclid|mc_cid|mc_eid|mkt_tok|wt_mc|wt_zmc|_ga|_gl|ref_src|ref_url)=[^&]*", "\1");
    set req.url = regsuball(req.url, "&&+", "&");
    set req.url = regsub(req.url, "\?&", "?");
    set req.url = regsub(req.url, "[?&]$", "");
    # While the app answers, serve at most a minute-old stale copy while refreshing it;
    # while it is down, serve stale copies for a day (stale-if-error).
    if (std.healthy(req.backend_hint)) {
        set req.grace = 60s;
    } else {
        set req.grace = 24h;
    }
    return (hash);
}

sub vcl_backend_response {
    # xkey reads the keys of a cached object from this header.
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    if (beresp.http.Set-Cookie) {
        # Never store a response that sets a cookie: it belongs to one reader.
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    set beresp.grace = 24h;
    # A failed fetch keeps the old copy instead of caching the error.
    if (beresp.status >= 500) {
        return (abandon);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Varnish-Cache = "HIT";
    } else {
        set resp.http.X-Varnish-Cache = "MISS";
    }
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.Cache-Tag;
}
