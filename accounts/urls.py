from django.urls import path

from . import views, views_security

app_name = "accounts"

urlpatterns = [
    path("otp/verify/", views.otp_verify, name="otp_verify"),
    path("otp/enrol/", views.otp_enrol, name="otp_enrol"),
    path("otp/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("security/", views_security.security_users, name="security_users"),
    path("security/users/<int:pk>/", views_security.security_user, name="security_user"),
    path("security/lockouts/", views_security.security_lockouts, name="security_lockouts"),
    path("security/lockouts/lift/", views_security.security_lockout_lift, name="security_lockout_lift"),
]
