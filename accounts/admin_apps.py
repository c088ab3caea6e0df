from django.contrib.admin.apps import AdminConfig


class CountyAdminConfig(AdminConfig):
    """django.contrib.admin with the site that requires a second factor (accounts.admin_site)."""

    default_site = "accounts.admin_site.CountyAdminSite"
