"""gunicorn settings for the form service. gunicorn reads ./gunicorn.conf.py from its working
directory by default, so `make run`, the systemd unit (WorkingDirectory=/srv/norrsken) and
bench/load.py all use it; the command lines keep workers and bind.

Each worker builds the de-identification guard's word lists before it accepts a request: built
on first use they cost the first submission a worker serves about half a second (issue 15)."""


def post_worker_init(worker) -> None:
    from forms_service.deidentify import warm

    warm()
