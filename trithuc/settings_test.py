"""Settings for the test suite: fast hashing, jobs run at once, no throttling state kept between tests."""

import os

from trithuc.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DEBUG = False
# Tests sign users in with force_login; the MFA tests switch enforcement on themselves.
TRITHUC_MFA_REQUIRED = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# One cache per test process, emptied by the tests that use it; the dashboard cache is off unless
# a test turns it on (ids repeat between rolled-back tests, so a kept page could leak across).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TRITHUC_DASHBOARD_CACHE_SECONDS = 0
TRITHUC_STRUCTURE_CACHE_SECONDS = 0
TRITHUC_USER_CACHE_SECONDS = 0

# In-process tests share one connection inside one transaction per test: nothing for a health
# check to do between the test client's requests, so they run as before it was turned on. The
# real-server tests (tests/reliability) set TRITHUC_DB_HEALTH_CHECKS themselves.
if "TRITHUC_DB_HEALTH_CHECKS" not in os.environ:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False  # noqa: F405
# The shape of each reach's scope rule is judged again on every call (people/keepers.py): ids repeat
# between rolled-back tests, so a kept judgement would make one test's queries depend on another's.
PEOPLE_KEPT_LIST_SECONDS = 0
# The same for what a search reads to choose its plan (people/search.py): tests ANALYZE their own
# few rows and expect the next search to see the statistics.
PEOPLE_SEARCH_STATS_SECONDS = 0
