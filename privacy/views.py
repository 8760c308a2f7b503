import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from privacy import services
from privacy.models import DeletionStatus


class PrivacyView(TemplateView):
    template_name = "privacy/privacy.html"


@login_required
def account_privacy(request):
    pending = request.user.deletion_requests.filter(status=DeletionStatus.PENDING).first()
    return render(request, "privacy/account_privacy.html", {"pending_request": pending})


@login_required
def account_data_download(request):
    data = services.user_data_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    filename = f"wecitizens-{request.user.pk}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def account_deletion_request(request):
    reason = request.POST.get("reason", "").replace("\x00", "")
    services.deletion_request_create(user=request.user, reason=reason)
    messages.success(
        request,
        _("Your request is recorded. Staff will confirm it and delete your account."),
    )
    return redirect("privacy:account_privacy")
