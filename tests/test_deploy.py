"""The systemd units in deploy/: valid for systemd (`systemd-analyze verify`, which needs no
running systemd), hardened (the options, and `systemd-analyze security`'s score), and consistent
with the commands they start."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
SERVICES = sorted(DEPLOY.glob("*.service"))
TIMERS = sorted(DEPLOY.glob("*.timer"))
VENV_BIN = Path(sys.executable).parent
# What every unit that runs our code must say (issue 16), beyond systemd-analyze's score.
HARDENING = {
    "User": "norrsken",
    "Group": "norrsken",
    "ProtectSystem": "strict",
    "PrivateTmp": "yes",
    "NoNewPrivileges": "yes",
    "ProtectHome": "yes",
    "PrivateDevices": "yes",
    "CapabilityBoundingSet": "",
    "MemoryDenyWriteExecute": "yes",
    "UMask": "0077",
    "SystemCallArchitectures": "native",
    "EnvironmentFile": "/etc/norrsken/norrsken.env",
}


def _options(path: Path) -> dict[str, list[str]]:
    options: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, value = line.split("=", 1)
            options.setdefault(key.strip(), []).append(value.strip())
    return options


@pytest.fixture
def installed(tmp_path) -> Path:
    """The units as installed, with the virtual environment where this test runs from."""
    for unit in (*SERVICES, *TIMERS):
        text = unit.read_text(encoding="utf-8").replace("/srv/norrsken/.venv/bin/", f"{VENV_BIN}/")
        (tmp_path / unit.name).write_text(text, encoding="utf-8")
    return tmp_path


def test_the_units_are_there():
    names = {unit.name for unit in (*SERVICES, *TIMERS)}
    assert {"norrsken.service", "norrsken-jobs.service", "norrsken-jobs.timer"} <= names
    assert {"norrsken-backup.service", "norrsken-backup.timer"} <= names


def test_systemd_analyze_verify_accepts_every_unit_without_a_warning(installed):
    units = sorted(str(path) for path in installed.iterdir())
    result = subprocess.run(
        ["systemd-analyze", "verify", *units], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout + result.stderr == "", "unknown keys and bad values are only warned"


@pytest.mark.parametrize("service", SERVICES, ids=lambda path: path.name)
def test_every_service_has_its_own_user_and_the_hardening_options(service):
    options = _options(service)
    for key, value in HARDENING.items():
        assert options.get(key) == [value], key
    writable = " ".join(options["ReadWritePaths"]).split()
    assert writable[0] == "/var/lib/norrsken", "the data folder"
    assert set(writable) <= {"/var/lib/norrsken", "/var/backups/norrsken"}
    assert options["RestrictAddressFamilies"] == ["AF_UNIX AF_INET AF_INET6"]
    assert "@system-service" in options["SystemCallFilter"]


def test_the_web_service_restarts_on_failure_and_tells_systemd_when_it_is_ready():
    options = _options(DEPLOY / "norrsken.service")
    assert options["Restart"] == ["on-failure"] and options["Type"] == ["notify"]
    assert options["StateDirectory"] == ["norrsken"] and options["StateDirectoryMode"] == ["0700"]


@pytest.mark.parametrize("service", SERVICES, ids=lambda path: path.name)
def test_systemd_analyze_security_rates_every_service_ok(installed, service):
    result = subprocess.run(
        ["systemd-analyze", "security", "--offline=yes", str(installed / service.name)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    score = re.search(r"Overall exposure level for \S+: (\d+\.\d+)", result.stdout)
    assert score, result.stdout + result.stderr
    assert float(score.group(1)) <= 1.5, result.stdout


def test_timers_start_existing_services():
    for timer in TIMERS:
        target = _options(timer)["Unit"][0]
        assert (DEPLOY / target).is_file(), target
        assert _options(timer)["Persistent"] == ["true"], "a missed run happens after a reboot"


def test_the_gunicorn_command_line_is_one_gunicorn_accepts():
    from gunicorn.config import Config

    command = _options(DEPLOY / "norrsken.service")["ExecStart"][0]
    command = command.replace("${NORRSKEN_WORKERS}", "2").replace(
        "${NORRSKEN_BIND}", "127.0.0.1:8001"
    )
    args = shlex.split(command)
    assert args[0] == "/srv/norrsken/.venv/bin/gunicorn"
    parsed = Config().parser().parse_args(args[1:])
    assert parsed.bind == ["127.0.0.1:8001"] and parsed.workers == 2
    assert parsed.control_socket_disable is True
    assert parsed.args == ["forms_service:create_app()"]
    assert "accesslog" not in {k for k, v in vars(parsed).items() if v}, "no access log"


WARM_CHECK = """
import runpy
from forms_service.deidentify import lexicon
before = lexicon._entries.cache_info().currsize
hook = runpy.run_path("gunicorn.conf.py")["post_worker_init"]
hook(None)
print(before, lexicon._entries.cache_info().currsize)
"""


def test_each_gunicorn_worker_loads_the_guards_word_lists_before_its_first_request(monkeypatch):
    """gunicorn reads ./gunicorn.conf.py from the working directory (the unit's, `make run`'s and
    bench/load.py's); its hook builds the word lists that the first submission would otherwise
    wait for (about half a second)."""
    from gunicorn.config import get_default_config_file

    root = Path(__file__).resolve().parent.parent
    monkeypatch.chdir(root)
    assert get_default_config_file() == str(root / "gunicorn.conf.py")
    done = subprocess.run(
        [sys.executable, "-c", WARM_CHECK], cwd=root, capture_output=True, text=True, check=True
    )
    before, after = map(int, done.stdout.split())
    assert before == 0 and after > 0


@pytest.mark.parametrize(
    ("unit", "subcommand"),
    [("norrsken-jobs.service", ["jobs", "run-due"]), ("norrsken-backup.service", ["backup"])],
)
def test_the_scheduled_units_start_commands_that_exist(unit, subcommand):
    command = _options(DEPLOY / unit)["ExecStart"][0]
    assert f"--app forms_service {' '.join(subcommand)}" in command
    result = subprocess.run(
        [str(VENV_BIN / "flask"), "--app", "forms_service", *subcommand, "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={k: v for k, v in os.environ.items() if not k.startswith("NORRSKEN_")},
    )
    assert result.returncode == 0, result.stderr


MDWE_PROBE = """
import ctypes, io
PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN = 65, 1
assert ctypes.CDLL(None, use_errno=True).prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0, 0, 0) == 0
import mmap
try:  # the rule is really on: writable and executable memory is refused
    mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
    raise SystemExit("PR_SET_MDWE did not take effect")
except PermissionError:
    pass
import pyrage
from pyrage import x25519
from argon2 import PasswordHasher
from forms_service import create_app, db
app = create_app({"TESTING": True, "DATABASE_URL": "sqlite:///" + FOLDER + "/m.db",
                  "SITE_DIR": FOLDER}, instance_path=FOLDER + "/instance")
db.upgrade(app.extensions["engine"])
assert app.test_client().get("/formular/samrad").status_code == 200
PasswordHasher().verify(PasswordHasher().hash("lösenord"), "lösenord")
key = x25519.Identity.generate()
out = io.BytesIO()
pyrage.encrypt_io(io.BytesIO(b"x" * 100000), out, [key.to_public()])
import psycopg, redis
print("ok")
"""


def test_the_app_runs_with_memory_deny_write_execute(tmp_path):
    """MemoryDenyWriteExecute=yes is safe for this app: its code paths (templates, Argon2,
    Fernet, age, SQLite, the PostgreSQL and Redis drivers) run under the kernel's own
    write-xor-execute rule (prctl PR_SET_MDWE), which refuses what systemd's filter refuses."""
    script = f"FOLDER = {str(tmp_path)!r}\n" + MDWE_PROBE
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={k: v for k, v in os.environ.items() if not k.startswith("NORRSKEN_")},
    )
    assert result.returncode == 0 and result.stdout.strip().endswith("ok"), result.stderr


def test_the_admin_wrapper_runs_flask_like_the_service_does():
    """deploy/norrsken (installed as /usr/local/bin/norrsken) uses the unit's user, settings file
    and folders, keeps the file system read-only but for the data and backup folders, and is
    valid sh."""
    wrapper = (DEPLOY / "norrsken").read_text(encoding="utf-8")
    assert subprocess.run(["sh", "-n", str(DEPLOY / "norrsken")]).returncode == 0
    service = _options(DEPLOY / "norrsken.service")
    assert f"--uid={service['User'][0]}" in wrapper
    assert f"EnvironmentFile={service['EnvironmentFile'][0]}" in wrapper
    assert f"WorkingDirectory={service['WorkingDirectory'][0]}" in wrapper
    assert "ProtectSystem=strict" in wrapper and "/srv/norrsken/.venv/bin/flask" in wrapper
    assert os.access(DEPLOY / "norrsken", os.X_OK)
