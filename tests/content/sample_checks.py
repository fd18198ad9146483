"""One harness per code sample: run it and check what the text says it does.

A harness is found by the sample's id, which the editor writes in a YAML
comment after the block's ``|`` (``text: |  # sample: flask-app-factory``; see
tests/content/samples.py), so a sample's code can change, and the sample can
move, without losing its harness. A sample without a harness must start with
``# Fragment: <what it leaves out>``; it is then only compiled.

Names a sample uses without defining them (``app``, ``enqueue_event``,
``top_scores``...) are the ones its text says come from elsewhere; the harness
supplies them.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

import pytest

from tests.content import sample_coverage
from tests.content.harness import run_module, run_shell, write_module
from tests.content.samples import Sample, find_samples
from tests.harness.site import ROOT

Check = Callable[[Sample, Path], None]

# Harnesses run on one thread of their own: the browser tests keep an asyncio
# loop running on the main thread, under which Django refuses ORM calls and
# Flask refuses to run async views; and Django's in-memory database belongs to
# the thread that opened it, so it is always the same thread.
_WORKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sample-harness")


T = TypeVar("T")


def in_worker(function: Callable[..., T], *args: Any) -> T:
    return _WORKER.submit(function, *args).result()


def stop_worker() -> None:
    _WORKER.submit(_close_django_databases).result()
    _WORKER.shutdown(wait=True)


def _close_django_databases() -> None:
    """Close the in-memory database the Django harnesses opened on this thread.

    Django's close() keeps an in-memory SQLite database open (closing loses
    it), and Python 3.13 warns about an unclosed sqlite3 connection at exit.
    """
    if "django.db" not in sys.modules:
        return
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        if connection.connection is not None:
            connection.connection.close()
            connection.connection = None


@dataclass(frozen=True)
class Harness:
    id: str  # the id of the sample it runs
    check: Check


HARNESSES: list[Harness] = []


def harness(sample_id: str) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        HARNESSES.append(Harness(sample_id, check))
        return check

    return register


@cache
def all_samples() -> tuple[Sample, ...]:
    return tuple(find_samples(ROOT))


def sample_by_id(sample_id: str) -> Sample:
    found = [s for s in all_samples() if s.id == sample_id]
    assert len(found) == 1, f"expected one sample with the id {sample_id!r}, found {found}"
    return found[0]


def harness_for(sample: Sample) -> Harness | None:
    found = [h for h in HARNESSES if sample.id and h.id == sample.id]
    return found[0] if len(found) == 1 else None


def coverage_problems(
    samples: tuple[Sample, ...] | list[Sample], unused_harnesses: bool = True
) -> list[str]:
    """:func:`tests.content.sample_coverage.coverage_problems` for the harnesses below."""
    return sample_coverage.coverage_problems(samples, HARNESSES, unused_harnesses)


def flask_app(name: str = "sample_app") -> Any:
    from flask import Flask

    app = Flask(name)
    app.config.update(TESTING=True, SECRET_KEY="samples-only")
    return app


@harness("flask-event-endpoint")
def event_endpoint_validates_and_enqueues(sample: Sample, tmp: Path) -> None:
    queued: list[tuple[str, dict[str, Any]]] = []
    module = run_module(
        sample,
        "sample_events",
        {"enqueue_event": lambda name, props: queued.append((name, props))},
    )
    app = flask_app()
    app.register_blueprint(module.events)
    client = app.test_client()
    ok = client.post("/events", json={"name": "signup", "properties": {"plan": "pro"}})
    assert (ok.status_code, queued) == (202, [("signup", {"plan": "pro"})])
    for bad in ({"name": "drop_tables"}, [1, 2], "signup", {"name": "signup", "properties": "x"}):
        assert client.post("/events", json=bad).status_code == 400, bad
    assert client.post("/events", data="not json").status_code == 400
    assert len(queued) == 1


@harness("flask-app-factory")
def blueprint_factory_builds_independent_apps(sample: Sample, tmp: Path) -> None:
    module = run_module(sample, "sample_shop")

    class Testing:
        TESTING = True
        NAME = "a"

    class Other:
        NAME = "b"

    app = module.create_app(Testing)
    client = app.test_client()
    assert client.get("/orders/42").get_json() == {"id": 42}
    assert client.get("/orders/abc").status_code == 404
    assert (app.config["NAME"], module.create_app(Other).config["NAME"]) == ("a", "b")


@harness("flask-init-extensions")
def extensions_bind_to_the_app(sample: Sample, tmp: Path) -> None:
    module = run_module(sample, "sample_extensions")
    app = flask_app()
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"

    @app.post("/form")
    def form() -> str:
        return "saved"

    module.init_extensions(app)
    assert {"sqlalchemy", "csrf"} <= set(app.extensions)
    assert app.login_manager is module.login_manager  # type: ignore[attr-defined]
    with app.app_context():
        assert module.db.engine.url.drivername == "sqlite"
    assert app.test_client().post("/form").status_code == 400  # no CSRF token


@harness("flask-async-dashboard")
def async_view_awaits_both_calls_at_once(sample: Sample, tmp: Path) -> None:
    events: dict[str, asyncio.Event] = {}

    def event(name: str) -> asyncio.Event:
        return events.setdefault(name, asyncio.Event())

    async def meet(me: str, other: str) -> str:
        # Each call waits until the other has started: only concurrent awaits finish.
        event(me).set()
        await asyncio.wait_for(event(other).wait(), timeout=5)
        return me

    app = flask_app()
    run_module(
        sample,
        "sample_dashboard",
        {
            "app": app,
            "fetch_profile": lambda: meet("profile", "stats"),
            "fetch_stats": lambda: meet("stats", "profile"),
        },
    )
    response = app.test_client().get("/dashboard")
    assert response.get_json() == {"profile": "profile", "stats": "stats"}


@harness("flask-health-endpoint")
def health_endpoint_answers(sample: Sample, tmp: Path) -> None:
    module = run_module(sample, "sample_health")
    response = module.app.test_client().get("/health")
    assert (response.status_code, response.get_json()) == (200, {"status": "ok"})


@harness("fastapi-health-endpoint")
def fastapi_health_endpoint_answers_and_is_documented(sample: Sample, tmp: Path) -> None:
    """The same task as flask-health-endpoint (learning-curve.yml, same_task)."""
    client = fastapi_client(run_module(sample, "sample_fastapi_health").app)
    response = client.get("/health")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})
    assert "/health" in client.get("/openapi.json").json()["paths"]


@harness("django-health-endpoint")
def django_health_view_answers(sample: Sample, tmp: Path) -> None:
    """The same task as flask-health-endpoint, as an app's view and URL pattern."""
    with django_ready(tmp):
        from django.test import Client
        from django.test.utils import override_settings

        module = run_module(sample, "sample_django_health")
        with override_settings(ROOT_URLCONF=module.__name__):
            response = Client().get("/health")
        assert (response.status_code, response.json()) == (200, {"status": "ok"})


def stripe_signature(payload: bytes, secret: str, timestamp: int) -> str:
    signed = f"{timestamp}.".encode() + payload
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


@harness("flask-stripe-webhook")
def stripe_webhook_checks_the_signature(sample: Sample, tmp: Path) -> None:
    recorded: list[Any] = []
    module = run_module(sample, "sample_billing", {"record_payment_event": recorded.append})
    app = flask_app()
    app.config["STRIPE_WEBHOOK_SECRET"] = "whsec_samples"
    app.register_blueprint(module.billing)
    client = app.test_client()
    payload = json.dumps(
        {"id": "evt_1", "object": "event", "type": "checkout.session.completed", "data": {}}
    ).encode()
    signature = stripe_signature(payload, "whsec_samples", int(time.time()))
    headers = {"Stripe-Signature": signature, "Content-Type": "application/json"}
    assert client.post("/webhooks/stripe", data=payload, headers=headers).status_code == 200
    assert [event["id"] for event in recorded] == ["evt_1"]
    forged = payload.replace(b"evt_1", b"evt_2")
    assert client.post("/webhooks/stripe", data=forged, headers=headers).status_code == 400
    assert client.post("/webhooks/stripe", data=payload).status_code == 400  # unsigned
    assert len(recorded) == 1


@harness("flask-cached-route")
def cached_route_answers_twice_from_one_computation(sample: Sample, tmp: Path) -> None:
    calls: list[int] = []

    def top_scores(limit: int) -> list[int]:
        calls.append(limit)
        return list(range(limit))

    module = run_module(sample, "sample_scores", {"top_scores": top_scores})
    app = module.create_app({"CACHE_TYPE": "SimpleCache", "TESTING": True})
    client = app.test_client()
    first, second = client.get("/leaderboard"), client.get("/leaderboard")
    assert (first.status_code, second.status_code) == (200, 200)
    assert first.get_json() == second.get_json() == {"top": list(range(20))}
    assert calls == [20], "the second request should come from the cache"


@harness("flask-security-headers")
def after_request_hook_sets_the_headers(sample: Sample, tmp: Path) -> None:
    app = flask_app()

    @app.get("/")
    def index() -> str:
        return "home"

    run_module(sample, "sample_security_headers", {"app": app})
    headers = app.test_client().get("/").headers
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Content-Security-Policy"] == "default-src 'self'"
    assert headers["Strict-Transport-Security"] == "max-age=31536000"


@harness("flask-predict-endpoint")
def model_loads_once_and_predicts(sample: Sample, tmp: Path) -> None:
    seen: list[Any] = []

    class Model:
        def predict(self, rows: list[list[float]]) -> list[float]:
            seen.append(rows)
            return [0.75]

    loads: list[Model] = []
    module = run_module(
        sample, "sample_predict", {"load_model": lambda: loads.append(Model()) or loads[-1]}
    )
    app = flask_app()
    app.register_blueprint(module.api)
    client = app.test_client()
    for _ in range(2):
        response = client.post("/predict", json={"features": [1.0, 2.0]})
        assert response.get_json() == {"score": 0.75}
    assert (len(loads), seen) == (1, [[[1.0, 2.0]], [[1.0, 2.0]]])


@harness("flask-workouts-endpoint")
def workout_endpoint_checks_each_field_by_hand(sample: Sample, tmp: Path) -> None:
    """The same task as fastapi-workouts-endpoint (use-cases.yml, same_task): a
    good workout is answered 201; a bad body gets 400 and what is wrong."""
    client = run_module(sample, "sample_flask_workouts").app.test_client()
    good = client.post("/workouts", json={"kind": "run", "duration_minutes": 30})
    assert (good.status_code, good.get_json()) == (201, {"kind": "run", "duration_minutes": 30})
    for body, wrong in (
        ({"kind": "run", "duration_minutes": -5}, ["duration_minutes"]),
        ({"kind": "run"}, ["duration_minutes"]),
        ({"kind": "", "duration_minutes": 601}, ["kind", "duration_minutes"]),
        ({"kind": "x" * 33, "duration_minutes": "30"}, ["kind", "duration_minutes"]),
    ):
        response = client.post("/workouts", json=body)
        assert response.status_code == 400, body
        errors = response.get_json()["errors"]
        assert [error.split(":")[0] for error in errors] == wrong, errors
    for bad in ([1, 2], "run"):
        assert client.post("/workouts", json=bad).status_code == 400
    assert client.post("/workouts", data="not json").status_code == 400


# ------------------------------------------------------------------------- FastAPI


def fastapi_client(app: Any) -> Any:
    from fastapi.testclient import TestClient

    return TestClient(app)


@harness("fastapi-workouts-endpoint")
def pydantic_model_refuses_bad_bodies_and_documents_itself(sample: Sample, tmp: Path) -> None:
    """The text: a bad body never reaches the function (422 listing what is
    wrong); the model is in an OpenAPI 3.1 schema; /docs and /redoc are served."""
    module = run_module(sample, "sample_workouts")
    client = fastapi_client(module.app)
    good = client.post("/workouts", json={"kind": "run", "duration_minutes": 30})
    assert (good.status_code, good.json()) == (201, {"kind": "run", "duration_minutes": 30})
    assert "set-cookie" not in good.headers  # no session cookie by default (security text)

    for body, where, kind in (
        ({"kind": "run", "duration_minutes": -5}, ["body", "duration_minutes"], "greater_than"),
        ({"kind": "run"}, ["body", "duration_minutes"], "missing"),
    ):
        response = client.post("/workouts", json=body)
        assert response.status_code == 422, body
        (error,) = response.json()["detail"]
        assert (error["loc"], error["type"]) == (where, kind)

    schema = client.get("/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    assert "Workout" in schema["components"]["schemas"]
    assert "/workouts" in schema["paths"]
    assert "swagger-ui" in client.get("/docs").text.lower()
    assert "redoc" in client.get("/redoc").text.lower()


@harness("fastapi-event-endpoint")
def typed_event_endpoint_refuses_bad_events_and_enqueues_after_answering(
    sample: Sample, tmp: Path
) -> None:
    """The same task as flask-event-endpoint (analytics.yml, same_task): a good
    event is answered 202 and handed to enqueue_event; a bad one gets 422."""
    queued: list[tuple[str, dict[str, Any]]] = []
    module = run_module(
        sample,
        "sample_fastapi_events",
        {"enqueue_event": lambda name, props: queued.append((name, props))},
    )
    client = fastapi_client(module.app)
    ok = client.post("/events", json={"name": "signup", "properties": {"plan": "pro"}})
    assert (ok.status_code, queued) == (202, [("signup", {"plan": "pro"})])
    assert client.post("/events", json={"name": "purchase"}).status_code == 202
    assert queued[-1] == ("purchase", {})
    for bad in ({"name": "drop_tables"}, [1, 2], "signup", {"name": "signup", "properties": "x"}):
        assert client.post("/events", json=bad).status_code == 422, bad
    assert client.post("/events", content=b"not json").status_code == 422
    assert len(queued) == 2
    schema = client.get("/openapi.json").json()
    event = schema["components"]["schemas"]["Event"]
    assert event["properties"]["name"]["enum"] == ["signup", "purchase", "subscription_cancelled"]


@harness("fastapi-cached-leaderboard")
def in_process_cache_answers_for_five_minutes(sample: Sample, tmp: Path) -> None:
    """The same task as flask-cached-route (scalability.yml, same_task): within
    five minutes the answer comes from the process's memory, then it is computed again."""
    calls: list[int] = []
    clock = [1000.0]

    def top_scores(limit: int) -> list[int]:
        calls.append(limit)
        return list(range(limit))

    module = run_module(sample, "sample_fastapi_scores", {"top_scores": top_scores})
    module.time = ModuleType("fake_time")
    module.time.monotonic = lambda: clock[0]  # type: ignore[attr-defined]
    client = fastapi_client(module.app)
    first = client.get("/leaderboard")
    clock[0] += 299
    second = client.get("/leaderboard")
    assert (first.status_code, second.status_code) == (200, 200)
    assert first.json() == second.json() == {"top": list(range(20))}
    assert calls == [20], "the second request should come from the cache"
    clock[0] += 2
    assert client.get("/leaderboard").json() == {"top": list(range(20))}
    assert calls == [20, 20], "after five minutes the answer is computed again"


@harness("fastapi-async-and-sync")
def async_endpoints_run_on_the_loop_and_plain_ones_in_a_capped_pool(
    sample: Sample, tmp: Path
) -> None:
    """The text: `async def` runs on the event loop, `def` in a thread pool
    that AnyIO caps at 40 threads by default."""
    import anyio.from_thread
    import anyio.to_thread

    module = run_module(sample, "sample_feed")

    @module.app.get("/borrowed")
    def borrowed() -> float:  # a plain endpoint like /report, asking the pool
        limiter = anyio.from_thread.run_sync(anyio.to_thread.current_default_thread_limiter)
        return float(limiter.borrowed_tokens)

    with fastapi_client(module.app) as client:
        assert client.get("/feed").json() == {"on_event_loop": True}
        assert client.get("/report").json() == {"on_event_loop": False}

        async def pool_size() -> float:
            return anyio.to_thread.current_default_thread_limiter().total_tokens

        assert client.portal.call(pool_size) == 40
        # The plain endpoint holds one of those 40 while it runs: FastAPI (through
        # Starlette) uses AnyIO's default limiter, as the text says.
        assert client.get("/borrowed").json() == 1.0


# -------------------------------------------------------------------------- Django

DJANGO_APPS = ("events", "workouts", "plans", "billing", "orders", "scores")
ORDER_MODEL = """
from django.db import models

class Order(models.Model):
    status = models.CharField(max_length=16)
    total = models.DecimalField(max_digits=8, decimal_places=2)
    note = models.TextField(default="")
"""
ORDER_VIEWS = """
from django.http import JsonResponse

def show(request, order_id):
    return JsonResponse({"id": order_id})
"""
WORKOUT_MODEL = """
from django.conf import settings
from django.db import models

class Workout(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    kind = models.CharField(max_length=32)
    duration_minutes = models.PositiveIntegerField()
    started_at = models.DateTimeField()
"""
SCORE_MODELS = """
from django.db import models

class Player(models.Model):
    name = models.CharField(max_length=64)

class Score(models.Model):
    player = models.ForeignKey(Player, on_delete=models.CASCADE)
    points = models.IntegerField()
"""
LEADERBOARD_TEMPLATE = "{% for s in top %}{{ s.player.name }}={{ s.points }};{% endfor %}"
PLAN_MODEL = """

class Plan(models.Model):
    name = models.CharField(max_length=100)
"""
URLS = """
from django.contrib import admin
from django.urls import include, path

import scores.views
import workouts.api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include(workouts.api.router.urls)),
    path("orders/", include("orders.urls")),
    path("leaderboard/", scores.views.leaderboard),
]
"""


@cache
def django_project(root: Path) -> Path:
    """One in-process Django project holding every Django sample as app code."""
    import django
    from django.conf import settings
    from django.core.management import call_command

    def sample(sample_id: str) -> Sample:
        return sample_by_id(sample_id)

    if root.exists():  # left by an earlier attempt that failed
        shutil.rmtree(root)

    write_module(sample("drf-event-serializer"), root / "events/models.py")
    (root / "workouts").mkdir()
    (root / "workouts/__init__.py").write_text("")
    (root / "workouts/models.py").write_text(WORKOUT_MODEL)
    write_module(sample("drf-workout-viewset"), root / "workouts/api.py")
    write_module(sample("django-plan-admin"), root / "plans/models.py")
    write_module(
        sample("django-subscription-model"),
        root / "billing/models.py",
        after=PLAN_MODEL,
    )
    write_module(sample("django-app-urls"), root / "orders/urls.py")
    (root / "orders/models.py").write_text(ORDER_MODEL)
    (root / "orders/views.py").write_text(ORDER_VIEWS)
    write_module(sample("django-cached-view"), root / "scores/views.py")
    (root / "scores/models.py").write_text(SCORE_MODELS)
    (root / "scores/templates/scores").mkdir(parents=True)
    (root / "scores/templates/scores/leaderboard.html").write_text(LEADERBOARD_TEMPLATE)
    (root / "samples_urls.py").write_text(URLS)
    sys.path.insert(0, str(root))

    settings.configure(
        DEBUG=False,
        SECRET_KEY="samples-only",
        ALLOWED_HOSTS=["testserver"],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
        INSTALLED_APPS=[
            "django.contrib.admin",
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "django.contrib.messages",
            "rest_framework",
            *DJANGO_APPS,
        ],
        MIDDLEWARE=[
            "django.middleware.security.SecurityMiddleware",
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "django.contrib.messages.middleware.MessageMiddleware",
            "django.middleware.clickjacking.XFrameOptionsMiddleware",
        ],
        ROOT_URLCONF="samples_urls",
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "APP_DIRS": True,
                "OPTIONS": {
                    "context_processors": [
                        "django.template.context_processors.request",
                        "django.contrib.auth.context_processors.auth",
                        "django.contrib.messages.context_processors.messages",
                    ]
                },
            }
        ],
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
        STATIC_URL="/static/",
        USE_TZ=True,
    )
    django.setup()
    call_command("migrate", run_syncdb=True, verbosity=0)
    return root


@contextmanager
def django_ready(tmp: Path) -> Iterator[None]:
    """The shared project, with every table emptied afterwards."""
    django_project(tmp.parent / "django-samples")
    from django.core.cache import cache as django_cache
    from django.core.management import call_command

    django_cache.clear()
    try:
        yield
    finally:
        call_command("flush", interactive=False, verbosity=0)


def user(name: str, **extra: Any) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(name, password="pw", **extra)


@harness("drf-event-serializer")
def serializer_validates_events(sample: Sample, tmp: Path) -> None:
    with django_ready(tmp):
        from events.models import Event, EventSerializer  # type: ignore[import-not-found]

        good = EventSerializer(data={"name": "signup", "properties": {"plan": "pro"}})
        assert good.is_valid(), good.errors
        event = good.save()
        assert (event.name, event.properties, event.user) == ("signup", {"plan": "pro"}, None)
        assert set(EventSerializer(event).data) == {"name", "properties", "created"}
        for bad in ({"properties": {}}, {"name": "x" * 65}):
            serializer = EventSerializer(data=bad)
            assert not serializer.is_valid()
            assert "name" in serializer.errors
        assert Event.objects.count() == 1


def check_workout_viewset(router: Any) -> None:
    """What use-cases.yml says: list, create, read, update and delete limited to
    the signed-in user's own records; an anonymous client is refused."""
    from django.test.utils import override_settings
    from django.urls import include, path
    from rest_framework.test import APIClient
    from workouts.models import Workout  # type: ignore[import-not-found]

    urls = ModuleType("sample_workout_urls")
    urls.urlpatterns = [path("api/", include(router.urls))]  # type: ignore[attr-defined]
    sys.modules[urls.__name__] = urls
    alice, bob = user("alice"), user("bob")
    bobs = Workout.objects.create(
        user=bob, kind="swim", duration_minutes=40, started_at="2026-11-29T06:00:00Z"
    )
    new = {"kind": "run", "duration_minutes": 30, "started_at": "2026-11-30T07:00:00Z"}
    with override_settings(ROOT_URLCONF=urls.__name__):
        anonymous = APIClient()
        assert anonymous.get("/api/workouts/").status_code in (401, 403)
        assert anonymous.post("/api/workouts/", new, format="json").status_code in (401, 403)
        client = APIClient()
        client.force_authenticate(alice)
        created = client.post("/api/workouts/", new, format="json")
        assert created.status_code == 201, created.content
        mine = Workout.objects.get(id=created.json()["id"])
        assert mine.user == alice
        listed = client.get("/api/workouts/").json()
        assert [w["id"] for w in listed] == [mine.id]
        assert client.get(f"/api/workouts/{mine.id}/").status_code == 200
        edited = client.patch(f"/api/workouts/{mine.id}/", {"duration_minutes": 35})
        assert edited.status_code == 200
        for method in (client.get, client.patch, client.delete):
            assert method(f"/api/workouts/{bobs.id}/").status_code == 404
        assert client.delete(f"/api/workouts/{mine.id}/").status_code == 204
    assert list(Workout.objects.values_list("user__username", "duration_minutes")) == [("bob", 40)]


@harness("drf-workout-viewset")
def viewset_serves_only_the_signed_in_users_records(sample: Sample, tmp: Path) -> None:
    with django_ready(tmp):
        import workouts.api  # type: ignore[import-not-found]

        check_workout_viewset(workouts.api.router)


@harness("django-plan-admin")
def admin_lists_filters_and_edits_plans(sample: Sample, tmp: Path) -> None:
    with django_ready(tmp):
        from django.test import Client
        from plans.models import Plan  # type: ignore[import-not-found]

        Plan.objects.create(name="Starter", monthly_price="9.00")
        retired = Plan.objects.create(name="Legacy", monthly_price="5.00", active=False)
        client = Client()
        client.force_login(user("staff", is_staff=True, is_superuser=True))
        active = client.get("/admin/plans/plan/?active__exact=1")
        assert active.status_code == 200
        html = active.content.decode()
        assert "Starter" in html and "Legacy" not in html and "Monthly price" in html
        changed = client.post(
            f"/admin/plans/plan/{retired.id}/change/",
            {"name": "Legacy", "monthly_price": "6.00", "active": "on"},
        )
        assert changed.status_code == 302
        retired.refresh_from_db()
        assert (str(retired.monthly_price), retired.active) == ("6.00", True)


@harness("django-subscription-model")
def subscription_model_knows_when_it_is_active(sample: Sample, tmp: Path) -> None:
    with django_ready(tmp):
        from billing.models import Plan, Subscription  # type: ignore[import-not-found]
        from django.db import IntegrityError, transaction
        from django.db.models import ProtectedError

        plan = Plan.objects.create(name="Pro")
        owner = user("payer")

        def subscribe(who: Any, provider_id: str, status: str) -> Any:
            return Subscription.objects.create(
                user=who,
                plan=plan,
                provider_id=provider_id,
                status=status,
                current_period_end="2026-12-31T00:00:00Z",
            )

        sub = subscribe(owner, "sub_1", "trialing")
        assert sub.is_active()
        sub.status = "past_due"
        assert not sub.is_active()
        for who, provider_id in ((owner, "sub_2"), (user("other"), "sub_1")):
            with transaction.atomic(), _raises(IntegrityError):
                subscribe(who, provider_id, "active")
        with _raises(ProtectedError):
            plan.delete()


@contextmanager
def _raises(error: type[BaseException]) -> Iterator[None]:
    try:
        yield
    except error:
        return
    raise AssertionError(f"expected {error.__name__}")


@harness("django-app-urls")
def app_urls_resolve_by_name(sample: Sample, tmp: Path) -> None:
    with django_ready(tmp):
        from django.test import Client
        from django.urls import reverse

        assert reverse("orders:show", kwargs={"order_id": 7}) == "/orders/7/"
        client = Client()
        assert client.get("/orders/7/").json() == {"id": 7}
        assert client.get("/orders/seven/").status_code == 404


@harness("django-light-query")
def query_returns_light_rows(sample: Sample, tmp: Path) -> None:
    with django_ready(tmp):
        from orders.models import Order  # type: ignore[import-not-found]

        Order.objects.bulk_create(
            Order(status="paid" if n % 3 else "refunded", total=n, note="long " * 50)
            for n in range(1, 181)
        )
        module = run_module(sample, "sample_recent", {"Order": Order})
        rows = list(module.recent)
        paid = Order.objects.filter(status="paid").order_by("-id")
        paid_ids = list(paid.values_list("id", flat=True))
        assert [r["id"] for r in rows] == paid_ids[:100]
        assert all(set(r) == {"id", "total"} for r in rows)


@harness("django-cached-view")
def cached_view_runs_its_query_once(sample: Sample, tmp: Path) -> None:
    with django_ready(tmp):
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext
        from scores.models import Player, Score  # type: ignore[import-not-found]

        for points in range(25):
            Score.objects.create(player=Player.objects.create(name=f"p{points}"), points=points)
        client = Client()
        with CaptureQueriesContext(connection) as first_queries:
            first = client.get("/leaderboard/")
        with CaptureQueriesContext(connection) as second_queries:
            second = client.get("/leaderboard/")
        assert (first.status_code, second.status_code) == (200, 200)
        assert len(first_queries) == 1, "select_related: one query for scores and players"
        assert len(second_queries) == 0, "the second response comes from the cache"
        assert first.content == second.content
        assert first.content.decode().startswith("p24=24;p23=23;")
        assert first.content.decode().count(";") == 20
        assert "max-age=300" in first["Cache-Control"]


# --------------------------------------------------------------------------- shell


@harness("django-startproject-shop")
def startproject_and_startapp_create_the_layout(sample: Sample, tmp: Path) -> None:
    run_shell(sample, tmp)
    for name in ("manage.py", "shop/settings.py", "shop/asgi.py", "shop/wsgi.py", "shop/urls.py"):
        assert (tmp / name).is_file(), name
    for name in ("models.py", "views.py", "admin.py", "tests.py", "migrations/__init__.py"):
        assert (tmp / "orders" / name).is_file(), name


@harness("gunicorn-flask-factory")
def gunicorn_loads_the_flask_factory(sample: Sample, tmp: Path) -> None:
    factory = sample_by_id("flask-app-factory")
    write_module(factory, tmp / "shop.py")
    (tmp / "config.py").write_text("class Production:\n    SECRET_KEY = 'from-the-env'\n")
    line = sample.code.strip()
    run_shell(sample, tmp, {line: line.replace("gunicorn ", "gunicorn --check-config ", 1)})


PRODUCTION_SETTINGS = """
DEBUG = False
ALLOWED_HOSTS = ["shop.example"]
STATIC_ROOT = BASE_DIR / "staticfiles"
"""
SMTP_MAILER = """
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend"}}
"""


@harness("django-release-steps")
def release_steps_run_against_production_settings(sample: Sample, tmp: Path) -> None:
    starter = Sample(sample.file, sample.field, 0, 1, "bash", "django-admin startproject mysite .")
    run_shell(starter, tmp)
    # The text: check --deploy reports the console backend a new project's MAILERS starts with.
    check = Sample(sample.file, sample.field, 0, 1, "bash", "python manage.py check --deploy")
    with pytest.raises(AssertionError, match=r"mail\.E001.*console\.EmailBackend"):
        run_shell(check, tmp)
    with (tmp / "mysite/settings.py").open("a") as settings:
        settings.write(PRODUCTION_SETTINGS + SMTP_MAILER)
    gunicorn = next(line for line in sample.code.splitlines() if line.startswith("gunicorn"))
    ran = run_shell(
        sample, tmp, {gunicorn: gunicorn.replace("gunicorn ", "gunicorn --check-config ", 1)}
    )
    assert "security.W004" in ran[0].output  # check --deploy reported, did not stop the release
    assert (tmp / "staticfiles/admin/css/base.css").is_file()
    assert (tmp / "db.sqlite3").stat().st_size > 0


@harness("flask-run-debug")
def flask_cli_finds_the_app(sample: Sample, tmp: Path) -> None:
    write_module(sample_by_id("flask-health-endpoint"), tmp / "app.py")
    # `run` would start a server; `routes` loads the same app the same way.
    ran = run_shell(sample, tmp, {"flask --app app run --debug": "flask --app app routes"})
    assert "/health" in ran[0].output


@harness("django-tutorial-steps")
def tutorial_steps_create_a_working_project(sample: Sample, tmp: Path) -> None:
    ran = run_shell(
        sample,
        tmp,
        {
            # Installing needs the network; the test environment has Django already.
            "python -m pip install Django": "python -c 'import django'",
            # runserver runs the system checks, then serves; run only the checks.
            "python manage.py runserver": "python manage.py check",
        },
    )
    assert (tmp / "polls/apps.py").is_file()
    assert "no issues" in ran[-1].output


@harness("django-check-deploy")
def deploy_check_warns_and_fails_only_when_asked(sample: Sample, tmp: Path) -> None:
    starter = Sample(sample.file, sample.field, 0, 1, "bash", "django-admin startproject mysite .")
    run_shell(starter, tmp)
    # The text: an error (the console email backend a new project starts with) always fails it.
    with pytest.raises(AssertionError, match=r"mail\.E001"):
        run_shell(sample, tmp)
    with (tmp / "mysite/settings.py").open("a") as settings:
        settings.write(SMTP_MAILER)
    ran = run_shell(sample, tmp)
    # What the text names: DEBUG, HSTS, session and CSRF cookies.
    for warning in ("security.W018", "security.W004", "security.W012", "security.W016"):
        assert warning in ran[0].output, warning
    strict = Sample(
        sample.file,
        sample.field,
        0,
        1,
        "bash",
        "python manage.py check --deploy --fail-level WARNING",
    )
    try:
        run_shell(strict, tmp)
    except AssertionError as failed:
        assert "security.W018" in str(failed)
    else:
        raise AssertionError("--fail-level WARNING should make the warnings fail the command")
