"""Settings for duban. Everything a deployment changes comes from the environment."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.translation import gettext_lazy as _

from duban.lean_huey import import_huey

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("DUBAN_VAR_DIR", BASE_DIR.parent / "var"))
# The database, the job queue and the cache live here; a fresh clone has no such folder.
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = os.environ.get("DUBAN_DEBUG", "0") == "1"
# DUBAN_PRODUCTION=1 turns on everything a deployment behind HTTPS needs (see docs/security.md).
PRODUCTION = os.environ.get("DUBAN_PRODUCTION", "0") == "1"


def _key_of_this_install(path: Path) -> str:
    """Outside production, a key made for this install on first start and kept in var/:
    a key written in the source would sign every development site's sessions alike."""
    if not path.exists():
        import secrets
        import tempfile

        fd, tmp = tempfile.mkstemp(dir=path.parent)  # private: mode 0600
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(50))
        try:
            os.link(tmp, path)  # all or nothing, and the first process to start wins
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
    return path.read_text().strip()


SECRET_KEY = os.environ.get("DUBAN_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("DUBAN_SECRET_KEY must be set in production")
    SECRET_KEY = _key_of_this_install(VAR_DIR / "secret-key")
_hosts = os.environ.get("DUBAN_ALLOWED_HOSTS", "127.0.0.1,localhost")
ALLOWED_HOSTS = [h for h in _hosts.split(",") if h]
if not os.environ.get("DUBAN_ALLOWED_HOSTS"):
    ALLOWED_HOSTS.append("testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "simple_history",
    "huey.contrib.djhuey",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "duban.accounts",
    "duban.plans",
    "duban.completions",
    "duban.reporting",
    "duban.disclosure",
    "duban.api",
    "duban.audit",
    "axes",
]

MIDDLEWARE = [
    # Outermost: pages, JSON and static files (WhiteNoise) leave compressed for a client that
    # asks, the page cache's hits too: brotli when the response is the same for everyone,
    # else Django's gzip padded against BREACH-style length guessing (duban/compression.py).
    "duban.compression.CompressionMiddleware",
    # Headers for every response, static files and cached pages included.
    "django.middleware.security.SecurityMiddleware",
    "duban.security.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Published plan pages for visitors without a session, before the rest of the stack.
    "duban.disclosure.page_cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Turns a login refused for too many failures into the login page with a 429.
    "axes.middleware.AxesMiddleware",
    # An account on a one-time password opens only the page that changes it.
    "duban.accounts.password.PasswordChangeRequired",
    # A form's address opened by itself: a page that says so, not an empty 405.
    "duban.not_allowed.FriendlyMethodNotAllowed",
]

ROOT_URLCONF = "duban.urls"
WSGI_APPLICATION = "duban.wsgi.application"

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
                "django.template.context_processors.i18n",
                "duban.reporting.context.chrome",
            ],
        },
    },
]

# Django's own widget templates, the common ones written out in Python (same HTML, a third
# of a form-heavy page's time).
FORM_RENDERER = "duban.form_renderer.FastWidgets"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'duban.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        # WAL: readers never wait for the writer. synchronous=NORMAL is safe under WAL (a
        # power cut may lose the last commits, never corrupt the file).
        {
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )

AUTH_USER_MODEL = "accounts.User"
# axes first: a locked-out login is refused before its password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "duban.accounts.backends.UsernameBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# The admin shows history and never reverts to an old version (duban/inspection.py).
SIMPLE_HISTORY_REVERT_DISABLED = True
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "reporting:home"
LOGOUT_REDIRECT_URL = "disclosure:home"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR.parent / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
# Several app servers share no disk: their uploads go to S3-compatible object storage
# (AWS, MinIO, Aliyun OSS, Tencent COS) through django-storages (pip install 'duban[s3]').
# The bucket stays private: every download goes through duban's access check and is
# streamed from the bucket by the app server.
if os.environ.get("DUBAN_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["DUBAN_S3_BUCKET"],
            "endpoint_url": os.environ.get("DUBAN_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("DUBAN_S3_REGION") or None,
            "access_key": os.environ.get("DUBAN_S3_ACCESS_KEY") or None,
            "secret_key": os.environ.get("DUBAN_S3_SECRET_KEY") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 300,
            "file_overwrite": False,
            "location": "media",
        },
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Attachments (docs/security.md): each file up to 20 MB (reporting/filetypes.py); a report
# holds at most this many files and megabytes, and a unit, in one plan, that many. The
# number of files one request may carry at all is Django's: the report's limit and a few.
_MB = 1024 * 1024
DUBAN_REPORT_ATTACHMENTS = (
    int(os.environ.get("DUBAN_REPORT_MAX_FILES", "10")),
    int(os.environ.get("DUBAN_REPORT_MAX_MB", "50")) * _MB,
)
DUBAN_UNIT_ATTACHMENTS = (
    int(os.environ.get("DUBAN_UNIT_MAX_FILES", "500")),
    int(os.environ.get("DUBAN_UNIT_MAX_MB", "1024")) * _MB,
)
DATA_UPLOAD_MAX_NUMBER_FILES = DUBAN_REPORT_ATTACHMENTS[0] + 10

# Database sessions, read with SQL written once (duban/accounts/sessions.py).
SESSION_ENGINE = "duban.accounts.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = os.environ.get("DUBAN_SSL_REDIRECT", "1") == "1"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DUBAN_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = os.environ.get("DUBAN_HSTS_PRELOAD", "1") == "1"
    CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("DUBAN_CSRF_ORIGINS", "").split(",") if o]
# Content-Security-Policy: scripts and styles from this site only (ECharts and htmx are
# served from our own static files). The API's Swagger page, which needs an inline script,
# gets its own policy (duban/security.py).
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DUBAN_LOG_LEVEL", "WARNING")},
    # A 404 or 403 is an answer, not a problem worth a log line; server errors still log.
    "loggers": {"django.request": {"level": "ERROR"}},
}

# Rows per page on the public plan page: a phone's first screen comes without the rest of a
# long plan (the Xicheng plan's 136 tasks are five pages; "more" appends the next one).
PLAN_PAGE_SIZE = 30
HOME_PAGE_SIZE = 50  # plans on a page of the public home
UNIT_PAGE_SIZE = 50  # tasks on a page of a unit's public page (all its plans and years)

# Static files come from the apps' folders directly, so `make run` needs no build step.
WHITENOISE_USE_FINDERS = True

# WhiteNoise warns when collectstatic has not been run; with finders on, that is expected.
import warnings  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")

# Mail (reminders). Console by default; set DUBAN_EMAIL_HOST for a real SMTP server.
DEFAULT_FROM_EMAIL = os.environ.get("DUBAN_FROM_EMAIL", "duban@localhost")
if os.environ.get("DUBAN_EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["DUBAN_EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("DUBAN_EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("DUBAN_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("DUBAN_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("DUBAN_EMAIL_TLS", "0") == "1"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_TIMEOUT = 10
# The address people open the links in reminders at. In production it must be the site's own
# (the first of DUBAN_ALLOWED_HOSTS, over HTTPS, unless DUBAN_SITE_URL says otherwise).
DUBAN_SITE_URL = os.environ.get("DUBAN_SITE_URL") or (
    f"https://{ALLOWED_HOSTS[0]}" if PRODUCTION and ALLOWED_HOSTS else "http://127.0.0.1:8000"
)
# Reminders are also posted to units' group robots; only to these services' own addresses.
DUBAN_WEBHOOK_HOSTS = {
    "wecom": ["https://qyapi.weixin.qq.com/cgi-bin/webhook/send?"],
    "dingtalk": ["https://oapi.dingtalk.com/robot/send?"],
}

# Jobs: huey on SQLite beside the database by default, on Redis when DUBAN_REDIS_URL is set.
import_huey(uses_redis=bool(os.environ.get("DUBAN_REDIS_URL")))  # without unused drivers
if os.environ.get("DUBAN_REDIS_URL"):
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": "duban",
        "url": os.environ["DUBAN_REDIS_URL"],
        "immediate": False,
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "duban",
        "filename": os.environ.get("DUBAN_HUEY_FILE") or str(VAR_DIR / "huey.sqlite3"),
        "immediate": False,
    }

# Failed logins, on every login form (duban/accounts/login.py): counted in the database
# per account and address (5 in 15 minutes) and per address (30). The address is the
# connecting one, or, when that is one of DUBAN_TRUSTED_PROXIES (comma-separated addresses
# or networks: the reverse proxies in front of duban), the client that proxy names.
DUBAN_TRUSTED_PROXIES = [
    p.strip() for p in os.environ.get("DUBAN_TRUSTED_PROXIES", "").split(",") if p.strip()
]
AXES_HANDLER = "duban.accounts.login.LoginLimits"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "duban.accounts.login.counted_username"
AXES_CLIENT_IP_CALLABLE = "duban.accounts.login.client_address"
AXES_LOCKOUT_CALLABLE = "duban.accounts.login.locked_out"
AXES_RESET_ON_SUCCESS = True
# A refused attempt during a lockout is not counted: the lockout ends 15 minutes after the
# last counted failure, whatever a guesser keeps sending.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False

# The cache: on files by default, so that several processes of one machine share it;
# DUBAN_REDIS_URL-style Redis can replace it in production.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache"),
        # Public pages of published plans are cached whole (disclosure/page_cache.py).
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}
if os.environ.get("DUBAN_REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["DUBAN_REDIS_URL"],
    }

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "duban.api.views.handle_errors",
    "DEFAULT_THROTTLE_CLASSES": ["duban.accounts.login.AnonymousThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": "600/minute"},
}
SPECTACULAR_SETTINGS = {
    # The schema's words are read by the units' and offices' IT staff, in Chinese first
    # (the operations' own summaries stay in English: they are the code's).
    "TITLE": "督办 duban 接口（API）",
    "DESCRIPTION": "督办系统的计划、任务、进展报告和公开发布接口。各单位和督查室的系统以令牌"
    "（Token）认证后读写本单位、本职责范围内的数据；公众无需认证，只能读取已公开的内容。"
    "请求头：Authorization: Token <令牌>；令牌由系统管理员在后台管理中发放。\n\n"
    "Plans, tasks, progress reports and publications of duban. Token authentication for "
    "the systems of units and offices; the public reads what was published.",
    "VERSION": "1",
    # Each group of operations introduced in Chinese (the names are the URLs').
    "TAGS": [
        {"name": name, "description": words}
        for name, words in (
            ("plans", "计划：政府工作报告重点工作清单"),
            ("tasks", "任务：每项重点工作及其牵头单位、配合单位"),
            ("categories", "类别"),
            ("units", "单位"),
            ("indicators", "指标：任务的量化目标与实际值"),
            ("reports", "进展报告：草稿、报送、审核、退回"),
            ("instructions", "批示与答复"),
            ("requests", "延期与目标调整申请"),
            ("adjustments", "目标调整记录（含人大常委会批准）"),
            ("imports", "导入政府公开文件"),
            ("publications", "政务公开：已发布的版本"),
            ("schema", "本接口说明（OpenAPI）"),
        )
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"TaskStatusEnum": "duban.plans.models.Status.choices"},
}
