"""Wagtail's emails about a page, written only to people who may see it.

- Workflow emails (a page or snippet sent for approval, approved, rejected): Wagtail writes to
  the task's groups (the Moderators), to superusers and to the requester, who may be outside a
  restricted report's groups or have left them since. Each notifier here is Wagtail's own, with
  the recipients ``core.privacy`` refuses left out; ``connect()`` puts them in place of
  Wagtail's on the same signals (networks/apps.py).
- Comment emails (comments added, resolved or answered in the page editor, or in the editor of
  an earlier revision to go back to): Wagtail writes to everyone subscribed to the page's
  comments and everyone in an answered or resolved thread, who may have left the page's groups
  since. ``EditPage`` and ``RevertPage`` are Wagtail's two editors writing only to those who may
  see the page (at Wagtail's addresses: networks/restricted_admin.py).
"""

from collections import defaultdict

from wagtail.admin import mail
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.revisions import RevisionsRevertView
from wagtail.models import Comment, PageSubscription, TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

from core.privacy import may_see_as


class ForThoseWhoMaySee:
    """Leaves out the recipients who may not see the page (or snippet) the email names."""

    def get_valid_recipients(self, instance, **kwargs):
        state = instance.workflow_state if isinstance(instance, TaskState) else instance
        subject = state.content_object
        return {
            user
            for user in super().get_valid_recipients(instance, **kwargs)
            if may_see_as(user, subject)
        }


class TaskSubmitted(ForThoseWhoMaySee, mail.GroupApprovalTaskStateSubmissionEmailNotifier):
    pass


class WorkflowSubmitted(ForThoseWhoMaySee, mail.WorkflowStateSubmissionEmailNotifier):
    pass


class WorkflowApproved(ForThoseWhoMaySee, mail.WorkflowStateApprovalEmailNotifier):
    pass


class WorkflowRejected(ForThoseWhoMaySee, mail.WorkflowStateRejectionEmailNotifier):
    pass


# Each signal, its sender, our notifier, and the dispatch_uid Wagtail connects its own with
# (wagtail/admin/signal_handlers.py, less "_email_notification"): ours takes its place.
NOTIFIERS = [
    (task_submitted, TaskState, TaskSubmitted, "group_approval_task_submitted"),
    (workflow_submitted, WorkflowState, WorkflowSubmitted, "workflow_state_submitted"),
    (workflow_rejected, WorkflowState, WorkflowRejected, "workflow_state_rejected"),
    (workflow_approved, WorkflowState, WorkflowApproved, "workflow_state_approved"),
]


def connect():
    """Puts these notifiers in place of Wagtail's, whichever app is ready first."""
    for signal, sender, notifier, name in NOTIFIERS:
        dispatch_uid = f"{name}_email_notification"
        signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
        signal.connect(notifier(), sender=sender, dispatch_uid=dispatch_uid, weak=False)


class CommentsForThoseWhoMaySee:
    """For Wagtail's page editor: its emails about comments reach only people who may see the
    page. Subscribers to its comments hear of every change, and people in a thread of the
    changes to their own threads (as Wagtail means to: its own tells each person in a thread
    of the threads of the last one it looked at)."""

    def send_commenting_notifications(self, changes):
        told = ("new_comments", "resolved_comments", "deleted_comments", "new_replies")
        if not any(changes[name] for name in told):  # (an edited comment is not told)
            return
        threads = {comment.pk for comment in changes["resolved_comments"]}
        threads |= {comment.pk for comment, _replies in changes["new_replies"]}
        readers = defaultdict(set)  # each reader: the threads they take part in, or None for all
        for comment in (
            Comment.objects.filter(pk__in=threads)
            .select_related("user")
            .prefetch_related("replies__user")
        ):
            for user in (comment.user, *(reply.user for reply in comment.replies.all())):
                readers[user].add(comment.pk)
        subscriptions = PageSubscription.objects.filter(page=self.page, comment_notifications=True)
        for subscription in subscriptions.select_related("user"):
            readers[subscription.user] = None
        readers.pop(self.request.user, None)
        for user, their_threads in readers.items():
            if may_see_as(user, self.page):
                mail.send_notification(
                    [user], "updated_comments", self.comment_changes(changes, their_threads)
                )

    def comment_changes(self, changes, threads):
        """What Wagtail's email about comments tells a reader of ``threads`` (None: all)."""

        def read(comment):
            return threads is None or comment.pk in threads

        return {
            "page": self.page,
            "editor": self.request.user,
            "new_comments": [c for c in changes["new_comments"] if read(c)],
            "resolved_comments": [c for c in changes["resolved_comments"] if read(c)],
            "deleted_comments": [c for c in changes["deleted_comments"] if read(c)],
            "replied_comments": [
                {"comment": comment, "replies": replies}
                for comment, replies in changes["new_replies"]
                if read(comment)
            ],
        }


class EditPage(CommentsForThoseWhoMaySee, EditView):
    pass


class RevertPage(CommentsForThoseWhoMaySee, RevisionsRevertView):
    pass
