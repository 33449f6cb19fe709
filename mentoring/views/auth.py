"""Login, logout and passwords: Django's views with our templates, declared public or per role."""

from datetime import timedelta

from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse_lazy

from mentoring import throttle
from mentoring.access import ALL_ROLES, allow, public
from mentoring.forms import LoginForm
from mentoring.login_throttle import client_address
from mentoring.tasks import send_password_reset_letter

# Letters to one address, and requests from one client, per hour.
RESET_LIMITS = {"email": 3, "client": 10}
RESET_WINDOW = timedelta(hours=1)

login = public(auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=LoginForm))
logout = allow(*ALL_ROLES, methods=("POST",))(auth_views.LogoutView.as_view())
password_change = allow(*ALL_ROLES)(
    auth_views.PasswordChangeView.as_view(success_url=reverse_lazy("password_change_done"))
)
password_change_done = allow(*ALL_ROLES)(auth_views.PasswordChangeDoneView.as_view())


class PasswordResetView(auth_views.PasswordResetView):
    """The letter is written by the task worker: the request only counts and enqueues, the same for a
    known and an unknown address, so neither the answer nor its time tells whether one exists."""

    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        keys = {
            f"reset-email:{throttle.hashed(email)}": RESET_LIMITS["email"],
            f"reset-client:{throttle.hashed(client_address(self.request) or '')}": RESET_LIMITS["client"],
        }
        if not throttle.allow(limits=keys, window=RESET_WINDOW):
            return render(self.request, "registration/password_reset_throttled.html", status=429)
        send_password_reset_letter.enqueue(email=email)
        return HttpResponseRedirect(self.get_success_url())


password_reset = public(PasswordResetView.as_view())
password_reset_done = public(auth_views.PasswordResetDoneView.as_view())
password_reset_confirm = public(
    auth_views.PasswordResetConfirmView.as_view(success_url=reverse_lazy("password_reset_complete"))
)
password_reset_complete = public(auth_views.PasswordResetCompleteView.as_view())
