"""Sending a weekly update to its subscribers: nobody missed, nobody twice.

Starting a mailing (``start_mailing``) renders the email once and writes one Delivery row per
confirmed subscriber who has not had the update (unique on update and subscriber), then queues
the ``send_mailing`` task. The worker (``deliver``) takes one pending row at a time:

    BEGIN
    SELECT … FOR UPDATE SKIP LOCKED LIMIT 1     -- claim the next pending delivery
    (SMTP: MAIL, RCPT, DATA; the server answers 250 "accepted")
    UPDATE … SET status = 'sent'
    COMMIT

The row lock is held while the message goes out, so no two workers send the same row, and a
worker that is killed leaves nothing claimed: PostgreSQL ends its transaction at once and the row
is pending again for the next worker (no leases or time-outs to wait for). The row is marked
sent only after the SMTP server has accepted the message, so nobody is skipped.

The window between the server's 250 and our COMMIT cannot be closed: SMTP and PostgreSQL share
no transaction. A worker killed inside it (one message round trip plus one commit, about a
millisecond) has handed over a message it did not record, and the message goes again on resume.
We chose at-least-once for that one message rather than at-most-once (marking it sent before the
final DATA dot, which would lose it instead): a weekly update with actions in it is better
received twice than missed. Each copy has the same Message-ID (update and subscriber), which
mail clients and Gmail use to hide a duplicate. SIGTERM or Ctrl-C does not open the window: the
worker finishes the message in hand, commits and stops.

The commit of each "sent" uses ``synchronous_commit = off``: it does not wait for the disk, which
makes it about ten times faster. A killed worker loses nothing by this (PostgreSQL still writes
the commit); only a crash of the database server itself within a fraction of a second could
forget a few "sent" marks, and those messages would go again: still at-least-once.

A worker sends with several threads side by side (NEWSLETTER_SENDING_THREADS, 4), each with its
own database and SMTP connections: the row locks keep them apart, and a kill can catch one
message per thread in the window above. Each sending worker holds a shared PostgreSQL advisory
lock on the mailing, which the server releases the moment the worker's connection goes;
``resume_stalled`` queues again an unfinished mailing whose lock nobody holds (its worker died),
and ``manage.py run_worker`` calls it when it starts and every minute.

Subscribers who follow networks get a copy that starts with those networks' actions: the
mailing has one ``MailingCopy`` per distinct choice that matters (rendered once when the sending
starts), and each delivery says which copy it sends; the sender keeps each copy's prepared bytes.

Failures: a 5xx answer for a recipient is permanent (recorded, shown, not retried); a 4xx is
retried with back-off (1, 4, 16, 64 minutes, then recorded as failed). When the server cannot be
reached at all, the whole mailing waits with the same back-off and carries on where it stopped.
"""

import datetime
import logging
import signal
import smtplib
import threading
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection, transaction
from django.db.models import Count, Min
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks.exceptions import TaskResultDoesNotExist

from newsletters.models import WeeklyUpdatePage

from . import email_render
from .models import Delivery, Mailing, MailingCopy, Subscriber
from .prepared_email import PreparedEmail

logger = logging.getLogger(__name__)

LOCK_CLASS = 51_405  # the first key of the advisory locks on mailings
MESSAGES_PER_CONNECTION = 200
MAX_ATTEMPTS = 5
FIRST_RETRY = datetime.timedelta(minutes=1)
LONGEST_RETRY = datetime.timedelta(hours=6)


class MailingRefused(Exception):
    """Sending cannot start; the message says why."""


def backoff(attempt):
    """The wait before try number ``attempt + 1``: 1, 4, 16, 64 minutes…, at most six hours."""
    return min(FIRST_RETRY * 4 ** max(attempt - 1, 0), LONGEST_RETRY)


# --- starting ---------------------------------------------------------------------------------


def recipients(update):
    """Confirmed subscribers who have not had this update and are not about to."""
    had_it = Delivery.objects.filter(
        update=update, status__in=[Delivery.Status.SENT, Delivery.Status.PENDING]
    ).values("subscriber_id")
    return Subscriber.objects.confirmed().exclude(pk__in=had_it)


def is_sending(update):
    return Delivery.objects.filter(update=update, status=Delivery.Status.PENDING).exists()


def start_mailing(update, user=None):
    """Render the update once, record a delivery per recipient and queue the sending."""
    with transaction.atomic():
        # One "Send" at a time per update: a second click waits here, then finds it sending.
        WeeklyUpdatePage.objects.select_for_update().filter(pk=update.pk).first()
        if not update.live:
            raise MailingRefused("Only a published update can be sent.")
        if is_sending(update):
            raise MailingRefused("This update is being sent already.")
        recipient_ids = list(recipients(update).values_list("pk", flat=True))
        if not recipient_ids:
            raise MailingRefused("There is nobody to send it to: every subscriber has had it.")
        email = email_render.UpdateEmail(update)
        key_of = copy_keys(email, recipients(update))
        mailing = Mailing.objects.create(
            update=update,
            requested_by=user if user is not None and user.is_authenticated else None,
            from_email=settings.DEFAULT_FROM_EMAIL,
            subject=email.subject,
            **_checked(email, ""),
        )
        copies = {
            key: MailingCopy.objects.create(
                mailing=mailing, networks_key=key, **_checked(email, key)
            )
            for key in sorted(set(key_of.values()))
        }
        earlier = Delivery.objects.filter(update=update, subscriber_id__in=recipient_ids)
        again = set(earlier.values_list("subscriber_id", flat=True))
        earlier.update(
            mailing=mailing,
            copy=None,
            status=Delivery.Status.PENDING,
            attempts=0,
            last_error="",
            next_attempt_at=timezone.now(),
        )
        Delivery.objects.bulk_create(
            (
                Delivery(
                    mailing=mailing,
                    update=update,
                    subscriber_id=pk,
                    copy=copies.get(key_of.get(pk)),
                )
                for pk in recipient_ids
                if pk not in again
            ),
            batch_size=2000,
        )
        for key, copy in copies.items():
            readers = [pk for pk in again if key_of.get(pk) == key]
            if readers:
                earlier.filter(subscriber_id__in=readers).update(copy=copy)
        enqueue(mailing)  # in the same transaction: the task exists if and only if the rows do
    return mailing


def copy_keys(email, readers):
    """Which copy each of ``readers`` (subscribers) gets, by subscriber id, for those whose
    networks have actions in the update; everyone else gets the mailing's own."""
    chosen = {}
    through = Subscriber.networks.through.objects.filter(subscriber__in=readers)
    for subscriber_id, network_id in through.values_list("subscriber_id", "networkpage_id"):
        chosen.setdefault(subscriber_id, set()).add(network_id)
    keys = {pk: email.key_for(networks) for pk, networks in chosen.items()}
    return {pk: key for pk, key in keys.items() if key}


def _checked(email, key):
    """One copy's HTML and text, refused now (not in the worker) if they could not be sent."""
    composed = email.render(key)
    PreparedEmail(composed.subject, composed.html, composed.text, settings.DEFAULT_FROM_EMAIL, 0)
    return {"html": composed.html, "text": composed.text}


def enqueue(mailing, run_after=None):
    task = send_mailing.using(run_after=run_after) if run_after else send_mailing
    result = task.enqueue(mailing.pk)
    Mailing.objects.filter(pk=mailing.pk).update(task_id=str(result.id))
    mailing.task_id = str(result.id)
    return result


def send_test(update, user, networks=()):
    """Send the update to the editor now, marked as a test, as someone following
    ``networks`` (ids) would get it."""
    if not user.email:
        raise MailingRefused("Your account has no email address: add one in your account.")
    composed = email_render.compose(update, test=True, networks=networks)
    prepared = PreparedEmail(
        composed.subject, composed.html, composed.text, settings.DEFAULT_FROM_EMAIL, update.pk
    )
    reader = Subscriber(email=user.email, name=user.get_full_name())
    message = prepared.for_subscriber(reader, signed="test-email")
    try:
        get_connection(fail_silently=False).send_messages([message])
    except (smtplib.SMTPException, OSError) as error:
        raise MailingRefused(f"The mail server did not take the test email: {error}") from error


# --- sending ----------------------------------------------------------------------------------


@contextmanager
def mailing_lock(mailing_id, shared=False):
    """Try to take the mailing's advisory lock for this database session. Senders take it
    shared (several may send one mailing; the row locks keep them apart); ``being_sent`` asks
    for it exclusively, which fails while any sender holds it."""
    kind = "_shared" if shared else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT pg_try_advisory_lock{kind}(%s, %s)", [LOCK_CLASS, mailing_id])
        locked = cursor.fetchone()[0]
    try:
        yield locked
    finally:
        if locked:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT pg_advisory_unlock{kind}(%s, %s)", [LOCK_CLASS, mailing_id])


def being_sent(mailing_id):
    """Is a worker (another database session) sending this mailing right now? PostgreSQL
    releases a session's locks as soon as its client is gone, killed or not."""
    with mailing_lock(mailing_id) as free:
        return not free


class _StopFlag:
    """Set by a signal (stop after the message in hand) or by a sender that cannot reach the
    mail server (no point in the others trying)."""

    def __init__(self):
        self.requested = False
        self.server_unreachable = False
        self.lock = threading.Lock()
        self.signal = None
        self.handler = None

    def pass_on(self):
        """Give a signal that stopped the sending to the handler it would have gone to."""
        if self.signal is not None and callable(self.handler):
            self.handler(self.signal, None)


@contextmanager
def stop_on_signals():
    """SIGTERM and SIGINT (Ctrl-C) let the messages in hand finish and be recorded, then stop
    the sending; a second signal meanwhile is ignored, so it cannot cut a message short. The
    signal is passed on to the handler it replaced (the worker's, which then stops) by
    ``flag.pass_on()`` once the sending has tidied up. Only in the main thread, where Python
    allows signal handlers."""
    flag = _StopFlag()
    if threading.current_thread() is not threading.main_thread():
        yield flag
        return
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}

    def handler(signum, frame):
        flag.requested = True
        if flag.signal is None:
            flag.signal = signum
            flag.handler = previous.get(signum)

    for sig in previous:
        signal.signal(sig, handler)
    try:
        yield flag
    finally:
        for sig, earlier in previous.items():
            signal.signal(sig, earlier)


@dataclass
class _Failure:
    code: int | None
    message: str
    per_recipient: bool

    @property
    def permanent(self):
        return self.code is not None and 500 <= self.code < 600

    def __str__(self):
        return f"{self.code} {self.message}" if self.code else self.message


def _failure(error):
    """What an exception from sending one message means."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, text = next(iter(error.recipients.values()), (None, b""))
        return _Failure(code, _text(text), per_recipient=True)
    if isinstance(error, smtplib.SMTPDataError):
        return _Failure(error.smtp_code, _text(error.smtp_error), per_recipient=True)
    if isinstance(error, ValueError):
        return _Failure(553, f"The address cannot be used: {error}", per_recipient=True)
    if isinstance(error, smtplib.SMTPResponseException):
        return _Failure(error.smtp_code, _text(error.smtp_error), per_recipient=False)
    return _Failure(None, f"{type(error).__name__}: {error}", per_recipient=False)


def _text(value):
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


class Sender:
    """Sends one mailing's pending deliveries over reused SMTP connections."""

    def __init__(self, mailing):
        self.mailing = mailing
        self.prepared = {None: PreparedEmail.for_mailing(mailing)}  # by copy id
        self.backend = None
        self.on_connection = 0
        self.sent = 0
        self.stop = None
        self.error = None

    def close(self):
        if self.backend is not None:
            try:
                self.backend.close()
            finally:
                self.backend = None
                self.on_connection = 0

    def _backend(self):
        if self.backend is None:
            self.backend = get_connection(fail_silently=False)
            self.backend.open()
        return self.backend

    # The hot loop in SQL: one claim and one update per message, no query building.
    # Table names come from the models; every value is a query parameter.
    CLAIM = f"""
        SELECT d.id, d.attempts, d.copy_id, s.id, s.email, s.name, s.status, s.key
        FROM {Delivery._meta.db_table} d
        JOIN {Subscriber._meta.db_table} s ON s.id = d.subscriber_id
        WHERE d.mailing_id = %s AND d.status = 'pending' AND d.next_attempt_at <= %s
        ORDER BY d.id
        LIMIT 1
        FOR UPDATE OF d SKIP LOCKED
    """  # noqa: S608
    MARK_SENT = f"""
        UPDATE {Delivery._meta.db_table}
        SET status = 'sent', attempts = attempts + 1, sent_at = %s, last_error = ''
        WHERE id = %s
    """  # noqa: S608

    def run(self, stop):
        """Claim, send and record one delivery per transaction until none is due."""
        self.stop = stop
        while not stop.requested:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(self.CLAIM, [self.mailing.pk, timezone.now()])
                row = cursor.fetchone()
                if row is None:
                    return
                delivery_id, attempts, copy_id, subscriber_id, email, name, status, key = row
                subscriber = Subscriber(
                    id=subscriber_id, email=email, name=name, status=status, key=key
                )
                delivery = Delivery(
                    id=delivery_id,
                    mailing_id=self.mailing.pk,
                    update_id=self.mailing.update_id,
                    subscriber=subscriber,
                    attempts=attempts,
                    copy_id=copy_id,
                )
                if self.send(delivery):
                    cursor.execute(self.MARK_SENT, [timezone.now(), delivery_id])
            if self.on_connection >= MESSAGES_PER_CONNECTION:
                self.close()  # a fresh connection now and then, after the commit

    def _prepared(self, copy_id):
        if copy_id not in self.prepared:
            copy = MailingCopy.objects.get(pk=copy_id)
            self.prepared[copy_id] = PreparedEmail.for_mailing(self.mailing, copy)
        return self.prepared[copy_id]

    def send(self, delivery):
        """Send one subscriber's copy; True once the server has accepted it."""
        subscriber = delivery.subscriber
        if subscriber.status != Subscriber.Status.CONFIRMED:
            delivery.status = Delivery.Status.SKIPPED
            delivery.save(update_fields=["status"])
            return False
        try:
            message = self._prepared(delivery.copy_id).for_subscriber(subscriber)
            self._backend().send_messages([message])
        except Exception as error:  # noqa: BLE001 (every failure is recorded, none is lost)
            self.failed(delivery, _failure(error))
            return False
        self.sent += 1
        self.on_connection += 1
        return True

    def failed(self, delivery, failure):
        if not failure.per_recipient:
            # The server is unreachable or refuses us: nobody's fault in particular. The
            # mailing waits and carries on with this same delivery.
            self.close()
            with self.stop.lock:
                first = not self.stop.server_unreachable
                self.stop.server_unreachable = self.stop.requested = True
            if first:
                failures = self.mailing.connection_failures + 1
                Mailing.objects.filter(pk=self.mailing.pk).update(
                    connection_failures=failures,
                    last_error=str(failure)[:2000],
                    retry_at=timezone.now() + backoff(failures),
                )
                logger.warning("Mailing %s: %s", self.mailing.pk, failure)
            return
        if failure.code == 421:  # the server is closing the connection
            self.close()
        delivery.attempts += 1
        delivery.last_error = str(failure)[:2000]
        if failure.permanent or delivery.attempts >= MAX_ATTEMPTS:
            delivery.status = Delivery.Status.FAILED
        else:
            delivery.next_attempt_at = timezone.now() + backoff(delivery.attempts)
        delivery.save(update_fields=["status", "attempts", "last_error", "next_attempt_at"])


def sending_threads():
    return max(1, int(getattr(settings, "NEWSLETTER_SENDING_THREADS", 4)))


@task(backend="email")
def send_mailing(mailing_id: int) -> dict:
    """The background task (django-tasks-db's "email" backend, run by ``manage.py run_worker``)
    that sends a mailing's pending deliveries: it queues itself again while some are left."""
    return deliver(mailing_id)


def deliver(mailing_id, threads=None):
    """Send what is due of a mailing, then queue the rest (retries) or mark it finished.

    ``threads`` senders work side by side, each with its own database and SMTP connections
    (most of a message's time is spent waiting for the two servers). Inside a transaction (the
    tests) there is one, in this thread, since other connections could not see its rows.
    """
    mailing = Mailing.objects.filter(pk=mailing_id).first()
    if mailing is None:
        return {"status": "gone"}
    threads = threads or sending_threads()
    if connection.in_atomic_block:
        threads = 1
    with mailing_lock(mailing.pk, shared=True):
        if mailing.retry_at and mailing.retry_at > timezone.now():
            enqueue(mailing, run_after=mailing.retry_at)
            return {"status": "waiting"}
        senders = [Sender(mailing) for _ in range(threads)]
        with stop_on_signals() as stop:
            if threads == 1:
                _run(senders[0], stop, own_connection=False)
            else:
                workers = [
                    threading.Thread(target=_run, args=(sender, stop), daemon=True)
                    for sender in senders
                ]
                for worker in workers:
                    worker.start()
                for worker in workers:
                    worker.join()
                for sender in senders:
                    if sender.error is not None:
                        raise sender.error
        sent = sum(sender.sent for sender in senders)
        if sent and mailing.connection_failures and not stop.server_unreachable:
            Mailing.objects.filter(pk=mailing.pk).update(
                connection_failures=0, last_error="", retry_at=None
            )
        mailing.refresh_from_db()
        result = _after(mailing, stopped=stop.requested and not stop.server_unreachable, sent=sent)
    stop.pass_on()
    return result


def _run(sender, stop, own_connection=True):
    """One sender's loop. Commits of "sent" do not wait for the disk (see the module's notes)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO OFF")
        sender.run(stop)
    except Exception as error:
        stop.requested = True  # the others stop too; the task fails and is resumed
        if not own_connection:
            raise
        sender.error = error
    finally:
        sender.close()
        if own_connection:
            connection.close()
        else:
            with connection.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")


def _after(mailing, stopped, sent):
    pending = mailing.deliveries.filter(status=Delivery.Status.PENDING)
    if not pending.exists():
        Mailing.objects.filter(pk=mailing.pk).update(finished_at=timezone.now(), retry_at=None)
        return {"status": "finished", "sent": sent}
    if stopped:
        enqueue(mailing)  # the next worker carries on at once
        return {"status": "stopped", "sent": sent}
    run_after = mailing.retry_at or pending.aggregate(next=Min("next_attempt_at"))["next"]
    enqueue(mailing, run_after=max(run_after, timezone.now()))
    return {"status": "retrying", "sent": sent, "next": run_after.isoformat()}


def resume_stalled():
    """Queue again every unfinished mailing that no worker is sending and no task waits for
    (its worker was killed). Returns the mailings queued."""
    resumed = []
    for mailing in Mailing.objects.filter(finished_at__isnull=True):
        if not mailing.deliveries.filter(status=Delivery.Status.PENDING).exists():
            Mailing.objects.filter(pk=mailing.pk).update(finished_at=timezone.now())
            continue
        if being_sent(mailing.pk):
            continue
        if mailing.task_id:
            try:
                status = send_mailing.get_result(mailing.task_id).status
            except TaskResultDoesNotExist:
                status = None
            if status == TaskResultStatus.READY:
                continue
        enqueue(mailing)
        resumed.append(mailing)
    return resumed


# --- progress ---------------------------------------------------------------------------------


def progress(mailing):
    """Counts of a mailing's deliveries by status, and how far it has got."""
    counts = dict.fromkeys(Delivery.Status.values, 0)
    for row in mailing.deliveries.values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    total = sum(counts.values())
    done = total - counts[Delivery.Status.PENDING]
    return {
        **counts,
        "total": total,
        "done": done,
        "percent": round(100 * done / total) if total else 100,
        "finished": mailing.finished_at is not None,
    }
