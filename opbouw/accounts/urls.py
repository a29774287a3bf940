from django.urls import path

from opbouw.accounts import views

app_name = "accounts"
urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    path("", views.account, name="account"),
    path("wachtwoord/", views.PasswordChangeView.as_view(), name="password_change"),
    path("wachtwoord-vergeten/", views.PasswordResetView.as_view(), name="password_reset"),
    path("wachtwoord-vergeten/verstuurd/", views.PasswordResetDoneView.as_view(),
         name="password_reset_done"),
    path("wachtwoord-herstellen/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("wachtwoord-herstellen/klaar/", views.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
    path("taal/", views.language_switch, name="language"),
]
