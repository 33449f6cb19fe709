"""Login, logout and passwords: Django's views with our templates, declared public or per role."""

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from mentoring.access import ALL_ROLES, allow, public
from mentoring.forms import LoginForm

login = public(auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=LoginForm))
logout = allow(*ALL_ROLES, methods=("POST",))(auth_views.LogoutView.as_view())
password_change = allow(*ALL_ROLES)(
    auth_views.PasswordChangeView.as_view(success_url=reverse_lazy("password_change_done"))
)
password_change_done = allow(*ALL_ROLES)(auth_views.PasswordChangeDoneView.as_view())
password_reset = public(
    auth_views.PasswordResetView.as_view(
        success_url=reverse_lazy("password_reset_done"),
        subject_template_name="registration/password_reset_subject.txt",
        email_template_name="registration/password_reset_email.txt",
    )
)
password_reset_done = public(auth_views.PasswordResetDoneView.as_view())
password_reset_confirm = public(
    auth_views.PasswordResetConfirmView.as_view(success_url=reverse_lazy("password_reset_complete"))
)
password_reset_complete = public(auth_views.PasswordResetCompleteView.as_view())
