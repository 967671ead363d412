"""Settings for every environment. Values come from environment variables (see .env.example).

``production.py`` tightens these; ``test.py`` speeds them up. Nothing else reads os.environ.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .env import cache_from_url, env_bool, env_int, env_list, env_str, local_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent  # the newsdesk package
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(env_str("NEWSDESK_VAR_DIR", str(PROJECT_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY") or local_secret_key(VAR_DIR)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # The newsroom is Django's admin, translated and extended per app.
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.redirects",
    "django_tasks",
    "django_tasks_db",
    "newsdesk.taskqueue",
    "newsdesk.core",
    "newsdesk.galleries",
    "newsdesk.videos",
    "newsdesk.commerce",
    "newsdesk.articles",
    "newsdesk.liveticker",
    "newsdesk.comments",
    "newsdesk.pages",
    "newsdesk.newsroom",
    "newsdesk.demo",
    "newsdesk.pagecache",
    "newsdesk.synthetic",
    "newsdesk.security",
    "newsdesk.seo",
    "newsdesk.feeds",
    "newsdesk.importers",
    "newsdesk.backup",
    "newsdesk.search",
    "newsdesk.related",
    "newsdesk.readership",
    "newsdesk.desk",
    "newsdesk.api",
    # Everything that follows a change (cache keys, purges, search, sitemaps, suggestions).
    "newsdesk.publishing",
]

MIDDLEWARE = [
    # First: health probes (Varnish, load balancers) send their own Host header, which
    # ALLOWED_HOSTS would refuse; /healthz is answered before anything validates the host.
    "newsdesk.core.health.HealthCheckMiddleware",
    # A NUL in an API address is refused at once (PostgreSQL text cannot hold one).
    "newsdesk.core.nul_guard.ApiNulCharacterMiddleware",
    # Compresses what the page cache does not answer itself (the newsroom, editors' views);
    # cached pages come with their own gzip and brotli copies and are left alone. Django's
    # GZip adds random padding against BREACH on pages with CSRF tokens.
    "django.middleware.gzip.GZipMiddleware",
    # Next, so that a cached page is answered before any other work; what it stores already
    # carries the headers the middleware below added when the page was rendered.
    # A page number in another spelling (?seite=02, ?seite=1) or on a page without numbered
    # pages goes to the page's one address before the cache or a render is asked.
    "newsdesk.core.pagination.CanonicalPageNumberMiddleware",
    "newsdesk.pagecache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy; below the page cache, so cached pages
    # keep the headers they were rendered with.
    "newsdesk.security.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A database that does not answer: a plain 503 with Retry-After, not an error page. Above
    # the router's middleware, which first renders again from the primary when a replica failed.
    "newsdesk.core.database_away.DatabaseAwayMiddleware",
    "newsdesk.core.routers.PrimaryForOwnWritesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A save of the article form after the session ended keeps the text through the login.
    "newsdesk.newsroom.middleware.ExpiredSessionFormMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so that it only sees real 404s: old URLs of moved content answer with a 301.
    "django.contrib.redirects.middleware.RedirectFallbackMiddleware",
    # WordPress's /?p=123 addresses: the home page answers them, so no 404 ever falls back.
    "newsdesk.importers.middleware.LegacyQueryRedirectMiddleware",
]

ROOT_URLCONF = "newsdesk.urls"
WSGI_APPLICATION = "newsdesk.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsdesk.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'newsdesk.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # IMMEDIATE takes the write lock when a transaction starts, so two editors saving at
            # once are serialised and the version check in the newsroom cannot be raced.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
# Read replicas (PostgreSQL streaming replicas): comma-separated URLs; anonymous reads go there
# while a replica answers and keeps up (newsdesk.core.replicas), else to the primary.
for _number, _url in enumerate(env_list("DATABASE_REPLICA_URLS", [])):
    DATABASES[f"replica_{_number}"] = dj_database_url.parse(
        _url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60), conn_health_checks=True
    )
    # A replica that does not answer must cost a reader seconds at most, once per retry period.
    DATABASES[f"replica_{_number}"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env_int("DATABASE_REPLICA_CONNECT_TIMEOUT", 2)
    )
# Out of the rotation when lagging more than this many seconds, for this many seconds.
NEWSDESK_REPLICA_MAX_LAG = env_int("NEWSDESK_REPLICA_MAX_LAG", 5)
NEWSDESK_REPLICA_RETRY_AFTER = env_int("NEWSDESK_REPLICA_RETRY_AFTER", 30)
NEWSDESK_REPLICA_CHECK_INTERVAL = env_int("NEWSDESK_REPLICA_CHECK_INTERVAL", 2)
# Besides loopback, addresses that may read /healthz/details (which dependency is degraded).
NEWSDESK_HEALTH_DETAIL_IPS = env_list("NEWSDESK_HEALTH_DETAIL_IPS", [])
DATABASE_ROUTERS = ["newsdesk.core.routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The embedded default is a file cache in var/: shared by every worker process and by commands
# such as publish-due, so that a change made in one process invalidates pages in all of them.
# Production uses Redis (CACHE_URL=redis://...).
# Redis is an accelerator, never a dependency: its sockets give up after CACHE_TIMEOUT_MS, and
# while it is away pages render from the database (newsdesk.core.resilient_cache); each process
# keeps CACHE_LOCAL_COPIES recent values to serve meanwhile.
CACHE_TIMEOUT_MS = env_int("CACHE_TIMEOUT_MS", 50)
CACHES = {
    "default": cache_from_url(
        env_str("CACHE_URL", f"file://{VAR_DIR / 'cache'}"),
        local_copies=env_int("CACHE_LOCAL_COPIES", 300),
        on_recovery="newsdesk.pagecache.store.repair_after_outage",
        socket_timeout_ms=CACHE_TIMEOUT_MS,
    ),
    # Rate-limit and login-throttle counters, apart from the page cache so that no flood of
    # pages can evict them. Local by default (shared by the workers of one machine); several
    # app servers point RATELIMIT_CACHE_URL at a Redis of its own with maxmemory-policy
    # noeviction (docs/deploy.md). Strict: while it is away, limits fail in the safe direction.
    "ratelimit": cache_from_url(
        env_str("RATELIMIT_CACHE_URL", f"file://{VAR_DIR / 'ratelimit'}"),
        name="ratelimit",
        strict=True,
        socket_timeout_ms=CACHE_TIMEOUT_MS,
    ),
}

# Slow steps after a change (related recompute, renditions, purges, mails) are tasks of Django's
# Tasks API. "database" (default) queues them as rows of the site's own database, run by
# `newsdesk worker` (`make run` starts one; on PostgreSQL an idle worker is woken by NOTIFY the
# moment a task commits); "immediate" runs them in the calling process.
TASK_BACKENDS = {
    "database": "newsdesk.taskqueue.backend.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_tasks_backend = env_str("NEWSDESK_TASKS_BACKEND", "database")
if _tasks_backend not in TASK_BACKENDS:
    raise ImproperlyConfigured(f"NEWSDESK_TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}.")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[_tasks_backend]}}
# A worker that has not reported for this many seconds is taken for dead; its running task is
# handed to another worker (it reports every quarter of this).
NEWSDESK_WORKER_LEASE = env_int("NEWSDESK_WORKER_LEASE", 60)
# Attempts per task before it stays failed; waits between them double from the base delay.
NEWSDESK_TASK_MAX_ATTEMPTS = env_int("NEWSDESK_TASK_MAX_ATTEMPTS", 5)
NEWSDESK_TASK_RETRY_DELAY = env_int("NEWSDESK_TASK_RETRY_DELAY", 10)
# Seconds between a worker's runs of publish-due (0: leave it to cron or the systemd timer).
NEWSDESK_WORKER_PUBLISH_DUE = 60

# Full-page cache for anonymous readers (newsdesk.pagecache). Pages are invalidated by
# surrogate key the moment what they show changes; the ages bound everything else.
NEWSDESK_PAGE_CACHE = env_bool("NEWSDESK_PAGE_CACHE", True)
NEWSDESK_PAGE_CACHE_MAX_AGE = env_int("NEWSDESK_PAGE_CACHE_MAX_AGE", 600)
# Parts of pages (an article, its comments, lists of teasers, header, footer) kept between
# renders while what they show is unchanged (newsdesk.pagecache.fragments): a page-cache miss
# renders from them. Followed by the same keys as cached pages, bounded by the same age.
NEWSDESK_FRAGMENT_CACHE = env_bool("NEWSDESK_FRAGMENT_CACHE", True)
NEWSDESK_BROWSER_MAX_AGE = env_int("NEWSDESK_BROWSER_MAX_AGE", 60)
NEWSDESK_SHARED_MAX_AGE = env_int("NEWSDESK_SHARED_MAX_AGE", 3600)
NEWSDESK_STALE_WHILE_REVALIDATE = env_int("NEWSDESK_STALE_WHILE_REVALIDATE", 60)
NEWSDESK_STALE_IF_ERROR = env_int("NEWSDESK_STALE_IF_ERROR", 86400)
# Purging a cache in front of the app: "none" or "varnish" (soft purge via the xkey vmod).
NEWSDESK_PURGE_BACKEND = env_str("NEWSDESK_PURGE_BACKEND", "none")
NEWSDESK_PURGE_URLS = env_list("NEWSDESK_PURGE_URLS", [])
# Liveticker (newsdesk.liveticker): how often a reader's page asks the cached entries fragment
# for news (milliseconds), and server-sent events as an option (each open stream holds a worker).
NEWSDESK_LIVETICKER_POLL_MS = env_int("NEWSDESK_LIVETICKER_POLL_MS", 2000)
NEWSDESK_LIVETICKER_SSE = env_bool("NEWSDESK_LIVETICKER_SSE", False)
# The folder `newsdesk bake` writes into, if the site is served baked: `newsdesk takedown`
# deletes a taken-down page's files there.
NEWSDESK_BAKE_DIR = env_str("NEWSDESK_BAKE_DIR", "")
# Whether every change queues a `bake --changed` into NEWSDESK_BAKE_DIR for the task worker
# (which must see that folder): edits reach nginx's baked copy in seconds, not at the next cron.
NEWSDESK_BAKE_ON_CHANGE = env_bool("NEWSDESK_BAKE_ON_CHANGE", False)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"

# German first; English is the second language (set LANGUAGE_CODE=en for an English site).
LANGUAGE_CODE = env_str("LANGUAGE_CODE", "de")
LANGUAGES = [("de", "Deutsch"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Stored in UTC, shown in the newsroom's time zone.
TIME_ZONE = env_str("TIME_ZONE", "Europe/Berlin")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))

# Media on local disk by default; S3-compatible object storage when AWS_STORAGE_BUCKET_NAME is set.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            "custom_domain": env_str("AWS_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
            "file_overwrite": False,
            "default_acl": None,
        },
    }
else:
    # Written whole or not at all: a full disk leaves no truncated picture (newsdesk.core.storage).
    MEDIA_STORAGE = {"BACKEND": "newsdesk.core.storage.WholeFileSystemStorage"}
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# When media lie on local disk and no web server fronts the app (make run), the app serves them.
NEWSDESK_SERVE_MEDIA = env_bool("NEWSDESK_SERVE_MEDIA", not AWS_STORAGE_BUCKET_NAME)

# Uploads: refuse large bodies early (Django answers 400, not 500).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
DATA_UPLOAD_MAX_NUMBER_FILES = 50
NEWSDESK_MAX_IMAGE_BYTES = env_int("NEWSDESK_MAX_IMAGE_BYTES", 20 * 1024 * 1024)
# 24 megapixels: more than any camera picture an article needs; a 162 KB PNG declaring 50
# megapixels cost 14 s and 525 MB of worker memory to decode and render.
NEWSDESK_MAX_IMAGE_PIXELS = env_int("NEWSDESK_MAX_IMAGE_PIXELS", 24_000_000)
NEWSDESK_MAX_VIDEO_BYTES = env_int("NEWSDESK_MAX_VIDEO_BYTES", 500 * 1024 * 1024)

# Reverse proxies in front of the app that append to X-Forwarded-For (nginx: 1). With 0 the
# header is ignored, so a client cannot choose the address it is counted under.
NEWSDESK_TRUSTED_PROXIES = env_int("NEWSDESK_TRUSTED_PROXIES", 0)

# Security headers that cost nothing on every environment.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "newsdesk <redaktion@localhost>")

# The site as readers know it.
NEWSDESK_SITE_NAME = env_str("NEWSDESK_SITE_NAME", "Technikblatt")
NEWSDESK_BASE_URL = env_str("NEWSDESK_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# Days a shared preview link of a draft works without a login.
NEWSDESK_PREVIEW_LINK_DAYS = env_int("NEWSDESK_PREVIEW_LINK_DAYS", 7)
# "Folgen Sie uns" links: comma-separated "Name=URL" pairs. Plain links, never widgets.
NEWSDESK_FOLLOW_LINKS = env_list(
    "NEWSDESK_FOLLOW_LINKS",
    [
        "Mastodon=https://mastodon.social/@technikblatt",
        "Instagram=https://www.instagram.com/technikblatt/",
        "YouTube=https://www.youtube.com/@technikblatt",
    ],
)
# Feeds (newsdesk.feeds): how many articles each lists, and whether the full text goes along.
NEWSDESK_FEED_ITEMS = env_int("NEWSDESK_FEED_ITEMS", 30)
NEWSDESK_FEED_FULL_TEXT = env_bool("NEWSDESK_FEED_FULL_TEXT", False)
# The publisher's logo in structured data; empty for the bundled one (static seo/logo.png).
NEWSDESK_LOGO_URL = env_str("NEWSDESK_LOGO_URL", "")

# Content API and webhooks (newsdesk.api). A token's requests per period, "count/period".
NEWSDESK_API_RATE = env_str("NEWSDESK_API_RATE", "600/m")
# Webhook targets on private, loopback or link-local addresses are refused unless allowed
# here (a newsroom's own intranet receiver, tests against a local server).
NEWSDESK_WEBHOOKS_ALLOW_PRIVATE = env_bool("NEWSDESK_WEBHOOKS_ALLOW_PRIVATE", False)
# Attempts per delivery, first pause between them (doubling each time), and failed attempts in
# a row after which a subscription is switched off.
NEWSDESK_WEBHOOKS_ATTEMPTS = env_int("NEWSDESK_WEBHOOKS_ATTEMPTS", 6)
NEWSDESK_WEBHOOKS_BACKOFF_SECONDS = env_int("NEWSDESK_WEBHOOKS_BACKOFF_SECONDS", 30)
NEWSDESK_WEBHOOKS_DISABLE_AFTER = env_int("NEWSDESK_WEBHOOKS_DISABLE_AFTER", 15)
NEWSDESK_WEBHOOKS_TIMEOUT_SECONDS = env_int("NEWSDESK_WEBHOOKS_TIMEOUT_SECONDS", 10)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# Comments and anti-abuse (newsdesk.comments, newsdesk.core.ratelimit). Rates are "count/period"
# with s, m, h or d; counters live in the cache above, so they hold across workers.
# The real client address honours NEWSDESK_TRUSTED_PROXIES (set above with the security headers).
NEWSDESK_COMMENT_RATE = env_str("NEWSDESK_COMMENT_RATE", "5/10m")
NEWSDESK_REPORT_RATE = env_str("NEWSDESK_REPORT_RATE", "20/h")
NEWSDESK_LOGIN_RATE = env_str("NEWSDESK_LOGIN_RATE", "5/15m")
NEWSDESK_LOGIN_IP_RATE = env_str("NEWSDESK_LOGIN_IP_RATE", "20/15m")
NEWSDESK_LOGIN_ACCOUNT_RATE = env_str("NEWSDESK_LOGIN_ACCOUNT_RATE", "50/h")
# Pages the page cache does not keep (searches, unknown parameters) cost a render each: per
# client at most this many ("" for no limit). The suggest endpoint answers in milliseconds.
NEWSDESK_UNCACHED_RATE = env_str("NEWSDESK_UNCACHED_RATE", "20/m")
NEWSDESK_UNCACHED_RATE_EXEMPT = ["/suche/vorschlaege/"]
NEWSDESK_COMMENT_MIN_SECONDS = env_int("NEWSDESK_COMMENT_MIN_SECONDS", 3)
NEWSDESK_COMMENT_FORM_MAX_AGE = env_int("NEWSDESK_COMMENT_FORM_MAX_AGE", 12 * 3600)
NEWSDESK_COMMENT_CHECKER = env_str("NEWSDESK_COMMENT_CHECKER", "")
NEWSDESK_COMMENT_CHECKER_TIMEOUT = env_int("NEWSDESK_COMMENT_CHECKER_TIMEOUT", 2)
