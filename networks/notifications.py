"""Wagtail's workflow emails (a page or snippet sent for approval, approved, rejected), written
only to people who may see what they are about.

Wagtail writes to the task's groups (the Moderators), to superusers and to the requester, who
may be outside a restricted report's groups or have left them since: each notifier here is
Wagtail's own, with the recipients ``core.privacy`` refuses left out. ``connect()`` puts them in
place of Wagtail's on the same signals (networks/apps.py).
"""

from wagtail.admin import mail
from wagtail.models import TaskState, WorkflowState
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
