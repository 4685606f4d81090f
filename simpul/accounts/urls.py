from django.urls import path

from simpul.accounts import views

app_name = "accounts"
URL_PREFIX = ""

urlpatterns = [
    path("masuk/", views.login_view, name="login"),
    path("masuk/2fa/", views.second_factor, name="second_factor"),
    path("keluar/", views.logout_view, name="logout"),
    path("keluar/semua/", views.logout_all, name="logout_all"),
    path("akun/", views.account, name="account"),
    path("akun/kata-sandi/", views.password_change, name="password_change"),
    path("akun/2fa/kode-pemulihan/", views.recovery_codes_new, name="recovery_codes_new"),
    path("organisasi/", views.org_list, name="org_list"),
    path("organisasi/<int:org_id>/pengguna/", views.org_users, name="org_users"),
    path("organisasi/<int:org_id>/pengguna/undang/", views.org_user_invite, name="org_user_invite"),
    path("organisasi/<int:org_id>/pengguna/<int:user_id>/", views.org_user_detail, name="org_user_detail"),
    path("organisasi/<int:org_id>/pengguna/<int:user_id>/<slug:action>/", views.org_user_action, name="org_user_action"),
]
