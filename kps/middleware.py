from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class SwedishFirstLocaleMiddleware(LocaleMiddleware):
    """Swedish unless the user picked another language with the switch in the header.

    The browser's Accept-Language is deliberately ignored: many hospital computers
    run an English operating system for users who work in Swedish.
    """

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response = super().process_response(request, response)
        # The language is per request: work done later on this thread (a task run in-process,
        # the next test) starts from Swedish again instead of inheriting this user's choice.
        translation.deactivate()
        return response
