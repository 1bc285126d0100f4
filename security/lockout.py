"""Login lockout for sign-ins over the web.

django-axes' backend refuses to authenticate without a request, which would break
``manage.py`` commands and Django's test client that authenticate without one. Those never
come from the network, so the lockout check is applied only when there is a request.
"""

from axes.backends import AxesStandaloneBackend


class LoginLockoutBackend(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
