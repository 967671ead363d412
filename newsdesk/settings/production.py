"""Production: everything from base, plus HTTPS-only cookies and headers.

Refuses to start without SECRET_KEY and ALLOWED_HOSTS (a generated key would log every editor
out on each deploy and differ between app servers).
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_str

if not env_str("SECRET_KEY"):
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment in production.")
SECRET_KEY = env_str("SECRET_KEY")
if not env_str("ALLOWED_HOSTS"):
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names in production.")

DEBUG = False
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# The proxy in front (nginx, load balancer) terminates TLS and says so in this header.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Joining the browsers' HSTS preload list is hard to undo, so it is the site owner's explicit
# choice (SECURE_HSTS_PRELOAD=true), not a default; the deploy check would warn about it.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
