"""Settings for the test suite: fast hashing, jobs run at once, no throttling state kept between tests."""

import os

from trithuc.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DEBUG = False

# In-process tests share one connection inside one transaction per test, where a health check
# between the test client's requests only gets in the way (it closed the connection mid-test on
# PostgreSQL). The real-server tests set TRITHUC_DB_HEALTH_CHECKS themselves.
if "TRITHUC_DB_HEALTH_CHECKS" not in os.environ:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False  # noqa: F405
